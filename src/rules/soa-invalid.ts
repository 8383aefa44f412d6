/**
 * soa-invalid: the Statement of Applicability (`soa.yml`) is
 * readable YAML with one `controls:` mapping of ISO/IEC 27001:2022 Annex A ids to
 * `{ applicable, justification, implementation, notes }`. Raised by the parser
 * (src/parse/soa.ts). Keys are read as front matter's control ids are: a 2013 id
 * or objective is `control-legacy`, a loosely written id the `control-unknown` warning.
 */
import type { ParseRule } from './types.js';

export const soaInvalid: ParseRule = {
  id: 'soa-invalid',
  scope: 'parse',
  defaultSeverity: 'error',
  summary: 'The SoA file is malformed, names an unknown control, or has a wrong type or an unknown key.',
  docs: [
    'The SoA is one YAML file (`soa.yml`, or the `soa` path of `.isms.yml`) with a single top-level key, `controls`, mapping each Annex A 2022 control to its decision:',
    '',
    '```yaml',
    'controls:',
    '  A.5.1: { applicable: true, implementation: implemented }',
    '  A.7.1: { applicable: false, justification: "Fully remote; no offices" }',
    '```',
    '',
    '`applicable` (`true`/`false`) is required; `justification` and `notes` are text; `implementation` is `implemented`, `partial`, `planned` or `not-implemented`. Keys are read like `iso27001.controls` in front matter (the same messages): `A 5.15` or `5.15` is the `control-unknown` warning naming `A.5.15` and still decides A.5.15; a 2013 id (`A.9.2.2`, `9.2.2`) or objective (`A.16.1`) is `control-legacy`, naming its 2022 successor(s), and decides nothing until migrated (`isms migrate`); under `edition: 2013` in `.isms.yml`, `A.6.1` and the other ids both editions use are read as 2013. An id that is no control (`A.5.99`) is this error with no guessed control (a near number is a different control); a NIST CSF id (`PR.AC-4`) says so. A misspelt key names the nearest known one. An entry with an error is left out of coverage until fixed; a file that is not YAML at all is treated as no SoA.',
  ].join('\n'),
  examples: {
    ok: [
      {
        name: 'decisions with every field',
        path: 'soa.yml',
        text: 'controls:\n  A.5.1: { applicable: true, implementation: implemented, notes: "Board-approved" }\n  A.7.1:\n    applicable: false\n    justification: Fully remote; no offices\n',
      },
    ],
    notOk: [
      {
        name: 'an unknown control, a yes/no answer and a misspelt key',
        path: 'soa.yml',
        text: 'controls:\n  A.5.99: { applicable: true }\n  A.5.2: { applicable: yes }\n  A.5.3: { applicable: true, implemention: partial }\n',
        expected: [
          '2:3 Unexpected control `A.5.99` (not in ISO/IEC 27001:2022 Annex A): Annex A 5 runs from `A.5.1` to `A.5.37`',
          '3:24 Unexpected `"yes"` for `applicable` of `A.5.2`, expected `true` or `false`',
          '4:30 Unknown key `implemention` in `A.5.3`, did you mean `implementation`?',
        ],
      },
      {
        name: 'a NIST CSF id as a key',
        path: 'soa.yml',
        text: 'controls:\n  PR.AC-4: { applicable: true }\n',
        expected: ['2:3 Unexpected control `PR.AC-4` (not in ISO/IEC 27001:2022 Annex A): `PR.AC-4` is a NIST CSF 1.1 subcategory id, and the SoA decides Annex A controls only'],
      },
      { name: 'a YAML syntax error', path: 'soa.yml', text: 'controls:\n  A.5.1: { applicable: true\n', expected: ['3:1 Invalid YAML'] },
      { name: 'a list instead of a mapping', path: 'soa.yml', text: '- A.5.1\n- A.5.2\n', expected: ['1:1 Unexpected a list as the SoA, expected a mapping with `controls:`'] },
      { name: 'a misspelt top-level key', path: 'soa.yml', text: 'control:\n  A.5.1: { applicable: true }\n', expected: ['1:1 Unknown key `control` in the SoA, expected `controls`'] },
      { name: 'a bad implementation state', path: 'soa.yml', text: 'controls:\n  A.5.1: { applicable: true, implementation: done }\n', expected: ['2:46 Unexpected `"done"` for `implementation` of `A.5.1`'] },
    ],
  },
};
