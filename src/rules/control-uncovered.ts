/**
 * control-uncovered: a control the SoA marks applicable is implemented by some
 * document. Only non-retired policies count. Silent without an SoA (coverage is
 * still reported); undecided controls are soa-control-missing's business.
 */
import { getControl } from '../catalog/index.js';
import { coverageIndex } from '../model/coverage.js';
import type { RepoRule } from './types.js';

const policy = (controls: string, status = 'approved') =>
  `---\nid: POL-AC-001\ntitle: Access control\nstatus: ${status}\niso27001:\n  controls: [${controls}]\n---\n`;

export const controlUncovered: RepoRule = {
  id: 'control-uncovered',
  scope: 'repo',
  defaultSeverity: 'warning',
  summary: 'A control the SoA marks applicable that no non-retired policy maps.',
  docs: 'Add the control to `iso27001.controls` of the policy that implements it (or write one: `isms new`), or, if it does not apply, mark it `applicable: false` with a justification in the SoA. Retired policies cover nothing. A control mapped only by drafts is not reported here (the reports count it as "only by drafts", never as covered); an undecided control is soa-control-missing\'s. Reported at the control\'s entry in the SoA.',
  examples: {
    ok: [
      { name: 'mapped by a policy', path: 'soa.yml', text: 'controls:\n  A.5.15: { applicable: true }\n', files: { 'policies/access.md': policy('A.5.15') } },
      { name: 'no SoA file', text: policy('A.5.15') },
    ],
    notOk: [
      {
        name: 'an applicable control no policy maps',
        path: 'soa.yml',
        text: 'controls:\n  A.5.15: { applicable: true }\n  A.5.16: { applicable: true }\n',
        files: { 'policies/access.md': policy('A.5.15') },
        expected: ['3:3 Control `A.5.16` (Identity management) is applicable in the SoA but no policy maps it'],
      },
      {
        name: 'mapped only by a retired policy',
        path: 'soa.yml',
        text: 'controls:\n  A.5.15: { applicable: true }\n',
        files: { 'policies/access.md': policy('A.5.15', 'retired') },
        expected: ['2:3 `A.5.15`'],
      },
    ],
  },
  check({ policies, soa, report }) {
    if (!soa) return;
    const { coverage } = coverageIndex(policies, soa);
    for (const entry of coverage.controls) {
      if (entry.state !== 'uncovered') continue;
      const decision = soa.decisions.get(entry.id);
      if (!decision?.applicable) continue;
      report(
        `Control \`${entry.id}\` (${getControl(entry.id)?.title ?? ''}) is applicable in the SoA but no policy maps it: add it to \`iso27001.controls\` of the policy that implements it, or mark it \`applicable: false\` with a justification`,
        decision.position,
      );
    }
  },
};
