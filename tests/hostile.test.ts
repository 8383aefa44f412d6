/**
 * Hostile input: every kind of broken, malicious or odd file a pull request can
 * bring. Each one goes through the real checker and through the built CLI
 * (`node dist/cli.js check`): each gives its finding, the run exits 1, and
 * nothing prints a stack trace, hangs or runs code from the file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, type CheckResult } from '../src/check.js';
import type { Finding } from '../src/model/finding.js';
import { makeRepo } from './support/repo.js';
import { frontMatterInvalid } from '../src/rules/front-matter-invalid.js';

const TODAY = '2026-11-24';
const CLI = path.resolve(import.meta.dirname, '../dist/cli.js');

/** A valid policy; `extra` adds front-matter lines before the closing fence. */
function policy(id: string, extra = '', body = '# Policy\n\nText.\n'): string {
  return `---\nid: ${id}\ntitle: Test policy\nowners: ["@alice"]\nstatus: draft\niso27001:\n  controls: [A.5.15]\n${extra}---\n${body}`;
}

/** The billion-laughs document the rule documents as its example. */
const billionLaughs = frontMatterInvalid.examples.notOk.find((example) => example.name === 'an alias bomb')!.text;

/** 2,000 lines of front matter (a long CSF list), then an unknown control on the line after. */
const longFrontMatter = [
  '---',
  'id: POL-LONG-001',
  'title: Long',
  'owners: ["@alice"]',
  'status: draft',
  'maps_to:',
  '  nist-csf-2.0:',
  ...Array.from({ length: 2000 }, (_, index) => `    - ${['PR.AA-01', 'GV.RM-01', 'DE.CM-01'][index % 3]}`),
  'iso27001:',
  '  controls: [A.5.99]',
  '---',
  '',
].join('\n');
const LONG_CONTROL_LINE = 7 + 2000 + 2;

const invalidUtf8 = Buffer.concat([
  Buffer.from(policy('POL-UTF-001').split('\n').slice(0, 3).join('\n') + '\n'),
  Buffer.from('text: caf'),
  Buffer.from([0xc3, 0x28]),
  Buffer.from('\n---\n'),
]);

const binary = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(2000, 7)]);

interface Case {
  file: string;
  content: string | Buffer;
  rule: string;
  /** `line:column` of the first finding of that rule, when it matters. */
  at?: string;
  message?: RegExp;
}

/** Every hostile file: its path, its content and the finding it must give. */
const cases: Case[] = [
  { file: 'policies/no-front-matter.md', content: '# Access control\n\nJust text.\n', rule: 'front-matter-missing', at: '1:1' },
  { file: 'policies/empty.md', content: '', rule: 'front-matter-missing', at: '1:1' },
  { file: 'policies/unclosed.md', content: '---\nid: POL-UNC-001\ntitle: Unclosed\n\n# Body\n', rule: 'front-matter-invalid', at: '1:1', message: /Unclosed front matter/ },
  {
    file: 'policies/unquoted-owner.md',
    content: '---\nid: POL-AT-001\ntitle: At\nowners: @alice\nstatus: draft\n---\n',
    rule: 'front-matter-invalid',
    at: '4:9',
    message: /cannot start with `@`; quote it/,
  },
  {
    file: 'policies/unquoted-owner-item.md',
    content: '---\nid: POL-AT-002\nowners:\n  - "@bob"\n  - @org/team\n---\n',
    rule: 'front-matter-invalid',
    at: '5:5',
    message: /quote it/,
  },
  { file: 'policies/syntax.md', content: '---\nid: POL-SYN-001\ntitle: "unterminated\nstatus: draft\n---\n', rule: 'front-matter-invalid', message: /^Invalid YAML/ },
  { file: 'policies/list.md', content: '---\n- id: POL-LIST-001\n- title: A list\n---\n', rule: 'front-matter-invalid', at: '2:1', message: /Unexpected a list as front matter, expected a mapping/ },
  { file: 'policies/scalar.md', content: '---\njust some words\n---\n', rule: 'front-matter-invalid', message: /expected a mapping/ },
  { file: 'policies/bomb.md', content: billionLaughs, rule: 'front-matter-invalid', message: /Too many YAML aliases/ },
  {
    file: 'policies/dates.md',
    content: policy('POL-DATE-001', 'last_reviewed: 2026-02-30\nnext_review: 2025-02-29\napproved_on: 2026-13-01\n'),
    rule: 'date-invalid',
    at: '8:16',
    message: /2026-02-30/,
  },
  {
    file: 'policies/types.md',
    content: [
      '---',
      'id: 123',
      'title: [a]',
      'type: 5',
      'owners: {a: b}',
      'approver: [x]',
      'approved_on: 5',
      'status: true',
      'version: [1]',
      'last_reviewed: 20260101',
      'review_every: 12',
      'next_review: [x]',
      'iso27001: "A.5.1"',
      'maps_to: [x]',
      'evidence: {a: 1}',
      '---',
      '',
    ].join('\n'),
    rule: 'field-invalid',
    at: '2:5',
  },
  {
    file: 'policies/duplicate.md',
    content: '---\nid: POL-DUP-001\ntitle: First\ntitle: Second\n---\n',
    rule: 'front-matter-invalid',
    at: '4:1',
    message: /duplicate key `title`/,
  },
  { file: 'policies/huge.md', content: policy('POL-BIG-001') + 'x'.repeat(5 * 1024 * 1024), rule: 'file-too-large', at: '1:1', message: /5\.0 MiB, over the 1 MiB limit/ },
  { file: 'policies/image.md', content: binary, rule: 'front-matter-invalid', at: '3:1', message: /Binary content/ },
  { file: 'policies/latin1.md', content: invalidUtf8, rule: 'front-matter-invalid', at: '4:10', message: /Invalid UTF-8/ },
  {
    file: 'policies/links.md',
    content: policy('POL-LINK-001', 'evidence:\n  - ../../etc/passwd\n', '# Links\n\nSee [secrets](../../../../etc/passwd).\n'),
    rule: 'link-broken',
    at: '9:5',
    message: /leaves the repository/,
  },
  { file: 'policies/long-front-matter.md', content: longFrontMatter, rule: 'control-unknown', at: `${LONG_CONTROL_LINE}:14`, message: /A\.5\.99/ },
  { file: 'policies/nested-yaml.md', content: `---\nid: ${'['.repeat(10_000)}\n---\n`, rule: 'front-matter-invalid', message: /nested more than 64 levels/ },
  {
    file: 'policies/nested-yaml-closed.md',
    content: `---\nid: POL-NEST-001\nmaps_to: {x: ${'['.repeat(500)}${']'.repeat(500)}}\n---\n`,
    rule: 'front-matter-invalid',
    message: /nested more than 64 levels/,
  },
  // A body nested 10,000 deep parses (the walk has no recursion); the file's finding is its broken link.
  {
    file: 'policies/nested-body.md',
    content: policy('POL-NEST-002', '', `${'>'.repeat(10_000)} [deep](missing.md) {{ owner }}\n`),
    rule: 'link-broken',
    at: '9:10002',
  },
];

/** Findings about files (the ISMS-wide coverage rules are not what these tests are about). */
function fileFindings(result: CheckResult): Finding[] {
  return result.findings.filter((finding) => finding.file?.startsWith('policies/'));
}

/** The first finding of `rule` on `file`. */
function findingFor(findings: readonly Finding[], file: string, rule: string): Finding | undefined {
  return findings.find((finding) => finding.file === file && finding.rule === rule);
}

function expectCase(findings: readonly Finding[], entry: Case): void {
  const finding = findingFor(findings, entry.file, entry.rule);
  expect(finding, `${entry.file} should give ${entry.rule}; got ${JSON.stringify(findings.filter((f) => f.file === entry.file))}`).toBeDefined();
  if (entry.at) expect(`${finding!.line}:${finding!.column}`, entry.file).toBe(entry.at);
  if (entry.message) expect(finding!.message).toMatch(entry.message);
  expect(finding!.severity).toBe('error');
}

/** Lines that look like a JavaScript stack frame. */
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

describe('the hostile corpus', () => {
  let root: string;
  let outside: string;
  let result: CheckResult;

  beforeAll(async () => {
    root = makeRepo(Object.fromEntries(cases.map((entry) => [entry.file, entry.content])));
    // Outside the repository: a policy and a folder of policies that symlinks point at.
    outside = mkdtempSync(path.join(tmpdir(), 'isms-outside-'));
    writeFileSync(path.join(outside, 'secret.md'), policy('POL-OUT-001'));
    mkdirSync(path.join(outside, 'folder'));
    writeFileSync(path.join(outside, 'folder', 'inner.md'), policy('POL-OUT-002'));
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'policies', 'symlink-out.md'));
    symlinkSync(path.join(outside, 'folder'), path.join(root, 'policies', 'linked-folder'));
    result = await check({ root, today: TODAY });
  });

  afterAll(() => rmSync(outside, { recursive: true, force: true }));

  it.each(cases.map((entry) => [entry.file, entry] as const))('%s gives its finding', (_file, entry) => {
    expectCase(result.findings, entry);
  });

  it('reports every wrong type, one finding per field line', () => {
    const lines = new Set(result.findings.filter((finding) => finding.file === 'policies/types.md').map((finding) => finding.line));
    for (let line = 2; line <= 15; line++) expect(lines, `line ${line} of types.md`).toContain(line);
  });

  it('reports the three impossible dates (2025 is no leap year)', () => {
    const dates = result.findings.filter((finding) => finding.file === 'policies/dates.md' && finding.rule === 'date-invalid');
    expect(dates.map((finding) => `${finding.line}:${finding.column}`)).toEqual(['8:16', '9:14', '10:14']);
  });

  it('reports both the link and the evidence path that leave the repository', () => {
    const links = result.findings.filter((finding) => finding.file === 'policies/links.md' && finding.rule === 'link-broken');
    expect(links.map((finding) => `${finding.line}:${finding.column}`)).toEqual(['9:5', '13:5']);
    expect(links.every((finding) => /leaves the repository/.test(finding.message))).toBe(true);
  });

  it('does not follow a symlink out of the repository', () => {
    const finding = findingFor(result.findings, 'policies/symlink-out.md', 'link-broken');
    expect(finding?.message).toMatch(/Symbolic link leaves the repository/);
    const ids = result.policies.map((record) => record.id);
    expect(ids).not.toContain('POL-OUT-001');
    // A symlinked folder is not walked: nothing inside it is read.
    expect(ids).not.toContain('POL-OUT-002');
    expect(result.findings.some((entry) => entry.file?.includes('linked-folder'))).toBe(false);
  });

  it('never parses the 5 MB file', () => {
    expect(result.findings.filter((finding) => finding.file === 'policies/huge.md')).toHaveLength(1);
  });

  it('the CLI gives the same findings, exits 1 and prints no stack trace', () => {
    const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--today', TODAY], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: Finding[] };
    for (const entry of cases) expectCase(report.findings, entry);
    expect(findingFor(report.findings, 'policies/symlink-out.md', 'link-broken')).toBeDefined();

    const text = spawnSync(process.execPath, [CLI, 'check', '--today', TODAY], { cwd: root, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
    expect(text.status).toBe(1);
    expect(`${text.stdout}\n${text.stderr}`).not.toMatch(STACK_FRAME);
    expect(text.stderr).toBe('');
    for (const entry of cases) expect(text.stdout).toContain(`${entry.file}:`);
  });
});

describe('front matter in another language', () => {
  // Each payload writes a marker file if anything evaluates it (gray-matter's default for ---js does).
  const languages = ['js', 'javascript', ' js', 'coffee', 'json', 'toml'];

  it.each(languages)('`---%s` is refused and never evaluated', async (language) => {
    const root = makeRepo({});
    const marker = path.join(root, 'PWNED');
    const payload = `---${language}\n{ id: (function () { require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); return 'POL-JS-001'; })() }\n---\n# Body\n`;
    writeFileSync(path.join(root, 'evil.md'), payload);
    mkdirSync(path.join(root, 'policies'));
    writeFileSync(path.join(root, 'policies', 'evil.md'), payload);

    const result = await check({ root, today: TODAY });
    const finding = findingFor(result.findings, 'policies/evil.md', 'front-matter-invalid');
    expect(finding?.message).toMatch(/expected YAML/);
    expect(`${finding?.line}:${finding?.column}`).toBe('1:4');
    expect(existsSync(marker)).toBe(false);

    const run = spawnSync(process.execPath, [CLI, 'check', '--today', TODAY], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('policies/evil.md:1:4 error');
    expect(existsSync(marker)).toBe(false);
  });
});

describe('the billion laughs', () => {
  it('is refused quickly', async () => {
    const root = makeRepo({ 'policies/bomb.md': billionLaughs });
    const started = performance.now();
    const result = await check({ root, today: TODAY });
    // Loose on purpose: the point is "not exponential"; a slow CI machine must not flake.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(fileFindings(result).map((finding) => finding.rule)).toEqual(['front-matter-invalid']);
  });

  it('a few aliases are still fine', async () => {
    const root = makeRepo({ 'policies/alias.md': policy('POL-ALIAS-001', 'approver: &boss "@bob"\nowner: *boss\n').replace('owners: ["@alice"]\n', '') });
    const result = await check({ root, today: TODAY });
    expect(fileFindings(result)).toEqual([]);
    expect(result.policies[0]!.owners).toEqual(['@bob']);
  });
});

describe('BOM, CRLF, tabs and non-ASCII text', () => {
  const lines = [
    '\uFEFF---',
    'id: POL-INTL-001',
    'title:\t"Sécurité de l’information – 情報セキュリティ"',
    'owners: ["@zoe-muller", "zoë@exemple.fr"]',
    'approver: "@jose"',
    'status: approved',
    'last_reviewed: 2026-06-01',
    'review_every:\t12 months',
    'iso27001:',
    '  controls: [A.5.1]',
    '---',
    '# Politique de sécurité',
    '',
    '## Purpose',
    '',
    'Überprüfung –\tsiehe [Anhang](annexe-é.md) und [Ökologie](%C3%B6kologie.md).',
    '',
    '## Scope',
    '',
    '- Ünïcödé 😀 [Anhang](annexe-é.md)',
    '',
  ];

  it('a valid file gives no findings', async () => {
    const root = makeRepo({
      '.isms.yml': 'required_sections: [Purpose, Scope]\n',
      'policies/intl.md': lines.join('\r\n'),
      'policies/annexe-é.md': policy('POL-INTL-002', '', '## Purpose\n\n## Scope\n'),
      'policies/ökologie.md': policy('POL-INTL-003', '', '## Purpose\n\n## Scope\n'),
    });
    const result = await check({ root, today: TODAY });
    expect(fileFindings(result)).toEqual([]);
    const record = result.policies.find((entry) => entry.id === 'POL-INTL-001')!;
    expect(record.title).toBe('Sécurité de l’information – 情報セキュリティ');
    expect(record.next_review).toBe('2027-06-01');
  });

  it('positions count lines across CRLF and columns in characters after non-ASCII text', async () => {
    const broken = [...lines];
    broken[9] = '  controls: [A.5.1, A.5.99]';
    broken[15] = 'Überprüfung –\tsiehe [Anhang](fehlt-é.md).';
    broken[19] = '- Ünïcödé 😀 [Anhang](fehlt.md)';
    const root = makeRepo({ 'policies/intl.md': broken.join('\r\n') });
    const result = await check({ root, today: TODAY });
    expect(fileFindings(result).map((finding) => `${finding.rule} ${finding.line}:${finding.column}`)).toEqual([
      'control-unknown 10:21',
      'link-broken 16:21',
      // Columns are UTF-16 code units (what editors and GitHub annotations use): the emoji counts 2.
      'link-broken 20:14',
    ]);
  });
});
