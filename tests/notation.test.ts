/**
 * Ids as people write them, through the real checker (files on disk, config,
 * parser, rules, coverage): each spelling's finding (rule, severity, message,
 * position) and whether it counts for coverage. An id reported as an error never
 * counts; a 2022 control written loosely (`A 5.15`) is a warning and counts.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { computeCoverage } from '../src/model/coverage.js';
import { makeRepo } from './support/repo.js';

const HEAD = '---\nid: POL-X-001\ntitle: X\nowners: ["@alice"]\napprover: "@bob"\nstatus: approved\nlast_reviewed: 2026-01-10\n';
const ID_RULES = ['control-unknown', 'control-legacy', 'clause-unknown', 'maps-to-unknown', 'field-invalid', 'field-unknown'];

/** Checks one policy whose front matter ends with `tail`; `tail`'s first line is line 8. */
async function checkPolicy(tail: string, files: Record<string, string> = {}) {
  const root = makeRepo({ ...files, 'policies/x.md': `${HEAD}${tail}---\nBody.\n` });
  const result = await check({ root, today: '2026-11-24' });
  const findings = result.findings
    .filter((finding) => ID_RULES.includes(finding.rule))
    .map((finding) => `${finding.line}:${finding.column} ${finding.severity} ${finding.rule} ${finding.message}`);
  const coverage = computeCoverage(result.policies, null);
  const controlsCovered = coverage.controls.filter((entry) => entry.policies.includes('POL-X-001')).map((entry) => entry.id);
  const clausesCovered = coverage.clauses.filter((entry) => entry.policies.includes('POL-X-001')).map((entry) => entry.id);
  return { findings, controlsCovered, clausesCovered, policy: result.policies[0]! };
}

const controls = (list: string) => `iso27001:\n  controls:\n    - ${list}\n`;
const clauses = (list: string) => `iso27001:\n  clauses:\n    - ${list}\n`;
const EDITION_2013 = { '.isms.yml': 'edition: 2013\n' };

describe('control notation: a 2022 id written loosely is one warning naming the exact id, and counts', () => {
  it.each([
    ['A 5.15', 'A.5.15'],
    ['A5.15', 'A.5.15'],
    ['a.5.15', 'A.5.15'],
    ['"5.15"', 'A.5.15'],
    ['A.05.15', 'A.5.15'],
    ['A.5.15 Access control', 'A.5.15'],
    ['8.24', 'A.8.24'],
  ])('%s', async (written, exact) => {
    const { findings, controlsCovered } = await checkPolicy(controls(written));
    const shown = written.replace(/"/g, '');
    expect(findings).toEqual([expect.stringMatching(new RegExp(`^10:7 warning control-unknown Unexpected \`${shown.replace(/\./g, '\\.')}\`, expected \`${exact.replace(/\./g, '\\.')}\` \\(`))]);
    expect(controlsCovered).toEqual([exact]);
  });

  it('digits that are also a clause are an error that names both readings, and count for nothing', async () => {
    const { findings, controlsCovered, clausesCovered } = await checkPolicy(controls('"5.2"'));
    expect(findings).toEqual([
      '10:7 error control-unknown Unexpected `5.2`, expected `A.5.2` (Information security roles and responsibilities) or, for clause 5.2, move it to `iso27001.clauses`',
    ]);
    expect(controlsCovered).toEqual([]);
    expect(clausesCovered).toEqual([]);
  });

  it('an id that is no control gets no guessed control (a near number is another control), and counts for nothing', async () => {
    const { findings, controlsCovered } = await checkPolicy(controls('A.5.99'));
    expect(findings).toEqual(['10:7 error control-unknown Unexpected control `A.5.99` (not in ISO/IEC 27001:2022 Annex A): Annex A 5 runs from `A.5.1` to `A.5.37`']);
    expect(controlsCovered).toEqual([]);
  });
});

describe('2013 ids: named with their semantically right successors, and counting for nothing', () => {
  it.each([
    ['"9.2.2"', '10:7 error control-legacy Unexpected `9.2.2` (ISO 27001:2013 `A.9.2.2` User access provisioning), expected `A.5.18`: replace it or run `isms migrate`'],
    ['"11.1.1"', '10:7 error control-legacy Unexpected `11.1.1` (ISO 27001:2013 `A.11.1.1` Physical security perimeter), expected `A.7.1`: replace it or run `isms migrate`'],
    ['A.9.2.2', '10:7 error control-legacy Unexpected `A.9.2.2` (ISO 27001:2013), expected `A.5.18`: replace it or run `isms migrate`'],
    ['A 12.4.1', '10:7 error control-legacy Unexpected `A 12.4.1` (ISO 27001:2013 `A.12.4.1` Event logging), expected `A.8.15`: replace it or run `isms migrate`'],
  ])('%s', async (written, message) => {
    const { findings, controlsCovered } = await checkPolicy(controls(written));
    expect(findings).toEqual([message]);
    expect(findings.join('')).not.toContain('A.5.22');
    expect(controlsCovered).toEqual([]);
  });

  it.each([
    ['A.16.1', '`A.16.1.1`–`A.16.1.7`', '`A.5.24`, `A.6.8`, `A.5.25`, `A.5.26`, `A.5.27`, `A.5.28`'],
    ['A.9.1', '`A.9.1.1`, `A.9.1.2`', '`A.5.15`'],
  ])('the objective %s stands for its controls', async (written, of, successors) => {
    const { findings, controlsCovered } = await checkPolicy(controls(written));
    expect(findings).toEqual([
      `10:7 error control-legacy Unexpected \`${written}\` (ISO 27001:2013 objective of ${of}), expected ${successors} (the successors of its controls; keep those the document implements): replace it or run \`isms migrate\``,
    ]);
    expect(findings.join('')).not.toContain('expected `A.6.1`');
    expect(controlsCovered).toEqual([]);
  });
});

describe('ambiguous ids (A.6.1 is 2022 Screening, 2013 objective "internal organisation") under both editions', () => {
  it('a 2022 document: the 2022 control, no finding, counted', async () => {
    const { findings, controlsCovered, policy } = await checkPolicy(controls('A.6.1'));
    expect(findings).toEqual([]);
    expect(controlsCovered).toEqual(['A.6.1']);
    expect(policy.mapping).toMatchObject({ edition: 2022, reason: 'config' });
  });

  it.each([
    ['.isms.yml edition: 2013', controls('A.6.1'), EDITION_2013, '10:7', 'because `.isms.yml` sets `edition: 2013`'],
    ['iso27001.edition: 2013', 'iso27001:\n  edition: 2013\n  controls: [A.6.1]\n', {}, '10:14', 'because this document sets `iso27001.edition: 2013`'],
    ['2013 neighbours', 'iso27001:\n  controls: [A.9.2.3, A.6.1]\n', {}, '9:23', "because this document's other ids are 2013"],
  ])('%s: read as 2013, and the message says why', async (_name, tail, files, at, because) => {
    const { findings, controlsCovered } = await checkPolicy(tail, files);
    const ambiguous = findings.filter((finding) => finding.includes('`A.6.1`'));
    expect(ambiguous).toEqual([
      `${at} error control-legacy Unexpected \`A.6.1\` (ISO 27001:2013 objective of \`A.6.1.1\`–\`A.6.1.5\`, read as ISO 27001:2013 ${because}), expected \`A.5.2\`, \`A.5.3\`, \`A.5.5\`, \`A.5.6\`, \`A.5.8\` (the successors of its controls; keep those the document implements): replace it or run \`isms migrate\``,
    ]);
    expect(controlsCovered).toEqual([]);
  });

  it('a 2022-only id beside a 2013 id keeps the document on 2022', async () => {
    const { findings, controlsCovered } = await checkPolicy('iso27001:\n  controls: [A.9.2.3, A.6.1, A.5.23]\n');
    expect(findings.filter((finding) => finding.includes('`A.6.1`'))).toEqual([]);
    expect(controlsCovered).toEqual(['A.5.23', 'A.6.1']);
  });
});

describe('clause notation: lettered items count for their clause and its parents', () => {
  it.each(['6.1.3 d', '6.1.3(d)', '6.1.3 (d)', '6.1.3 d)', '6.1.3.d'])('%s (2022)', async (written) => {
    const { findings, clausesCovered } = await checkPolicy(clauses(`"${written}"`));
    expect(findings).toEqual([]);
    expect(clausesCovered).toEqual(['6', '6.1', '6.1.3']);
  });

  it('7.5.3.c', async () => {
    const { findings, clausesCovered } = await checkPolicy(clauses('7.5.3.c'));
    expect(findings).toEqual([]);
    expect(clausesCovered).toEqual(['7', '7.5', '7.5.3']);
  });

  it('an id that is not a clause is an error and covers nothing (5.2.zz no longer covers 5.2)', async () => {
    const { findings, clausesCovered } = await checkPolicy(clauses('"5.2.zz"'));
    expect(findings).toEqual(['10:7 error clause-unknown Unexpected clause `5.2.zz` (not in ISO/IEC 27001:2022): an item of clause 5.2 is one letter, written `5.2 a)`']);
    expect(clausesCovered).toEqual([]);
  });

  it('a control written as a clause keeps naming the control', async () => {
    const { findings, clausesCovered } = await checkPolicy(clauses('"5.15"'));
    expect(findings).toEqual(['10:7 error clause-unknown Unexpected clause `5.15`, expected control `A.5.15` under `iso27001.controls`']);
    expect(clausesCovered).toEqual([]);
  });

  it('under edition 2013, items of unchanged clauses count; renumbered ones say the 2022 number and do not count', async () => {
    const { findings, clausesCovered } = await checkPolicy('iso27001:\n  clauses: ["6.1.3(d)", "10.1 a", "9.2 c", "10.2"]\n', EDITION_2013);
    expect(findings).toEqual([
      '9:25 error control-legacy Clause `10.1 a` is ISO 27001:2013 numbering (read as ISO 27001:2013 because `.isms.yml` sets `edition: 2013`): in 2022 it is `10.2` (Nonconformity and corrective action); replace it or run `isms migrate`',
      '9:35 error control-legacy Clause `9.2 c` is ISO 27001:2013 numbering (read as ISO 27001:2013 because `.isms.yml` sets `edition: 2013`): in 2022 it is `9.2.2` (Internal audit programme); replace it or run `isms migrate`',
      '9:44 error control-legacy Clause `10.2` is ISO 27001:2013 numbering (read as ISO 27001:2013 because `.isms.yml` sets `edition: 2013`): in 2022 it is `10.1` (Continual improvement); replace it or run `isms migrate`',
    ]);
    expect(clausesCovered).toEqual(['6', '6.1', '6.1.3']);
  });

  it('a 2013 document with nothing renumbered still says it is not on 2022', async () => {
    const { findings, clausesCovered } = await checkPolicy('iso27001:\n  edition: 2013\n  clauses: ["4.3"]\n');
    expect(findings).toEqual([
      '9:12 error control-legacy This document is on ISO/IEC 27001:2013 (read as ISO 27001:2013 because this document sets `iso27001.edition: 2013`); certification to 2013 ended in October 2025: run `isms migrate` (its ids are the same in 2022, so it only changes the edition)',
    ]);
    expect(clausesCovered).toEqual(['4', '4.3']);
  });

  it('iso27001.edition is a known field; only 2013 and 2022 are editions', async () => {
    expect((await checkPolicy('iso27001:\n  edition: 2022\n  controls: [A.5.15]\n')).findings).toEqual([]);
    expect((await checkPolicy('iso27001:\n  edition: "27001"\n  controls: [A.5.15]\n')).findings).toEqual([
      '9:12 error field-invalid Unexpected `iso27001.edition` `27001`, expected `2013` or `2022` (the ISO/IEC 27001 edition this document\'s ids are written in)',
    ]);
  });
});

describe('NIST CSF under maps_to', () => {
  const mapsTo = (framework: string, ids: string) => `iso27001:\n  controls: [A.5.15]\nmaps_to:\n  ${framework}: [${ids}]\n`;

  it.each([
    ['PR.PT-1', 'incorporated into `PR.PS-04`'],
    ['PR.AC-4', 'moved to `PR.AA-05`'],
  ])('a CSF 1.1 id %s under nist-csf-2.0 is named with its 2.0 successor from NIST\'s mapping', async (id, successor) => {
    const { findings } = await checkPolicy(mapsTo('nist-csf-2.0', id));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(new RegExp(`^11:18 error maps-to-unknown Unexpected \`${id.replace('.', '\\.')}\` for \`nist-csf-2\\.0\`: it is CSF 1\\.1`));
    expect(findings[0]).toContain(successor);
    expect(findings[0]).not.toContain('PR.AT-01');
  });

  it('GV.OC-1 is GV.OC-01 without its zero: one finding naming the fix', async () => {
    expect((await checkPolicy(mapsTo('nist-csf-2.0', 'GV.OC-1'))).findings).toEqual(['11:18 error maps-to-unknown Unexpected `GV.OC-1` for `nist-csf-2.0`, expected `GV.OC-01`']);
  });

  it('nist-csf-1.1 is built in: its 108 ids are accepted, a 2.0 id under it is sent to nist-csf-2.0', async () => {
    expect((await checkPolicy(mapsTo('nist-csf-1.1', 'PR.AC-4, PR.PT-1, ID.AM-1'))).findings).toEqual([]);
    expect((await checkPolicy(mapsTo('nist-csf-1.1', 'GV.OC-01'))).findings).toEqual([
      '11:18 error maps-to-unknown Unexpected `GV.OC-01` for `nist-csf-1.1`: it is a CSF 2.0 id, list it under `nist-csf-2.0`',
    ]);
  });

  it('an unknown id gets no guessed neighbour', async () => {
    expect((await checkPolicy(mapsTo('nist-csf-2.0', 'PR.AA-99'))).findings).toEqual(['11:18 error maps-to-unknown Unexpected `PR.AA-99` for `nist-csf-2.0`']);
  });

  it('frameworks declared in .isms.yml are accepted without a warning; undeclared ones warn', async () => {
    const tail = mapsTo('soc-2', 'CC6.1');
    expect((await checkPolicy(tail, { '.isms.yml': 'frameworks: [soc-2, nis2]\n' })).findings).toEqual([]);
    expect((await checkPolicy(tail)).findings).toEqual([
      expect.stringMatching(/^11:3 warning maps-to-unknown Unknown framework `soc-2`: its ids are not checked; .*declare your own in `\.isms\.yml` \(`frameworks: \[soc-2\]`\)$/),
    ]);
  });
});
