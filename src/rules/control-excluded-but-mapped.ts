/**
 * control-excluded-but-mapped: a policy claims to implement a control that the
 * SoA says does not apply. One of the two is wrong, and an auditor will ask which.
 * Reported on the policy's list item; retired policies are ignored.
 */
import type { RepoRule } from './types.js';

const soa = 'controls:\n  A.7.1: { applicable: false, justification: "Fully remote; no offices" }\n  A.5.15: { applicable: true }\n';

export const controlExcludedButMapped: RepoRule = {
  id: 'control-excluded-but-mapped',
  scope: 'repo',
  defaultSeverity: 'warning',
  summary: 'A policy maps a control the SoA marks not applicable.',
  docs: 'Either remove the control from the policy\'s `iso27001.controls`, or, if the policy really implements it, mark the control `applicable: true` in the SoA and drop the justification.',
  examples: {
    ok: [{ name: 'a policy mapping an applicable control', text: '---\niso27001:\n  controls: [A.5.15]\n---\n', files: { 'soa.yml': soa } }],
    notOk: [
      {
        name: 'a policy mapping an excluded control',
        text: '---\nid: POL-PH-001\niso27001:\n  controls:\n    - A.5.15\n    - A.7.1\n---\n',
        files: { 'soa.yml': soa },
        expected: ['6:7 `A.7.1` is mapped here but the SoA (soa.yml) marks it not applicable ("Fully remote; no offices")'],
      },
    ],
  },
  check({ policies, soa, report }) {
    if (!soa) return;
    for (const policy of policies) {
      if (policy.status === 'retired') continue;
      for (const { id, position } of policy.positions.controls) {
        const decision = soa.decisions.get(id);
        if (!decision || decision.applicable) continue;
        const reason = decision.justification ? ` (${JSON.stringify(shorten(decision.justification))})` : '';
        report(
          `\`${id}\` is mapped here but the SoA (${soa.file}) marks it not applicable${reason}: remove it from this policy, or mark it \`applicable: true\` in the SoA`,
          position,
          { file: policy.file, policy: policy.id },
        );
      }
    }
  },
};

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}
