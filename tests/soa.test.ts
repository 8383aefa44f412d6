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
  const problems: Array<{ rule: string; file: string; line: number; column: number; message: string }> = [];
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

  it('suggests the control for an id written without `A.` or as a number', () => {
    const { problems } = parse('controls:\n  "5.15": { applicable: true }\n  8.10: { applicable: true }\n');
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('Unexpected control `5.15` (not in ISO/IEC 27001:2022 Annex A), expected `A.5.15`'),
      // Written as a YAML number, the id is still shown as typed: 8.10, not 8.1.
      expect.stringContaining('Unexpected control `8.10` (not in ISO/IEC 27001:2022 Annex A), expected `A.8.10`'),
    ]);
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
