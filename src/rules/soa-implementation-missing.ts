/**
 * soa-implementation-missing: ISO/IEC 27001 6.1.3 d) asks the Statement of
 * Applicability to state, for every necessary control, whether it is implemented.
 * A control marked `applicable: true` therefore needs an `implementation` status.
 * One finding per entry, at the control's key, so each row can be fixed where it is.
 * An `implementation` that is written but not a status is soa-invalid, not this.
 */
import { IMPLEMENTATIONS } from '../model/soa.js';
import type { RepoRule } from './types.js';

/** Every example is a repository with one policy beside its SoA. */
const withPolicy = { 'policies/access.md': '---\nid: POL-AC-001\ntitle: Access control\nstatus: approved\niso27001:\n  controls: [A.5.15]\n---\n' };

const statuses = IMPLEMENTATIONS.map((status) => `\`${status}\``).join(', ');

export const soaImplementationMissing: RepoRule = {
  id: 'soa-implementation-missing',
  scope: 'repo',
  defaultSeverity: 'warning',
  summary: 'A control the SoA marks applicable has no `implementation` status.',
  docs: `Clause 6.1.3 d) requires the SoA to say whether each applicable control is implemented. Add \`implementation:\` with one of ${statuses} to the entry, e.g. \`A.5.15: { applicable: true, implementation: partial }\`. Controls marked \`applicable: false\` need a justification instead (soa-justification-missing).`,
  examples: {
    ok: [
      { name: 'an applicable control with its status', path: 'soa.yml', text: 'controls:\n  A.5.15: { applicable: true, implementation: implemented }\n', files: withPolicy },
      { name: 'not implemented yet, said so', path: 'soa.yml', text: 'controls:\n  A.8.12: { applicable: true, implementation: not-implemented }\n', files: withPolicy },
      { name: 'an excluded control needs no status', path: 'soa.yml', text: 'controls:\n  A.7.1: { applicable: false, justification: "Fully remote; no offices" }\n', files: withPolicy },
    ],
    notOk: [
      {
        name: 'an applicable control without a status',
        path: 'soa.yml',
        text: 'controls:\n  A.5.15: { applicable: true, implementation: implemented }\n  A.5.16: { applicable: true }\n',
        files: withPolicy,
        expected: ['3:3 `A.5.16` (applicable) has no `implementation` status: add `implementation:` with one of `implemented`, `partial`, `planned`, `not-implemented` (ISO/IEC 27001 6.1.3 d)'],
      },
      {
        name: 'the block form',
        path: 'soa.yml',
        text: 'controls:\n  A.8.12:\n    applicable: true\n    notes: DLP pilot\n',
        files: withPolicy,
        expected: ['2:3 `A.8.12`'],
      },
    ],
  },
  check({ soa, report }) {
    if (!soa) return;
    for (const decision of soa.decisions.values()) {
      if (!decision.applicable || decision.implementation !== null || decision.implementationInvalid) continue;
      report(
        `\`${decision.control}\` (applicable) has no \`implementation\` status: add \`implementation:\` with one of ${statuses} (ISO/IEC 27001 6.1.3 d)`,
        decision.position,
      );
    }
  },
};
