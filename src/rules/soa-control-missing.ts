/**
 * soa-control-missing: the SoA decides on every Annex A control (ISO/IEC 27001
 * 6.1.3 d: "all necessary controls", compared with Annex A). One finding lists
 * every undecided control, at the `controls:` key, rather than 93 findings on one line.
 */
import { controls } from '../catalog/index.js';
import type { RepoRule } from './types.js';

const everyControl = `controls:\n${controls.map((control) => `  ${control.id}: { applicable: true }`).join('\n')}\n`;

export const soaControlMissing: RepoRule = {
  id: 'soa-control-missing',
  scope: 'repo',
  defaultSeverity: 'warning',
  summary: 'Annex A controls the SoA does not decide on (one finding listing them).',
  docs: 'Add each listed control under `controls:` with `applicable: true`, or `applicable: false` and a justification. `isms catalog` lists all 93 with their titles. Without an SoA file this rule is silent.',
  examples: {
    ok: [{ name: 'all 93 decided', path: 'soa.yml', text: everyControl }],
    notOk: [
      {
        name: 'an SoA that decides one control',
        path: 'soa.yml',
        text: 'controls:\n  A.5.1: { applicable: true }\n',
        expected: ['1:1 The SoA decides nothing on 92 of the 93 Annex A controls: `A.5.2`, `A.5.3`'],
      },
    ],
  },
  check({ soa, report }) {
    if (!soa) return;
    const missing = controls.filter((control) => !soa.decisions.has(control.id) && !soa.unreadable?.has(control.id)).map((control) => control.id);
    if (missing.length === 0) return;
    report(
      `The SoA decides nothing on ${missing.length} of the ${controls.length} Annex A controls: ${missing.map((id) => `\`${id}\``).join(', ')}; add each under \`controls:\` with \`applicable: true\`, or \`applicable: false\` and a justification`,
      soa.controlsPosition ?? { line: 1, column: 1 },
    );
  },
};
