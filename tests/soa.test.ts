/**
 * The Statement of Applicability parser and the coverage rules, beyond the
 * rules' own documented examples: the edges a real soa.yml hits.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { controls } from '../src/catalog/index.js';
import { check } from '../src/check.js';
import type { Finding } from '../src/model/finding.js';
import { migrateText } from '../src/edit/migrate.js';
import { parseSoa } from '../src/parse/soa.js';
import { makeRepo } from './support/repo.js';

const TODAY = '2026-11-24';

function policy(fields: { id?: string; status?: string; controls?: string[]; clauses?: string[]; lastReviewed?: string }): string {
  return [
    '---',
    `id: ${fields.id ?? 'POL-AC-001'}`,
    'title: Access control',
    'owners: ["@alice"]',
    `status: ${fields.status ?? 'approved'}`,
    `last_reviewed: ${fields.lastReviewed ?? '2026-06-01'}`,
    'iso27001:',
    `  controls: [${(fields.controls ?? []).join(', ')}]`,
    `  clauses: [${(fields.clauses ?? []).join(', ')}]`,
    '---',
    '',
  ].join('\n');
}

/** An SoA deciding every control applicable except the given exclusions. */
function fullSoa(overrides: Record<string, string> = {}): string {
  return `controls:\n${controls.map((control) => `  ${control.id}: ${overrides[control.id] ?? '{ applicable: true }'}`).join('\n')}\n`;
}

async function findings(files: Record<string, string | Buffer>, rule?: string): Promise<Finding[]> {
  const result = await check({ allowNoPolicies: true, root: makeRepo(files), today: TODAY });
  return rule ? result.findings.filter((finding) => finding.rule === rule) : result.findings;
}

const at = (finding: Finding) => `${finding.file}:${finding.line}:${finding.column}`;

function parse(text: string) {
  const problems: Array<{ rule: string; file: string; line: number; column: number; message: string; severity?: string }> = [];
  const soa = parseSoa(text, 'soa.yml', (rule, file, problem) => problems.push({ rule, file, ...problem }));
  return { soa, problems };
}

describe('soa.yml parsing', () => {
  it('keeps every field of a decision, with the control key position', () => {
    const { soa, problems } = parse(
      'controls:\n  A.5.1:\n    applicable: true\n    implementation: partial\n    notes: "Rolled out: 80%"\n  A.7.1: { applicable: false, justification: "Remote\\nonly" }\n',
    );
    expect(problems).toEqual([]);
    expect(soa?.decisions.get('A.5.1')).toEqual({
      control: 'A.5.1',
      applicable: true,
      justification: null,
      implementation: 'partial',
      notes: 'Rolled out: 80%',
      position: { line: 2, column: 3 },
    });
    expect(soa?.decisions.get('A.7.1')?.justification).toBe('Remote\nonly');
    expect(soa?.controlsPosition).toEqual({ line: 1, column: 1 });
  });

  it('accepts CRLF line ends and a byte order mark', async () => {
    const result = await check({
      allowNoPolicies: true,
      root: makeRepo({ 'soa.yml': '\uFEFFcontrols:\r\n  A.5.1: { applicable: true }\r\n  A.7.1: { applicable: false }\r\n' }),
      today: TODAY,
    });
    expect(result.soa?.decisions.size).toBe(2);
    const missing = result.findings.filter((finding) => finding.rule === 'soa-justification-missing');
    expect(missing.map(at)).toEqual(['soa.yml:3:3']);
  });

  it('reports a 2013 id as control-legacy on the SoA, naming the replacement', () => {
    const { soa, problems } = parse('controls:\n  A.9.2.3: { applicable: true }\n');
    expect(problems).toEqual([
      expect.objectContaining({ rule: 'control-legacy', file: 'soa.yml', line: 2, column: 3, message: expect.stringContaining('expected `A.8.2`') }),
    ]);
    expect(soa?.decisions.size).toBe(0);
  });

  it('reads an id written without `A.` or as a number as that control, with the loose-notation warning', () => {
    const { soa, problems } = parse('controls:\n  "5.15": { applicable: true }\n  8.10: { applicable: true }\n');
    expect(problems.map((problem) => `${problem.rule} ${problem.severity} ${problem.line}:${problem.column} ${problem.message}`)).toEqual([
      'control-unknown warning 2:3 Unexpected `5.15`, expected `A.5.15` (Access control): the same control written exactly; `isms migrate` rewrites it',
      // Written as a YAML number, the id is still shown as typed: 8.10, not 8.1.
      'control-unknown warning 3:3 Unexpected `8.10`, expected `A.8.10` (Information deletion): the same control written exactly; `isms migrate` rewrites it',
    ]);
    expect([...(soa?.decisions.keys() ?? [])]).toEqual(['A.5.15', 'A.8.10']);
  });

  it('reports a shorthand `A.5.1: true` and a missing `applicable`, without calling them undecided too', async () => {
    const soa = fullSoa({ 'A.5.1': 'true', 'A.5.2': '{ justification: "why" }' });
    const all = await findings({ 'soa.yml': soa });
    const messages = all.filter((finding) => finding.rule === 'soa-invalid').map((finding) => `${at(finding)} ${finding.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^soa\.yml:2:10 Unexpected `true` for `A\.5\.1`, expected a mapping such as `\{ applicable: true \}`/),
      expect.stringMatching(/^soa\.yml:3:3 `A\.5\.2` has no `applicable`/),
    ]);
    expect(all.filter((finding) => finding.rule === 'soa-control-missing')).toEqual([]);
  });

  it('reports wrong types of justification and notes as soa-invalid, not as a missing justification', () => {
    const { problems } = parse('controls:\n  A.7.1: { applicable: false, justification: [a, b], notes: 42 }\n');
    expect(problems.map((problem) => `${problem.rule} ${problem.line}:${problem.column}`)).toEqual(['soa-invalid 2:46', 'soa-invalid 2:61']);
  });

  it('treats an empty file and a missing `controls:` as invalid, and `controls:` with nothing under it as deciding nothing', () => {
    expect(parse('').problems[0]?.message).toContain('Empty SoA');
    expect(parse('# only a comment\n').soa).toBeNull();
    expect(parse('version: 3\n').problems.map((problem) => problem.message)).toEqual([expect.stringContaining('Unknown key `version` in the SoA')]);
    const empty = parse('controls:\n');
    expect(empty.problems).toEqual([]);
    expect(empty.soa?.decisions.size).toBe(0);
    expect(parse('controls: [A.5.1]\n').problems[0]?.message).toContain('Unexpected a list for `controls`');
  });

  it('reports a duplicate control with its position and reads nothing else', () => {
    const { soa, problems } = parse('controls:\n  A.5.1: { applicable: true }\n  A.5.1: { applicable: false }\n');
    expect(soa).toBeNull();
    expect(problems[0]).toMatchObject({ rule: 'soa-invalid', line: 3, message: expect.stringContaining('duplicate key `A.5.1`') });
  });

  it('bounds YAML aliases (no alias bomb) and resolves a plain alias', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'controls: { A.5.1: { applicable: true, notes: *c } }', ''].join('\n');
    expect(parse(bomb).problems[0]?.message).toContain('Too many YAML aliases');
    const alias = parse('controls:\n  A.5.1: &yes { applicable: true }\n  A.5.2: *yes\n');
    expect(alias.problems).toEqual([]);
    expect(alias.soa?.decisions.get('A.5.2')?.applicable).toBe(true);
  });

  it('does not evaluate or choke on a __proto__ key', () => {
    const { soa, problems } = parse('controls:\n  __proto__: { applicable: true }\n  A.5.1: { applicable: true, __proto__: x }\n');
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('Unexpected control `__proto__`'),
      expect.stringContaining('Unknown key `__proto__` in `A.5.1`'),
    ]);
    expect(soa?.decisions.get('A.5.1')?.applicable).toBe(true);
  });
});

/** `fullSoa` with some entries' keys written differently (`{ 'A.5.15': 'A 5.15' }`); the line of each control is its index + 2. */
function soaWithKeys(keys: Record<string, string>, drop: readonly string[] = []): string {
  const lines = controls.map((control) => (drop.includes(control.id) ? null : `  ${keys[control.id] ?? control.id}: { applicable: true }`));
  return `controls:\n${lines.map((line) => line ?? '  # (dropped)').join('\n')}\n`;
}
const lineOf = (id: string) => controls.findIndex((control) => control.id === id) + 2;
const shown = (list: Finding[]) => list.map((finding) => `${finding.rule} ${finding.severity} ${at(finding)} ${finding.message}`);
const onSoa = (list: Finding[]) => list.filter((finding) => finding.file === 'soa.yml' && ['control-unknown', 'control-legacy', 'soa-invalid', 'soa-control-missing'].includes(finding.rule));

describe('soa.yml keys are read like front matter control ids', () => {
  it('counts a loosely written key (`A 5.15`, `A5.16`, `a.5.17`, `A.05.18`, `5.2`, `A.5.3 Segregation of duties`) as that control, with one warning each', async () => {
    const keys = { 'A.5.15': 'A 5.15', 'A.5.16': 'A5.16', 'A.5.17': 'a.5.17', 'A.5.18': 'A.05.18', 'A.5.2': '"5.2"', 'A.5.3': 'A.5.3 Segregation of duties' };
    const result = await check({
      allowNoPolicies: true,
      root: makeRepo({ 'soa.yml': soaWithKeys(keys).replace('A 5.15: { applicable: true }', 'A 5.15: { applicable: false, justification: "No data" }'), 'policies/a.md': policy({ controls: ['A.5.15'] }) }),
      today: TODAY,
    });
    expect(shown(onSoa(result.findings))).toEqual([
      `control-unknown warning soa.yml:${lineOf('A.5.2')}:3 Unexpected \`5.2\`, expected \`A.5.2\` (Information security roles and responsibilities): the same control written exactly; \`isms migrate\` rewrites it`,
      `control-unknown warning soa.yml:${lineOf('A.5.3')}:3 Unexpected \`A.5.3 Segregation of duties\`, expected \`A.5.3\` (Segregation of duties): the same control written exactly; \`isms migrate\` rewrites it`,
      `control-unknown warning soa.yml:${lineOf('A.5.15')}:3 Unexpected \`A 5.15\`, expected \`A.5.15\` (Access control): the same control written exactly; \`isms migrate\` rewrites it`,
      `control-unknown warning soa.yml:${lineOf('A.5.16')}:3 Unexpected \`A5.16\`, expected \`A.5.16\` (Identity management): the same control written exactly; \`isms migrate\` rewrites it`,
      `control-unknown warning soa.yml:${lineOf('A.5.17')}:3 Unexpected \`a.5.17\`, expected \`A.5.17\` (Authentication information): the same control written exactly; \`isms migrate\` rewrites it`,
      `control-unknown warning soa.yml:${lineOf('A.5.18')}:3 Unexpected \`A.05.18\`, expected \`A.5.18\` (Access rights): the same control written exactly; \`isms migrate\` rewrites it`,
    ]);
    // Every control is decided (no soa-control-missing), and the loose key's decision is the control's: excluded, so mapping it is reported.
    expect(result.soa?.decisions.size).toBe(93);
    expect(result.soa?.decisions.get('A.5.15')).toMatchObject({ control: 'A.5.15', applicable: false, position: { line: lineOf('A.5.15'), column: 3 } });
    expect(result.findings.filter((finding) => finding.rule === 'control-excluded-but-mapped').map(at)).toEqual(['policies/a.md:8:14']);
  });

  it('names the 2022 successor of a 2013 key (`9.2.2`, `A.9.2.2` are A.5.18) and does not count it', async () => {
    const soa = soaWithKeys({}, ['A.5.18']).replace('  # (dropped)', '  "9.2.2": { applicable: true }\n  A.9.2.2: { applicable: true }');
    const all = onSoa(await findings({ 'soa.yml': soa }));
    const line = lineOf('A.5.18');
    expect(shown(all)).toEqual([
      'soa-control-missing warning soa.yml:1:1 ' + all.find((finding) => finding.rule === 'soa-control-missing')!.message,
      `control-legacy error soa.yml:${line}:3 Unexpected \`9.2.2\` (ISO 27001:2013 \`A.9.2.2\` User access provisioning), expected \`A.5.18\`: decide on the 2022 control(s) instead, or run \`isms migrate\``,
      `control-legacy error soa.yml:${line + 1}:3 Unexpected \`A.9.2.2\` (ISO 27001:2013), expected \`A.5.18\`: decide on the 2022 control(s) instead, or run \`isms migrate\``,
    ]);
    expect(all[0]!.message).toContain('1 of the 93 Annex A controls: `A.5.18`');
  });

  it("names an objective's successors (`A.16.1`, never A.6.1), and reads `A.6.1` as the 2013 objective under `edition: 2013`", async () => {
    const objective = parse('controls:\n  A.16.1: { applicable: true }\n');
    expect(objective.problems.map((problem) => `${problem.rule} ${problem.line}:${problem.column} ${problem.message}`)).toEqual([
      'control-legacy 2:3 Unexpected `A.16.1` (ISO 27001:2013 objective of `A.16.1.1`–`A.16.1.7`), expected `A.5.24`, `A.6.8`, `A.5.25`, `A.5.26`, `A.5.27`, `A.5.28` (the successors of its controls): an objective is no decision, so decide on each of those controls instead (`isms migrate` leaves it for you)',
    ]);
    expect(objective.soa?.decisions.size).toBe(0);

    const soa = 'controls:\n  A.6.1: { applicable: true }\n';
    expect(await findings({ 'soa.yml': soa }, 'control-legacy')).toEqual([]);
    const under2013 = await check({ allowNoPolicies: true, root: makeRepo({ '.isms.yml': 'edition: 2013\n', 'soa.yml': soa }), today: TODAY });
    expect(shown(under2013.findings.filter((finding) => finding.rule === 'control-legacy'))).toEqual([
      'control-legacy error soa.yml:2:3 Unexpected `A.6.1` (ISO 27001:2013 objective of `A.6.1.1`–`A.6.1.5`, read as ISO 27001:2013 because `.isms.yml` sets `edition: 2013`), expected `A.5.2`, `A.5.3`, `A.5.5`, `A.5.6`, `A.5.8` (the successors of its controls): an objective is no decision, so decide on each of those controls instead (`isms migrate` leaves it for you)',
    ]);
    expect(under2013.soa?.decisions.size).toBe(0);
  });

  it('gives an unknown key no near-number guess, and says a NIST CSF id is not an Annex A control', async () => {
    const soa = 'controls:\n  A.5.99: { applicable: true }\n  PR.AC-4: { applicable: true }\n  GV.OC-1: { applicable: true }\n  A.5.1: { applicable: true }\n';
    const result = await check({ allowNoPolicies: true, root: makeRepo({ 'soa.yml': soa }), today: TODAY });
    expect(shown(result.findings.filter((finding) => finding.rule === 'soa-invalid'))).toEqual([
      'soa-invalid error soa.yml:2:3 Unexpected control `A.5.99` (not in ISO/IEC 27001:2022 Annex A): Annex A 5 runs from `A.5.1` to `A.5.37`',
      'soa-invalid error soa.yml:3:3 Unexpected control `PR.AC-4` (not in ISO/IEC 27001:2022 Annex A): `PR.AC-4` is a NIST CSF 1.1 subcategory id, and the SoA decides Annex A controls only; remove it (a policy maps to it with `maps_to: { nist-csf-1.1: [PR.AC-4] }`)',
      'soa-invalid error soa.yml:4:3 Unexpected control `GV.OC-1` (not in ISO/IEC 27001:2022 Annex A): `GV.OC-1` is a NIST CSF 2.0 subcategory id, and the SoA decides Annex A controls only; remove it (a policy maps to it with `maps_to: { nist-csf-2.0: [GV.OC-01] }`)',
    ]);
    expect([...(result.soa?.decisions.keys() ?? [])]).toEqual(['A.5.1']);
  });

  it('reports a second key for the same control (`A.5.15` and `A 5.15`) and keeps the first decision', () => {
    const { soa, problems } = parse('controls:\n  A.5.15: { applicable: true }\n  A 5.15: { applicable: false, justification: "x" }\n');
    expect(problems.map((problem) => `${problem.rule} ${problem.line}:${problem.column} ${problem.message}`)).toEqual([
      'control-unknown 3:3 Unexpected `A 5.15`, expected `A.5.15` (Access control): the same control written exactly; `isms migrate` rewrites it',
      'soa-invalid 3:3 `A 5.15` decides `A.5.15` again (already decided by `A.5.15` at 2:3): keep one entry per control (`isms migrate` merges them)',
    ]);
    expect(soa?.decisions.get('A.5.15')?.applicable).toBe(true);
  });

  it('agrees with `isms migrate`: the migrated SoA has the keys the findings named and no key finding left', () => {
    const text = 'controls:\n  A 5.15: { applicable: true }\n  "5.2": { applicable: true }\n  "9.2.2": { applicable: true }\n  11.1.1: { applicable: false, justification: "Remote" }\n  A.18.2.3: { applicable: true }\n';
    const before = parse(text);
    const named = before.problems.flatMap((problem) => [...problem.message.matchAll(/expected ((?:`A\.\d+\.\d+`(?:, )?)+)/g)].flatMap((match) => match[1]!.match(/A\.\d+\.\d+/g)!));
    const migrated = migrateText('soa', text);
    if (!migrated.ok) throw new Error(migrated.message);
    const after = parse(migrated.text);
    expect(after.problems).toEqual([]);
    expect([...(after.soa?.decisions.keys() ?? [])].sort()).toEqual([...named].sort());
    expect(named.sort()).toEqual(['A.5.15', 'A.5.18', 'A.5.2', 'A.5.36', 'A.7.1', 'A.8.8']);
  });
});

describe('loading the SoA file', () => {
  it('means no SoA when the file is missing: control rules stay quiet, clause coverage is still checked', async () => {
    const result = await check({ allowNoPolicies: true, root: makeRepo({ 'policies/a.md': policy({ controls: ['A.5.15'] }) }), today: TODAY });
    expect(result.soa).toBeNull();
    const rules = new Set(result.findings.map((finding) => finding.rule));
    expect(rules.has('control-uncovered')).toBe(false);
    expect(rules.has('soa-control-missing')).toBe(false);
    const clauses = result.findings.filter((finding) => finding.rule === 'clause-uncovered');
    expect(clauses).toHaveLength(14);
    expect(clauses.every((finding) => finding.file === null && finding.line === 1)).toBe(true);
  });

  it('names .isms.yml in whole-ISMS findings when there is a config but no SoA', async () => {
    const clauses = await findings({ '.isms.yml': 'review_every: 12 months\n', 'policies/a.md': policy({}) }, 'clause-uncovered');
    expect(new Set(clauses.map((finding) => finding.file))).toEqual(new Set(['.isms.yml']));
  });

  it('reads the path the config names', async () => {
    const result = await check({
      allowNoPolicies: true,
      root: makeRepo({ '.isms.yml': 'soa: isms/applicability.yml\n', 'isms/applicability.yml': 'controls:\n  A.7.1: { applicable: false }\n' }),
      today: TODAY,
    });
    expect(result.soa?.file).toBe('isms/applicability.yml');
    expect(result.findings.filter((finding) => finding.rule === 'soa-justification-missing').map(at)).toEqual(['isms/applicability.yml:2:3']);
  });

  it('refuses an SoA path outside the repository and a symbolic link leaving it', async () => {
    const outside = await findings({ '.isms.yml': 'soa: ../soa.yml\n' }, 'soa-invalid');
    expect(outside.map((finding) => `${at(finding)} ${finding.message}`)).toEqual([expect.stringMatching(/^\.isms\.yml:1:1 The SoA path `\.\.\/soa\.yml` leaves the repository/)]);

    const secret = path.join(tmpdir(), `isms-secret-${process.pid}.yml`);
    writeFileSync(secret, 'controls: {}\n');
    const root = makeRepo({});
    symlinkSync(secret, path.join(root, 'soa.yml'));
    const result = await check({ allowNoPolicies: true, root, today: TODAY });
    expect(result.soa).toBeNull();
    expect(result.findings.filter((finding) => finding.rule === 'soa-invalid').map((finding) => finding.message)).toEqual([expect.stringContaining('leaves the repository')]);
  });

  it('reports a folder, binary content and invalid UTF-8 instead of crashing', async () => {
    const root = makeRepo({});
    mkdirSync(path.join(root, 'soa.yml'));
    expect((await check({ allowNoPolicies: true, root, today: TODAY })).findings.map((finding) => finding.message)).toContainEqual(expect.stringContaining('is a folder'));
    expect((await findings({ 'soa.yml': 'controls:\n\u0000' }, 'soa-invalid'))[0]?.message).toContain('Binary content');
    const latin1 = await check({ allowNoPolicies: true, root: makeRepo({ 'soa.yml': Buffer.from('controls:\n  A.7.1: { applicable: false, justification: "M\xfcnchen" }\n', 'latin1') }), today: TODAY });
    expect(latin1.soa).toBeNull();
    expect(latin1.findings.filter((finding) => finding.rule === 'soa-invalid').map((finding) => `${at(finding)} ${finding.message}`)).toEqual([
      'soa.yml:2:48 Invalid UTF-8: save the file as UTF-8 text',
    ]);
  });

  it('lets the config turn a rule off or raise it to an error', async () => {
    const files = { '.isms.yml': 'rules: { control-uncovered: error, soa-control-missing: off }\n', 'soa.yml': 'controls:\n  A.5.1: { applicable: true }\n' };
    const result = await check({ allowNoPolicies: true, root: makeRepo(files), today: TODAY });
    expect(result.findings.filter((finding) => finding.rule === 'soa-control-missing')).toEqual([]);
    expect(result.findings.filter((finding) => finding.rule === 'control-uncovered').map((finding) => `${finding.severity} ${at(finding)}`)).toEqual(['error soa.yml:2:3']);
  });
});

describe('coverage rules', () => {
  it('lists all undecided controls in one soa-control-missing finding at the `controls:` key', async () => {
    const soa = `# Statement of Applicability\n\n${fullSoa().split('\n').filter((line) => !/A\.8\.3[34]:/.test(line)).join('\n')}`;
    const missing = await findings({ 'soa.yml': soa }, 'soa-control-missing');
    expect(missing.map((finding) => `${at(finding)} ${finding.severity}`)).toEqual(['soa.yml:3:1 warning']);
    expect(missing[0]!.message).toContain('2 of the 93 Annex A controls: `A.8.33`, `A.8.34`');
  });

  it('covers an applicable control with a draft policy but not with a retired one; overdue still maps', async () => {
    const soa = 'controls:\n  A.5.15: { applicable: true }\n  A.5.16: { applicable: true }\n  A.5.17: { applicable: true }\n';
    const uncovered = await findings(
      {
        'soa.yml': soa,
        'policies/draft.md': policy({ id: 'POL-D-001', status: 'draft', controls: ['A.5.15'] }),
        'policies/old.md': policy({ id: 'POL-O-001', status: 'retired', controls: ['A.5.16'] }),
        'policies/late.md': policy({ id: 'POL-L-001', lastReviewed: '2024-01-01', controls: ['A.5.17'] }),
      },
      'control-uncovered',
    );
    expect(uncovered.map(at)).toEqual(['soa.yml:3:3']);
    expect(uncovered[0]!.message).toContain('Control `A.5.16` (Identity management) is applicable in the SoA but no policy maps it');
  });

  it('reports control-excluded-but-mapped on each policy list item, but not for a retired policy', async () => {
    const soa = 'controls:\n  A.7.1: { applicable: false, justification: "Remote; <b>no</b> offices" }\n';
    const excluded = await findings(
      {
        'soa.yml': soa,
        'policies/a.md': policy({ id: 'POL-A-001', controls: ['A.5.15', 'A.7.1'] }),
        'policies/b.md': policy({ id: 'POL-B-001', controls: ['A.7.1'] }),
        'policies/c.md': policy({ id: 'POL-C-001', status: 'retired', controls: ['A.7.1'] }),
      },
      'control-excluded-but-mapped',
    );
    expect(excluded.map((finding) => `${at(finding)} ${finding.policy}`)).toEqual(['policies/a.md:8:22 POL-A-001', 'policies/b.md:8:14 POL-B-001']);
  });

  it('counts a mapped sub-clause for its parent, not a parent for its sub-clause', async () => {
    const required = ['4.3', '5.2', '6.1.2', '6.1.3', '6.2', '7.2', '7.5.1', '8.1', '8.2', '8.3', '9.1', '9.2.2', '9.3.3', '10'];
    const uncovered = await findings({ 'policies/a.md': policy({ clauses: required }) }, 'clause-uncovered');
    // 7.5.1 covers 7.5, 9.2.2 covers 9.2, 9.3.3 covers 9.3; `10` does not cover 10.2.
    expect(uncovered.map((finding) => finding.message.slice(0, 12))).toEqual(['Clause 10.2 ']);
    expect(uncovered[0]!.message).toContain('Evidence of the nature of the nonconformities');
  });

  it('does not count retired policies for clauses', async () => {
    const uncovered = await findings({ 'policies/a.md': policy({ status: 'retired', clauses: ['4.3'] }) }, 'clause-uncovered');
    expect(uncovered.map((finding) => finding.message)).toContainEqual(expect.stringContaining('Clause 4.3 '));
  });
});
