/**
 * clause-unknown: every entry of `iso27001.clauses` is a clause of ISO/IEC
 * 27001:2022 (4 to 10 with their sub-clauses) or a lettered item of one
 * (`6.1.3 d)`), which counts for its clause and the clause's parents. An id
 * that is not one never counts for coverage. An Annex A number written as a
 * clause (`5.15`) is recognised and the control is named.
 */
import { clauseShapeHint, formatIds } from './suggest.js';
import type { FileRule } from './types.js';

export const clauseUnknown: FileRule = {
  id: 'clause-unknown',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'A clause id that is not a clause of ISO/IEC 27001:2022 or a lettered item of one.',
  docs: [
    'Clauses run from `4` to `10.2` (`isms catalog` lists them).',
    '',
    '- Accepted: a clause (`6.1.3`) and a lettered item of a real clause, in any of the ways people write it: `6.1.3 d)`, `6.1.3 d`, `6.1.3(d)`, `6.1.3.d`, `7.5.3.c`. An item counts for its clause and the clause\'s parents (`6.1.3 d` covers 6.1.3 and 6.1).',
    '- Under edition 2013 (`.isms.yml` `edition: 2013` or `iso27001.edition: 2013`) clauses are read in 2013 numbering; a clause renumbered in 2022 is `control-legacy`.',
    '- Anything else (`5.2.zz`, `9.2.7`) is this error and covers nothing. `Clause 6.1.3` is named with its fix; no other clause is guessed.',
    '- Annex A controls go under `iso27001.controls` with their `A.` prefix: `5.15` here is named as `A.5.15`.',
  ].join('\n'),
  examples: {
    ok: [
      { name: 'real clauses', text: '---\niso27001:\n  clauses: ["4.3", "6.1.3", "9.2.2"]\n---\n' },
      { name: 'lettered items', text: '---\niso27001:\n  clauses: ["6.1.3 d", "6.1.3(d)", "6.1.3.d", "7.5.3.c", "6.1.3 d)"]\n---\n' },
    ],
    notOk: [
      { name: 'a control in the clause list', text: '---\niso27001:\n  clauses: ["5.15"]\n---\n', expected: ['3:13 Unexpected clause `5.15`, expected control `A.5.15`'] },
      {
        name: 'a clause that does not exist',
        text: '---\niso27001:\n  clauses:\n    - "9.2.7"\n---\n',
        expected: ['4:7 Unexpected clause `9.2.7` (not in ISO/IEC 27001:2022): clause 9.2 has `9.2.1`, `9.2.2`'],
      },
      {
        name: 'an item that is not one letter',
        text: '---\niso27001:\n  clauses: ["5.2.zz"]\n---\n',
        expected: ['3:13 Unexpected clause `5.2.zz` (not in ISO/IEC 27001:2022): an item of clause 5.2 is one letter, written `5.2 a)`'],
      },
      { name: 'a clause with a prefix', text: '---\niso27001:\n  clauses: ["Clause 6.1.3"]\n---\n', expected: ['3:13 Unexpected clause `Clause 6.1.3`, expected `6.1.3`'] },
    ],
  },
  check({ policy, report }) {
    const edition = policy.mapping.clauseEdition;
    for (const { id, position, reading } of policy.mapping.clauses) {
      if (reading.kind === 'clause' || reading.kind === 'item') continue;
      if (reading.kind === 'control') {
        const control = reading.control;
        const under = 'under `iso27001.controls`';
        if (control.kind === 'control' || control.kind === 'loose') {
          report(`Unexpected clause \`${id}\`, expected control \`${control.id}\` ${under}`, position);
        } else if (control.kind === 'legacy') {
          report(`Unexpected clause \`${id}\`: it is ISO 27001:2013 control \`${control.id2013}\` (${control.title}), in 2022 ${formatIds(control.successors)} ${under}`, position);
        } else {
          report(`Unexpected clause \`${id}\`: it is an ISO 27001:2013 control objective, in 2022 ${formatIds(control.successors)} ${under}`, position);
        }
        continue;
      }
      if (reading.nearest) {
        report(`Unexpected clause \`${id}\`, expected \`${reading.nearest}\``, position);
        continue;
      }
      const hint = clauseShapeHint(id);
      report(`Unexpected clause \`${id}\` (not in ISO/IEC 27001:${edition === 2013 ? '2013 or 2022' : '2022'})${hint ? `: ${hint}` : ''}`, position);
    }
  },
};
