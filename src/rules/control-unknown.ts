/**
 * control-unknown: every entry of `iso27001.controls` is an Annex A control of
 * ISO/IEC 27001:2022 (`A.5.1` to `A.8.34`). ISO/IEC 27001:2013 ids are left to
 * control-legacy, which names their replacements.
 */
import { getControl, getLegacyControl } from '../catalog/index.js';
import { nearestControl } from './suggest.js';
import type { FileRule } from './types.js';

export const controlUnknown: FileRule = {
  id: 'control-unknown',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'A control id that is not an Annex A control of ISO/IEC 27001:2022.',
  docs: 'Annex A 2022 has 93 controls: A.5.1-A.5.37, A.6.1-A.6.8, A.7.1-A.7.14, A.8.1-A.8.34 (`isms catalog`). The message suggests the nearest one.',
  examples: {
    ok: [{ name: 'real controls', text: '---\niso27001:\n  controls: [A.5.15, A.8.34]\n---\n' }],
    notOk: [
      { name: 'past the end of a theme', text: '---\niso27001:\n  controls: [A.5.99]\n---\n', expected: ['3:14 Unexpected control `A.5.99` (not in ISO/IEC 27001:2022 Annex A), expected `A.5.37`'] },
      { name: 'without the A. prefix', text: '---\niso27001:\n  controls: ["8.24"]\n---\n', expected: ['3:14 expected `A.8.24`'] },
    ],
  },
  check({ policy, report }) {
    for (const { id, position } of policy.positions.controls) {
      if (getControl(id) || getLegacyControl(id)) continue;
      const suggestion = nearestControl(/^\d/.test(id) ? `A.${id}` : id);
      report(`Unexpected control \`${id}\` (not in ISO/IEC 27001:2022 Annex A)${suggestion ? `, expected \`${suggestion}\`` : ''}`, position);
    }
  },
};
