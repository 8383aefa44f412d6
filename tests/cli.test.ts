/**
 * The command line as a user meets it (the documented command line and JSON shape): exit codes, the JSON and
 * text formats, --output, colour, the date override, paths, `isms due` and
 * `isms catalog`. Most tests call runCli in-process; a few spawn the built
 * dist/cli.js to prove the real program behaves the same.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIsms, type CliRun } from './support/cli.js';
import { TOOL_VERSION } from '../src/version.js';
import { makeRepo } from './support/repo.js';

const CLI = path.resolve(import.meta.dirname, '../dist/cli.js');
const TODAY = '2026-11-24';
/** Coverage of the ISMS as a whole is another test's subject; these repos are about single files. */
const QUIET_CONFIG = 'rules:\n  clause-uncovered: off\n';

type Run = CliRun;

const run = runIsms;

interface PolicyOptions {
  id: string;
  status?: string;
  lastReviewed?: string;
  owners?: string;
  extra?: string;
  body?: string;
}

function policy({ id, status = 'review', lastReviewed = '2026-06-01', owners = '["@alice"]', extra = '', body = '# Policy\n' }: PolicyOptions): string {
  return [
    '---',
    `id: ${id}`,
    `title: Policy ${id}`,
    `owners: ${owners}`,
    `status: ${status}`,
    ...(lastReviewed ? [`last_reviewed: ${lastReviewed}`] : []),
    'iso27001:',
    '  controls: [A.5.15]',
    `${extra}---`,
    body,
  ].join('\n');
}

/** A repo with one clean policy, one with an error (unknown control) and one with a warning. */
function mixedRepo(): string {
  return makeRepo({
    '.isms.yml': QUIET_CONFIG,
    'policies/clean.md': policy({ id: 'POL-CLEAN-001' }),
    'policies/errors/bad.md': policy({ id: 'POL-BAD-001', extra: 'maps_to:\n  nist-csf-2.0: [PR.AA-99]\n' }),
    'policies/warn.md': policy({ id: 'POL-WARN-001', extra: 'colour: blue\n' }),
  });
}

function cleanRepo(): string {
  return makeRepo({ '.isms.yml': QUIET_CONFIG, 'policies/a.md': policy({ id: 'POL-A-001' }), 'policies/sub/b.md': policy({ id: 'POL-B-001' }) });
}

function warningRepo(): string {
  return makeRepo({ '.isms.yml': QUIET_CONFIG, 'policies/warn.md': policy({ id: 'POL-WARN-001', extra: 'colour: blue\n' }) });
}

describe('exit codes', () => {
  it('0 when there are no findings', async () => {
    const result = await run(cleanRepo(), ['check', '--today', TODAY]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^✔ 2 policies checked: no problems\nCoverage: \d+\/93 Annex A controls mapped \(no SoA file\); \d+\/14 clauses that require documented information\n$/);
  });

  it('1 when there is an error', async () => {
    expect((await run(mixedRepo(), ['check', '--today', TODAY])).code).toBe(1);
  });

  it('0 with warnings only, 1 once they exceed --max-warnings', async () => {
    const root = warningRepo();
    expect((await run(root, ['check', '--today', TODAY])).code).toBe(0);
    expect((await run(root, ['check', '--today', TODAY, '--max-warnings', '1'])).code).toBe(0);
    expect((await run(root, ['check', '--today', TODAY, '--max-warnings', '0'])).code).toBe(1);
  });

  it.each([['-1'], ['many'], ['1.5']])('2 for --max-warnings %s', async (value) => {
    const result = await run(warningRepo(), ['check', '--today', TODAY, `--max-warnings=${value}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--max-warnings takes a whole number');
  });

  it('2 for an unknown option, naming it', async () => {
    const result = await run(cleanRepo(), ['check', '--strict']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^isms check: unknown option `--strict`\nUsage: isms check/);
    expect(result.stdout).toBe('');
  });

  it('2 for an option without its value', async () => {
    const result = await run(cleanRepo(), ['check', '--today']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^isms check: --today needs a value\n/);
    const dash = await run(cleanRepo(), ['check', '--max-warnings', '-1']);
    expect(dash.code).toBe(2);
    expect(dash.stderr).toMatch(/^isms check: --max-warnings needs a value; for a value that starts with `-`, write `--max-warnings=-1`/);
  });

  it('2 for an unknown command', async () => {
    const result = await run(cleanRepo(), ['chekc']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command `chekc`');
  });

  it('2 for an unknown format', async () => {
    const result = await run(cleanRepo(), ['check', '--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown format `xml`: expected text, json, sarif, markdown');
  });

  it.each([['2026-02-30'], ['tomorrow'], ['2026-1-5'], ['']])('2 for --today %j', async (value) => {
    const result = await run(cleanRepo(), ['check', '--today', value]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Invalid date \`${value}\` for today: write it as YYYY-MM-DD`);
  });

  it('2 for a bad ISMS_TODAY', async () => {
    const result = await run(cleanRepo(), ['check'], { env: { ISMS_TODAY: '24/11/2026' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid date `24/11/2026`');
  });

  it('no arguments prints the help and exits 2; --help exits 0; --version prints the version', async () => {
    const root = cleanRepo();
    const bare = await run(root, []);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toContain('Usage: isms <command>');
    expect((await run(root, ['--help'])).code).toBe(0);
    const help = await run(root, ['check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--max-warnings');
    expect(await run(root, ['--version'])).toEqual({ code: 0, stdout: `${TOOL_VERSION}\n`, stderr: '' });
  });
});

describe('.isms.yml errors exit 2 and name the key', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['an unknown key', 'revew_every: 6 months\n', /\.isms\.yml: unknown key `revew_every`, did you mean `review_every`\?/],
    ['a bad cadence', 'review_every: often\n', /`review_every` "often" is invalid, expected a cadence/],
    ['a bad number', 'remind_within_days: soon\n', /`remind_within_days` "soon" is invalid, expected a whole number/],
    ['a negative number', 'remind_within_days: -3\n', /`remind_within_days` -3 is invalid/],
    ['policies as a number', 'policies: 5\n', /`policies` 5 is invalid, expected a glob/],
    ['required_sections as text', 'required_sections: Purpose\n', /`required_sections` "Purpose" is invalid, expected a list/],
    ['an unknown rule', 'rules:\n  link-brokn: off\n', /unknown rule `link-brokn` in `rules`, did you mean `link-broken`\?/],
    ['a bad severity', 'rules:\n  link-broken: fatal\n', /`rules\.link-broken` "fatal" is invalid, expected error, warning or off/],
    ['a list', '- policies\n', /expected a mapping of settings/],
    ['a YAML syntax error', 'policies: [unclosed\n', /\.isms\.yml: invalid YAML/],
    ['a duplicate key', 'soa: a.yml\nsoa: b.yml\n', /\.isms\.yml: invalid YAML/],
  ];

  it.each(cases)('%s', async (_name, config, message) => {
    const root = makeRepo({ '.isms.yml': config, 'policies/a.md': policy({ id: 'POL-A-001' }) });
    const result = await run(root, ['check', '--today', TODAY]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('an unreadable config', async () => {
    const root = makeRepo({ 'policies/a.md': policy({ id: 'POL-A-001' }) });
    // A folder where the file should be: unreadable for every user, root included.
    mkdirSync(path.join(root, '.isms.yml'));
    const result = await run(root, ['check', '--today', TODAY]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^isms check: Cannot read \.isms\.yml: .*EISDIR/);
  });

  it.skipIf(process.getuid?.() === 0)('a config without read permission', async () => {
    const root = makeRepo({ '.isms.yml': QUIET_CONFIG, 'policies/a.md': policy({ id: 'POL-A-001' }) });
    chmodSync(path.join(root, '.isms.yml'), 0o000);
    const result = await run(root, ['check', '--today', TODAY]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Cannot read .isms.yml');
  });

  it('a --config file that does not exist', async () => {
    const result = await run(cleanRepo(), ['check', '--config', 'missing.yml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Config file missing.yml not found');
  });

  it('a --config file elsewhere is used', async () => {
    const root = makeRepo({ 'isms-ci.yml': 'policies: ["docs/*.md"]\nrules: { clause-uncovered: off }\n', 'docs/a.md': policy({ id: 'POL-A-001', extra: 'colour: red\n' }) });
    const result = await run(root, ['check', '--today', TODAY, '--config', 'isms-ci.yml', '--format', 'json']);
    const report = JSON.parse(result.stdout) as { summary: { policies: number; warnings: number } };
    expect(report.summary).toMatchObject({ policies: 1, warnings: 1 });
  });
});

describe('--format json', () => {
  it('has exactly the documented shape', async () => {
    const result = await run(mixedRepo(), ['check', '--format', 'json', '--today', TODAY]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['version', 'tool', 'today', 'summary', 'findings', 'policies', 'coverage']);
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({ name: 'isms-as-code', version: TOOL_VERSION });
    expect(report.today).toBe(TODAY);
    expect(report.summary).toEqual({ policies: 3, errors: 1, warnings: 1 });

    const findings = report.findings as Array<Record<string, unknown>>;
    expect(findings).toHaveLength(2);
    for (const finding of findings) {
      expect(Object.keys(finding)).toEqual(['rule', 'severity', 'file', 'line', 'column', 'message', 'policy']);
      expect(typeof finding.rule).toBe('string');
      expect(['error', 'warning']).toContain(finding.severity);
      expect(typeof finding.file).toBe('string');
      expect(Number.isInteger(finding.line) && (finding.line as number) >= 1).toBe(true);
      expect(Number.isInteger(finding.column) && (finding.column as number) >= 1).toBe(true);
      expect(typeof finding.message).toBe('string');
      expect(typeof finding.policy).toBe('string');
    }
    expect(findings[0]).toMatchObject({ rule: 'maps-to-unknown', severity: 'error', file: 'policies/errors/bad.md', line: 10, column: 18, policy: 'POL-BAD-001' });
    expect(findings[1]).toMatchObject({ rule: 'field-unknown', severity: 'warning', file: 'policies/warn.md', line: 9, column: 1, policy: 'POL-WARN-001' });

    const policies = report.policies as Array<Record<string, unknown>>;
    expect(policies.map((entry) => entry.file)).toEqual(['policies/clean.md', 'policies/errors/bad.md', 'policies/warn.md']);
    for (const entry of policies) {
      expect(Object.keys(entry)).toEqual(['id', 'title', 'file', 'owners', 'owner_holders', 'roles', 'status', 'last_reviewed', 'next_review', 'review_state', 'clauses', 'controls', 'edition', 'type', 'classification', 'effective_date', 'audience', 'author', 'supersedes', 'related', 'parent', 'history']);
    }
    expect(policies[0]).toEqual({
      id: 'POL-CLEAN-001',
      title: 'Policy POL-CLEAN-001',
      file: 'policies/clean.md',
      owners: ['@alice'],
      owner_holders: ['@alice'],
      roles: {},
      status: 'review',
      last_reviewed: '2026-06-01',
      next_review: '2027-06-01',
      review_state: 'ok',
      clauses: [],
      controls: ['A.5.15'],
      edition: 2022,
      type: 'policy',
      classification: null,
      effective_date: null,
      audience: [],
      author: null,
      supersedes: [],
      related: [],
      parent: null,
      history: [],
    });
  });

  it('uses null for a finding without a policy and for unknown fields', async () => {
    const root = makeRepo({ '.isms.yml': QUIET_CONFIG, 'policies/none.md': '# no front matter\n', 'policies/draft.md': policy({ id: 'POL-D-001', status: 'draft', lastReviewed: '' }) });
    const report = JSON.parse((await run(root, ['check', '--format', 'json', '--today', TODAY])).stdout) as {
      findings: Array<{ policy: unknown; rule: string }>;
      policies: Array<{ last_reviewed: unknown; next_review: unknown; review_state: string }>;
    };
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'front-matter-missing', policy: null })]);
    expect(report.policies).toEqual([expect.objectContaining({ last_reviewed: null, next_review: null, review_state: 'draft' })]);
  });
});

describe('--output', () => {
  it('writes the report to the file and prints nothing; the exit code still follows the findings', async () => {
    const root = mixedRepo();
    const result = await run(root, ['check', '--format', 'json', '--output', 'reports/isms.json', '--today', TODAY]);
    expect(result).toEqual({ code: 1, stdout: '', stderr: '' });
    const report = JSON.parse(readFileSync(path.join(root, 'reports/isms.json'), 'utf8')) as { summary: unknown };
    expect(report.summary).toEqual({ policies: 3, errors: 1, warnings: 1 });
    expect(existsSync(path.join(root, 'reports'))).toBe(true);
  });

  it('writes plain text even when colour is forced', async () => {
    const root = mixedRepo();
    await run(root, ['check', '-o', 'out.txt', '--today', TODAY], { env: { FORCE_COLOR: '1' }, isTTY: true });
    const text = readFileSync(path.join(root, 'out.txt'), 'utf8');
    expect(text).toContain('policies/errors/bad.md:10:18 error');
    expect(text).not.toContain('\u001b[');
  });

  it('`-` means standard output', async () => {
    const result = await run(cleanRepo(), ['check', '--output', '-', '--today', TODAY]);
    expect(result.stdout).toContain('no problems');
  });

  it('an unwritable output path exits 2', async () => {
    const root = cleanRepo();
    mkdirSync(path.join(root, 'taken'));
    const result = await run(root, ['check', '--output', 'taken', '--today', TODAY]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Cannot write');
    // Nothing half-written is left beside it.
    expect(readdirSync(root).filter((name) => name.startsWith('taken'))).toEqual(['taken']);
  });
});

describe('text output', () => {
  it('groups findings by file like a compiler and ends with a summary', async () => {
    const root = makeRepo({
      '.isms.yml': QUIET_CONFIG,
      'policies/b.md': policy({ id: 'POL-B-001', extra: 'colour: blue\n', body: '# B\n\n[gone](gone.md)\n' }),
      'policies/a.md': policy({ id: 'POL-A-001', extra: 'maps_to:\n  nist-csf-2.0: [PR.AA-99]\n' }),
      'policies/ok.md': policy({ id: 'POL-OK-001' }),
    });
    const result = await run(root, ['check', '--today', TODAY]);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      'policies/a.md',
      expect.stringMatching(/^policies\/a\.md:10:18 error Unexpected .*PR\.AA-99.* maps-to-unknown$/),
      '',
      'policies/b.md',
      expect.stringMatching(/^policies\/b\.md:9:1 warning Unexpected field `colour`.* field-unknown$/),
      expect.stringMatching(/^policies\/b\.md:13:1 error Broken link: `gone\.md` does not exist.* link-broken$/),
      '',
      '✖ 3 policies checked: 2 errors, 1 warning',
      expect.stringMatching(/^Coverage: \d+\/93 Annex A controls mapped \(no SoA file\); \d+\/14 clauses/),
      '',
    ]);
  });

  it('escapes control characters from policy text', async () => {
    const root = makeRepo({ '.isms.yml': QUIET_CONFIG, 'policies/a.md': policy({ id: 'POL-A-001', extra: 'type: "\\e[31mred"\n' }) });
    const result = await run(root, ['check', '--today', TODAY]);
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).toContain('Unexpected `type` `\\x1b[31mred`');
  });
});

describe('colour', () => {
  const colourful = (text: string) => text.includes('\u001b[');

  it('only on a terminal', async () => {
    const root = mixedRepo();
    expect(colourful((await run(root, ['check', '--today', TODAY], { isTTY: false })).stdout)).toBe(false);
    const tty = (await run(root, ['check', '--today', TODAY], { isTTY: true })).stdout;
    expect(tty).toContain('\u001b[31merror\u001b[39m');
  });

  it('never with NO_COLOR, even on a terminal or with FORCE_COLOR', async () => {
    const root = mixedRepo();
    expect(colourful((await run(root, ['check', '--today', TODAY], { isTTY: true, env: { NO_COLOR: '1' } })).stdout)).toBe(false);
    expect(colourful((await run(root, ['check', '--today', TODAY], { isTTY: true, env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout)).toBe(false);
  });

  it('with FORCE_COLOR off a terminal; FORCE_COLOR=0 turns it off', async () => {
    const root = mixedRepo();
    expect(colourful((await run(root, ['check', '--today', TODAY], { env: { FORCE_COLOR: '1' } })).stdout)).toBe(true);
    expect(colourful((await run(root, ['check', '--today', TODAY], { isTTY: true, env: { FORCE_COLOR: '0' } })).stdout)).toBe(true);
    expect(colourful((await run(root, ['check', '--today', TODAY], { env: { FORCE_COLOR: '0' } })).stdout)).toBe(false);
  });

  it('never in JSON', async () => {
    const result = await run(mixedRepo(), ['check', '--format', 'json', '--today', TODAY], { isTTY: true, env: { FORCE_COLOR: '1' } });
    expect(colourful(result.stdout)).toBe(false);
  });
});

describe('today', () => {
  // Reviewed 2025-12-01 every 12 months: due 2026-12-01.
  const repo = () => makeRepo({ '.isms.yml': QUIET_CONFIG, 'policies/a.md': policy({ id: 'POL-A-001', lastReviewed: '2025-12-01' }) });
  const state = async (root: string, argv: string[], env: NodeJS.ProcessEnv = {}) => {
    const report = JSON.parse((await run(root, ['check', '--format', 'json', ...argv], { env })).stdout) as { today: string; policies: Array<{ review_state: string }> };
    return `${report.today} ${report.policies[0]!.review_state}`;
  };

  it('--today fixes the date', async () => {
    const root = repo();
    expect(await state(root, ['--today', '2026-06-01'])).toBe('2026-06-01 ok');
    expect(await state(root, ['--today', '2026-11-24'])).toBe('2026-11-24 due-soon');
    expect(await state(root, ['--today', '2026-12-02'])).toBe('2026-12-02 overdue');
  });

  it('ISMS_TODAY fixes the date, and --today wins over it', async () => {
    const root = repo();
    expect(await state(root, [], { ISMS_TODAY: '2026-12-02' })).toBe('2026-12-02 overdue');
    expect(await state(root, ['--today', '2026-06-01'], { ISMS_TODAY: '2026-12-02' })).toBe('2026-06-01 ok');
  });
});

describe('paths', () => {
  const repo = () =>
    makeRepo({
      '.isms.yml': QUIET_CONFIG,
      'policies/a.md': policy({ id: 'POL-A-001' }),
      'policies/sub/b.md': policy({ id: 'POL-B-001' }),
      'policies/sub/c.md': policy({ id: 'POL-C-001' }),
      'docs/d.md': policy({ id: 'POL-D-001' }),
    });
  const files = async (root: string, argv: string[]) => {
    const result = await run(root, ['check', '--format', 'json', '--today', TODAY, ...argv]);
    expect(result.stderr).toBe('');
    return (JSON.parse(result.stdout) as { policies: Array<{ file: string }> }).policies.map((entry) => entry.file);
  };

  it('default to the config\'s policies', async () => {
    expect(await files(repo(), [])).toEqual(['policies/a.md', 'policies/sub/b.md', 'policies/sub/c.md']);
  });

  it('accept a file, a folder and a glob', async () => {
    const root = repo();
    expect(await files(root, ['docs/d.md'])).toEqual(['docs/d.md']);
    expect(await files(root, ['policies/sub'])).toEqual(['policies/sub/b.md', 'policies/sub/c.md']);
    expect(await files(root, ['policies/sub/'])).toEqual(['policies/sub/b.md', 'policies/sub/c.md']);
    expect(await files(root, ['**/[bd].md'])).toEqual(['docs/d.md', 'policies/sub/b.md']);
    expect(await files(root, ['docs/d.md', 'policies/a.md', 'policies/*.md'])).toEqual(['docs/d.md', 'policies/a.md']);
  });

  it('exit 2 for a path outside the repository or one that does not exist', async () => {
    const root = repo();
    const outside = await run(root, ['check', '..', '--today', TODAY]);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('.. is outside the repository');
    const absolute = await run(root, ['check', '/etc/hostname', '--today', TODAY]);
    expect(absolute.code).toBe(2);
    const missing = await run(root, ['check', 'policies/nope.md', '--today', TODAY]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('policies/nope.md does not exist');
  });
});

describe('isms due', () => {
  const repo = () =>
    makeRepo({
      '.isms.yml': QUIET_CONFIG,
      'policies/ok.md': policy({ id: 'POL-OK-001', lastReviewed: '2026-06-01', owners: '["@olga"]' }),
      'policies/soon.md': policy({ id: 'POL-SOON-001', lastReviewed: '2025-12-10', owners: '["@sam", "@acme/sec"]' }),
      'policies/late.md': policy({ id: 'POL-LATE-001', lastReviewed: '2025-10-01', owners: '["@lee"]' }),
      'policies/later.md': policy({ id: 'POL-LATER-001', lastReviewed: '2025-11-20', owners: '["ann@example.com"]' }),
      'policies/draft.md': policy({ id: 'POL-DRAFT-001', status: 'draft', lastReviewed: '2020-01-01', owners: '["@dee"]' }),
      'policies/retired.md': policy({ id: 'POL-OLD-001', status: 'retired', lastReviewed: '2020-01-01', owners: '["@rob"]' }),
    });

  it('lists overdue first (oldest first), then due soon, with owners and due dates', async () => {
    const result = await run(repo(), ['due', '--today', TODAY]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^STATE\s+DUE\s+WHEN\s+ID\s+TITLE\s+OWNERS$/);
    expect(lines.slice(1, 4).map((line) => line.split(/\s{2,}/))).toEqual([
      ['overdue', '2026-10-01', '54d overdue', 'POL-LATE-001', 'Policy POL-LATE-001', '@lee'],
      ['overdue', '2026-11-20', '4d overdue', 'POL-LATER-001', 'Policy POL-LATER-001', 'ann@example.com'],
      ['due-soon', '2026-12-10', 'in 16d', 'POL-SOON-001', 'Policy POL-SOON-001', '@sam, @acme/sec'],
    ]);
    expect(lines.at(-1)).toBe('2 overdue, 1 due within 30 days, of 6 policies (today 2026-11-24)');
    expect(result.stdout).not.toContain('POL-OK-001');
  });

  it('--all adds the rest: ok, then draft, then retired', async () => {
    const result = await run(repo(), ['due', '--all', '--format', 'json', '--today', TODAY]);
    const report = JSON.parse(result.stdout) as { today: string; policies: Array<{ id: string; review_state: string; owners: string[]; next_review: string | null }> };
    expect(report.today).toBe(TODAY);
    expect(report.policies.map((entry) => `${entry.review_state} ${entry.id}`)).toEqual([
      'overdue POL-LATE-001',
      'overdue POL-LATER-001',
      'due-soon POL-SOON-001',
      'ok POL-OK-001',
      'draft POL-DRAFT-001',
      'retired POL-OLD-001',
    ]);
    expect(report.policies[2]).toMatchObject({ owners: ['@sam', '@acme/sec'], next_review: '2026-12-10' });
  });

  it('--within widens the window', async () => {
    const result = await run(repo(), ['due', '--within', '200', '--format', 'json', '--today', TODAY]);
    const report = JSON.parse(result.stdout) as { policies: Array<{ id: string; review_state: string }> };
    expect(report.policies.map((entry) => entry.id)).toContain('POL-OK-001');
  });
});

describe('isms catalog --format json', () => {
  it('has the documented shape', async () => {
    const result = await run(cleanRepo(), ['catalog', '--format', 'json']);
    expect(result.code).toBe(0);
    const catalog = JSON.parse(result.stdout) as {
      frameworks: Array<{ id: string; clauses?: Array<Record<string, string>>; controls: Array<Record<string, string>> }>;
      mappings: Array<{ from: string; to: string; pairs: Array<{ from: string; to: string[] }> }>;
    };
    expect(Object.keys(catalog)).toEqual(['frameworks', 'mappings']);
    expect(catalog.frameworks.map((framework) => framework.id)).toEqual(['iso27001-2022', 'iso27001-2013', 'nist-csf-2.0', 'nist-csf-1.1']);
    const [iso2022, iso2013, csf] = catalog.frameworks;
    expect(iso2022!.clauses).toHaveLength(41);
    expect(iso2022!.clauses![0]).toEqual({ id: '4', title: expect.any(String) });
    expect(iso2022!.controls).toHaveLength(93);
    expect(Object.keys(iso2022!.controls[0]!)).toEqual(['id', 'title', 'theme']);
    expect(iso2013!.controls).toHaveLength(114);
    expect(iso2013!.controls[0]).toMatchObject({ id: 'A.5.1.1', title: expect.any(String) });
    expect(csf!.controls).toHaveLength(106);
    expect(catalog.mappings).toHaveLength(2);
    expect(catalog.mappings[0]).toMatchObject({ from: 'iso27001-2013', to: 'iso27001-2022' });
    expect(catalog.mappings[0]!.pairs).toHaveLength(114);
    expect(catalog.mappings[0]!.pairs).toContainEqual({ from: 'A.9.1.1', to: ['A.5.15'] });
  });

  it('prints a readable text catalog by default', async () => {
    const result = await run(cleanRepo(), ['catalog']);
    expect(result.stdout).toMatch(/^\s+A\.5\.15\s+Access control$/m);
    expect(result.stdout).toMatch(/^\s+A\.18\.2\.3\s+-> A\.5\.36, A\.8\.8\s+/m);
  });
});

describe('the built program', () => {
  const spawn = (cwd: string, argv: string[], env: NodeJS.ProcessEnv = {}) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !['NO_COLOR', 'FORCE_COLOR', 'ISMS_TODAY'].includes(key)));
    return spawnSync(process.execPath, [CLI, ...argv], { cwd, env: { ...clean, ...env }, encoding: 'utf8', timeout: 30_000 });
  };

  it('exits 0, 1 and 2 like runCli', () => {
    expect(spawn(cleanRepo(), ['check', '--today', TODAY]).status).toBe(0);
    expect(spawn(mixedRepo(), ['check', '--today', TODAY]).status).toBe(1);
    const usage = spawn(cleanRepo(), ['check', '--nope']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('unknown option `--nope`');
  });

  it('colours with FORCE_COLOR, not with NO_COLOR, not on a pipe', () => {
    const root = mixedRepo();
    expect(spawn(root, ['check', '--today', TODAY]).stdout).not.toContain('\u001b[');
    expect(spawn(root, ['check', '--today', TODAY], { FORCE_COLOR: '1' }).stdout).toContain('\u001b[31m');
    expect(spawn(root, ['check', '--today', TODAY], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).not.toContain('\u001b[');
  });

  it('reads ISMS_TODAY', () => {
    const result = spawn(cleanRepo(), ['check', '--format', 'json'], { ISMS_TODAY: '2031-01-01' });
    expect(result.status).toBe(1);
    expect((JSON.parse(result.stdout) as { today: string }).today).toBe('2031-01-01');
  });
});
