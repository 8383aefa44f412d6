/**
 * control-unknown: every entry of `iso27001.controls` is an Annex A control of
 * ISO/IEC 27001:2022 (`A.5.1` to `A.8.34`), written exactly. A 2022 id written
 * loosely (`A 5.15`, `A5.15`, `5.15`, `A.05.15`, or the id followed by its exact
 * title) is one warning naming the exact id; it still counts for coverage, since
 * the control meant is certain. Digits that are also a clause (`5.2`: clause
 * 5.2 or control A.5.2?) are an error and count for nothing until fixed.
 * A NIST CSF subcategory (`PR.AC-4`) says it belongs under `maps_to`.
 * ISO/IEC 27001:2013 ids and objectives are left to control-legacy.
 */
import { getControl } from '../catalog/index.js';
import { looseControlMessage, unknownControlMessage } from './control-messages.js';
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
    '- A NIST CSF subcategory (`PR.AC-4`, `PR.AA-05`) is not a control: the message says to list it under `maps_to: { nist-csf-1.1: [...] }` (or `nist-csf-2.0` for a CSF 2.0 id).',
    '- 2013 ids (`A.9.2.2`, `9.2.2`, the objective `A.9.1`) are `control-legacy`.',
    '- The same readings apply to the keys of the SoA (`soa.yml`): a loosely written key is this warning and still decides its control; an unknown key is `soa-invalid`.',
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
      {
        name: 'a NIST CSF 1.1 id',
        text: '---\niso27001:\n  controls: [PR.AC-4]\n---\n',
        expected: ['3:14 Unexpected control `PR.AC-4` (not in ISO/IEC 27001:2022 Annex A): `PR.AC-4` is a NIST CSF 1.1 subcategory id; list it under `maps_to: { nist-csf-1.1: [PR.AC-4] }` instead of `iso27001.controls`'],
      },
      {
        name: 'a NIST CSF 2.0 id',
        text: '---\niso27001:\n  controls: [PR.AA-05]\n---\n',
        expected: ['3:14 `PR.AA-05` is a NIST CSF 2.0 subcategory id; list it under `maps_to: { nist-csf-2.0: [PR.AA-05] }`'],
      },
      { name: 'with a space for the dot', text: '---\niso27001:\n  controls:\n    - A 5.15\n---\n', expected: ['4:7 Unexpected `A 5.15`, expected `A.5.15`'] },
      {
        name: 'an SoA key written loosely (a warning; it still decides A.5.15)',
        path: 'soa.yml',
        text: 'controls:\n  A 5.15: { applicable: true }\n',
        expected: ['2:3 Unexpected `A 5.15`, expected `A.5.15` (Access control): the same control written exactly'],
      },
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
          report(looseControlMessage(id, reading.id), position, { severity: 'warning' });
        }
        continue;
      }
      if (reading.kind !== 'unknown') continue;
      report(unknownControlMessage(id, reading.nearest, 'document'), position);
    }
  },
};
