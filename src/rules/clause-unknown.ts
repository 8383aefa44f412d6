/**
 * clause-unknown: every entry of `iso27001.clauses` is a clause of ISO/IEC
 * 27001:2022 (4 to 10 with their sub-clauses). An Annex A number written as a
 * clause (`5.15`) is recognised and the control is suggested.
 */
import { getClause } from '../catalog/index.js';
import { clauseAsControl, nearestClause } from './suggest.js';
import type { FileRule } from './types.js';

export const clauseUnknown: FileRule = {
  id: 'clause-unknown',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'A clause id that is not a clause of ISO/IEC 27001:2022.',
  docs: 'Clauses run from `4` to `10.2` (`isms catalog` lists them). Annex A controls go under `iso27001.controls` with their `A.` prefix.',
  examples: {
    ok: [{ name: 'real clauses', text: '---\niso27001:\n  clauses: ["4.3", "6.1.3", "9.2.2"]\n---\n' }],
    notOk: [
      { name: 'a control in the clause list', text: '---\niso27001:\n  clauses: ["5.15"]\n---\n', expected: ['3:13 Unexpected clause `5.15`, expected control `A.5.15`'] },
      { name: 'a clause that does not exist', text: '---\niso27001:\n  clauses:\n    - "9.2.7"\n---\n', expected: ['4:7 expected `9.2`'] },
    ],
  },
  check({ policy, report }) {
    for (const { id, position } of policy.positions.clauses) {
      if (getClause(id)) continue;
      const control = clauseAsControl(id);
      if (control) {
        report(`Unexpected clause \`${id}\`, expected control \`${control}\` under \`iso27001.controls\``, position);
        continue;
      }
      const suggestion = nearestClause(id);
      report(`Unexpected clause \`${id}\` (not in ISO/IEC 27001:2022)${suggestion ? `, expected \`${suggestion}\`` : ''}`, position);
    }
  },
};
