/**
 * control-unknown: every entry of `iso27001.controls` is an Annex A control of
 * ISO/IEC 27001:2022 (`A.5.1` to `A.8.34`), written exactly. A 2022 id written
 * loosely (`A 5.15`, `A5.15`, `5.15`, `A.05.15`, or the id followed by its exact
 * title) is one warning naming the exact id; it still counts for coverage, since
 * the control meant is certain. Digits that are also a clause (`5.2`: clause
 * 5.2 or control A.5.2?) are an error and count for nothing until fixed.
 * ISO/IEC 27001:2013 ids and objectives are left to control-legacy.
 */
import { getControl } from '../catalog/index.js';
import { themeRangeHint } from './suggest.js';
import type { FileRule } from './types.js';

export const controlUnknown: FileRule = {
  id: 'control-unknown',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'A control id that is not an Annex A control of ISO/IEC 27001:2022, or one written loosely (`A 5.15`).',
  docs: [
    'Annex A 2022 has 93 controls: A.5.1-A.5.37, A.6.1-A.6.8, A.7.1-A.7.14, A.8.1-A.8.34 (`isms catalog`).',
    '',
    '- Accepted: the exact id, `A.5.15`.',
    '- A warning that names the exact id (and still counts for coverage): `A 5.15`, `A5.15`, `a.5.15`, `5.15`, `A.05.15`, `A.5.15 Access control`. `isms migrate` rewrites them.',
    '- An error that counts for nothing: digits that are also a clause (`5.2`): write `A.5.2`, or move the clause to `iso27001.clauses`; and ids that are not controls (`A.5.99`). No near control is ever suggested: a near number is a different control.',
    '- 2013 ids (`A.9.2.2`, `9.2.2`, the objective `A.9.1`) are `control-legacy`.',
  ].join('\n'),
  examples: {
    ok: [{ name: 'real controls', text: '---\niso27001:\n  controls: [A.5.15, A.8.34]\n---\n' }],
    notOk: [
      {
        name: 'past the end of a theme',
        text: '---\niso27001:\n  controls: [A.5.99]\n---\n',
        expected: ['3:14 Unexpected control `A.5.99` (not in ISO/IEC 27001:2022 Annex A): Annex A 5 runs from `A.5.1` to `A.5.37`'],
      },
      { name: 'without the A. prefix', text: '---\niso27001:\n  controls: ["8.24"]\n---\n', expected: ['3:14 Unexpected `8.24`, expected `A.8.24`'] },
      { name: 'with a space for the dot', text: '---\niso27001:\n  controls:\n    - A 5.15\n---\n', expected: ['4:7 Unexpected `A 5.15`, expected `A.5.15`'] },
      {
        name: 'digits that are also a clause',
        text: '---\niso27001:\n  controls: ["5.2"]\n---\n',
        expected: ['3:14 Unexpected `5.2`, expected `A.5.2` (Information security roles and responsibilities) or, for clause 5.2, move it to `iso27001.clauses`'],
      },
    ],
  },
  check({ policy, report }) {
    for (const { id, position, reading } of policy.mapping.controls) {
      if (reading.kind === 'loose') {
        if (reading.alsoClause) {
          report(
            `Unexpected \`${id}\`, expected \`${reading.id}\` (${getControl(reading.id)?.title ?? ''}) or, for clause ${reading.alsoClause}, move it to \`iso27001.clauses\``,
            position,
          );
        } else {
          report(`Unexpected \`${id}\`, expected \`${reading.id}\` (${getControl(reading.id)?.title ?? ''}): the same control written exactly; \`isms migrate\` rewrites it`, position, {
            severity: 'warning',
          });
        }
        continue;
      }
      if (reading.kind !== 'unknown') continue;
      const hint = reading.nearest ? `, expected \`${reading.nearest}\` (${getControl(reading.nearest)?.title ?? ''})` : themeRangeHint(id) ? `: ${themeRangeHint(id)}` : '';
      report(`Unexpected control \`${id}\` (not in ISO/IEC 27001:2022 Annex A)${hint}`, position);
    }
  },
};
