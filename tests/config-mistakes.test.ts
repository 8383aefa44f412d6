/**
 * Config mistakes are never silent: a configured SoA that is not there, globs that match
 * nothing, folders and files that cannot be read are one-line usage errors (exit 2) that name
 * the path and the fix; `!path` leaves a file or folder out; `isms check <file>` looks at one
 * file within the whole ISMS (no false gaps, the gaps its change makes). Run through the built
 * CLI, as a user runs it, and through check().
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { UsageError } from '../src/config/load.js';
import { makeRepo, writeFiles } from './support/repo.js';

const CLI = path.resolve(import.meta.dirname, '../dist/cli.js');
const REPO = path.resolve(import.meta.dirname, '..');
const TODAY = '2026-11-24';
const QUIET = 'rules:\n  clause-uncovered: off\n';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(cwd: string, argv: string[], options: SpawnSyncOptions = {}): Run {
  const result = spawnSync(process.execPath, [CLI, ...argv, '--today', TODAY], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, ...options });
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Exit 2 with one line on stderr, no stack trace, matching `message`. */
function expectUsageError(run: Run, message: RegExp): void {
  expect(run.status, run.stderr + run.stdout).toBe(2);
  expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
  expect(run.stderr.trimEnd()).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

function policy(id: string, controls = 'A.5.15'): string {
  return `---\nid: ${id}\ntitle: Policy ${id}\nowners: ["@alice"]\nstatus: review\nlast_reviewed: 2026-06-01\niso27001:\n  controls: [${controls}]\n---\n# Policy\n`;
}

/** A copy of the example ISMS this repository ships (policies/, soa.yml, .isms.yml, evidence/). */
function exampleIsms(): string {
  const root = makeRepo({});
  for (const entry of ['policies', 'soa.yml', '.isms.yml', 'evidence']) cpSync(path.join(REPO, entry), path.join(root, entry), { recursive: true });
  return root;
}

function git(root: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd: root, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
}

function committed(root: string): string {
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'ISMS');
  return root;
}

interface JsonRun {
  summary: { policies: number; errors: number; warnings: number };
  findings: Array<{ rule: string; file: string | null; message: string }>;
  policies: Array<{ file: string }>;
}

function json(root: string, argv: string[]): JsonRun {
  const run = cli(root, ['check', '--format', 'json', ...argv]);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as JsonRun;
}

describe('a configured soa: that is not there', () => {
  it('is exit 2 naming the path and the nearest .yml', async () => {
    const root = makeRepo({ '.isms.yml': 'soa: soa.yaml\n', 'soa.yml': 'controls: {}\n', 'policies/a.md': policy('POL-A-001') });
    expectUsageError(cli(root, ['check']), /^isms check: \.isms\.yml: `soa: soa\.yaml` does not exist in .+ \(did you mean `soa\.yml`\?\): create the Statement of Applicability there, or set `soa:` to where it is$/);
    expectUsageError(cli(root, ['soa']), /`soa: soa\.yaml` does not exist/);
    await expect(check({ root, today: TODAY })).rejects.toThrow(UsageError);
  });

  it('names no guess when nothing is close, and a missing default soa.yml stays fine', () => {
    const missing = makeRepo({ '.isms.yml': 'soa: isms/applicability.yml\n', 'policies/a.md': policy('POL-A-001') });
    const run = cli(missing, ['check']);
    expectUsageError(run, /`soa: isms\/applicability\.yml` does not exist in /);
    expect(run.stderr).not.toContain('did you mean');
    expect(cli(makeRepo({ '.isms.yml': QUIET, 'policies/a.md': policy('POL-A-001') }), ['check']).status).toBe(0);
  });
});

describe('globs that match no file', () => {
  it('are exit 2 naming the globs, the folder and the key to set', () => {
    const root = makeRepo({ '.isms.yml': `policies: ["docs/**/*.md", "isms/*.md"]\n${QUIET}`, 'policies/a.md': policy('POL-A-001') });
    const message = new RegExp(`^isms check: No policy files match \`docs/\\*\\*/\\*\\.md\`, \`isms/\\*\\.md\` in ${root.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: set \`policies:\` in \\.isms\\.yml to where your documents are$`);
    expectUsageError(cli(root, ['check']), message);
    // Every command that checks the ISMS says the same, never "0 policies, no problems".
    for (const command of ['soa', 'due', 'report']) expectUsageError(cli(root, [command]), /No policy files match `docs\/\*\*\/\*\.md`/);
  });

  it('are exit 2 without any config, for the default policies/ glob, and for a glob on the command line', () => {
    expectUsageError(cli(makeRepo({ 'README.md': '# Us\n' }), ['check']), /No policy files match `policies\/\*\*\/\*\.md` in .+: set `policies:` in \.isms\.yml/);
    const root = makeRepo({ '.isms.yml': QUIET, 'policies/a.md': policy('POL-A-001') });
    expectUsageError(cli(root, ['check', 'drafts/*.md']), /No policy files match `drafts\/\*\.md` in .+: pass the policy files, folders or globs that hold your documents$/);
  });

  it('a folder replaced by a file matches nothing, and says so', () => {
    const root = makeRepo({ '.isms.yml': QUIET, policies: 'not a folder\n' });
    expectUsageError(cli(root, ['check']), /No policy files match `policies\/\*\*\/\*\.md`/);
  });

  it('isms init writes documents, so a fresh ISMS checks', () => {
    const root = makeRepo({});
    const init = cli(root, ['init', '--owner', '@alice']);
    expect(init.status, init.stderr).toBe(0);
    expect(cli(root, ['check']).status).not.toBe(2);
  });
});

describe('a folder or file that cannot be read', () => {
  // As root every folder is readable; the CLI then runs as `nobody`, for whom it is not.
  const asUser: SpawnSyncOptions = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const repo = () => {
    const root = makeRepo({ '.isms.yml': QUIET, 'policies/a.md': policy('POL-A-001'), 'policies/secret/b.md': policy('POL-B-001') });
    chmodSync(root, 0o755); // mkdtemp makes it 0700: only the owner could enter it
    return root;
  };

  it('an unreadable folder is exit 2 naming it and how to leave it out; left out, the run is clean', () => {
    const root = repo();
    chmodSync(path.join(root, 'policies/secret'), 0o300);
    expectUsageError(
      cli(root, ['check'], asUser),
      /^isms check: Cannot read the folder `policies\/secret` \(EACCES\), so its policies would be missed: make it readable, or leave it out with `!policies\/secret\/\*\*` in `policies:`$/,
    );
    writeFileSync(path.join(root, '.isms.yml'), `policies: ["policies/**/*.md", "!policies/secret/**"]\n${QUIET}`);
    const run = cli(root, ['check'], asUser);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('1 policy checked');
  });

  it('an unreadable file is exit 2 naming it', () => {
    const root = repo();
    chmodSync(path.join(root, 'policies/secret/b.md'), 0o200);
    expectUsageError(
      cli(root, ['check'], asUser),
      /^isms check: Cannot read the policy file `policies\/secret\/b\.md` \(EACCES\): make it readable, or leave it out with `!policies\/secret\/b\.md` in `policies:`$/,
    );
  });
});

describe('an entry starting with ! leaves files out', () => {
  const repo = (globs: string) =>
    makeRepo({
      '.isms.yml': `policies: ${globs}\n${QUIET}`,
      'policies/a.md': policy('POL-A-001'),
      // A retired copy that still carries the live id: checked, it is an id-duplicate.
      'retired/index.md': policy('POL-A-001'),
      'retired/old/b.md': policy('POL-B-001'),
    });

  it('as a literal file, a folder or a glob, in .isms.yml and on the command line', () => {
    const files = (root: string, argv: string[] = []) => json(root, argv).policies.map((entry) => entry.file);
    expect(files(repo('["policies/**/*.md", "retired/**/*.md", "!retired/index.md"]'))).toEqual(['policies/a.md', 'retired/old/b.md']);
    expect(files(repo('["policies/**/*.md", "retired/**/*.md", "!retired"]'))).toEqual(['policies/a.md']);
    expect(files(repo('["policies/**/*.md", "retired/**/*.md", "!retired/*/*.md"]'))).toEqual(['policies/a.md', 'retired/index.md']);
    // A named file is left out too, whatever the order.
    expect(files(repo('["!retired/index.md", "retired/index.md", "policies/a.md"]'))).toEqual(['policies/a.md']);
    const clean = repo('["policies/**/*.md", "retired/**/*.md", "!retired/index.md"]');
    expect(json(clean, []).findings.filter((finding) => finding.rule === 'id-duplicate')).toEqual([]);
  });

  it('a negation that leaves the repository is refused like any other glob', () => {
    expectUsageError(cli(repo('["policies/**/*.md", "!../**"]'), ['check']), /`\.\.\/\*\*` leaves the repository/);
  });
});

describe('isms check <one file> within the example ISMS', () => {
  it('shows the file alone when it is clean: no control-uncovered, no clause-uncovered', () => {
    const root = exampleIsms();
    const report = json(root, ['policies/topics/backup.md']);
    expect(report.findings).toEqual([]);
    expect(report.summary).toEqual({ policies: 1, errors: 0, warnings: 0 });
    expect(report.policies.map((entry) => entry.file)).toEqual(['policies/topics/backup.md']);
    const text = cli(root, ['check', 'policies/topics/backup.md']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('1 policy checked: no problems');
    // Coverage is the whole ISMS's, never the one file's.
    expect(text.stdout).toMatch(/Coverage: 91\/91 applicable Annex A controls/);
  });

  it("shows the file's own findings and counts them, and nothing of the other files", () => {
    const root = committed(exampleIsms());
    const file = path.join(root, 'policies/topics/backup.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('\ntitle:', '\ncolour: blue\ntitle:'));
    writeFiles(root, { 'policies/topics/access-control.md': readFileSync(path.join(root, 'policies/topics/access-control.md'), 'utf8').replace('\ntitle:', '\nshape: round\ntitle:') });
    const report = json(root, ['policies/topics/backup.md']);
    expect(report.findings.map((finding) => `${finding.file} ${finding.rule}`)).toEqual(['policies/topics/backup.md field-unknown']);
    expect(report.summary).toEqual({ policies: 1, errors: 0, warnings: 1 });
  });

  it('shows the control-uncovered that removing the only mapping of a control creates', () => {
    const root = committed(exampleIsms());
    const file = path.join(root, 'policies/topics/backup.md');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('  controls: [A.8.13]');
    writeFileSync(file, text.replace('  controls: [A.8.13]', '  controls: [A.8.12]'));
    const report = json(root, ['policies/topics/backup.md']);
    expect(report.findings.map((finding) => `${finding.file} ${finding.rule} ${finding.message.split(' is ')[0]}`)).toEqual([
      'soa.yml control-uncovered Control `A.8.13` (Information backup)',
    ]);
    expect(report.summary).toEqual({ policies: 1, errors: 0, warnings: 1 });
    // The whole-ISMS run shows the same gap.
    expect(json(root, []).findings.map((finding) => finding.rule)).toEqual(['control-uncovered']);
  });

  it('shows an id-duplicate of the file against another file, on either of the two', () => {
    const root = committed(exampleIsms());
    // A copy that sorts first: the duplicate is reported on the existing file and names the copy.
    cpSync(path.join(root, 'policies/topics/backup.md'), path.join(root, 'policies/topics/aaa-backup.md'));
    const first = json(root, ['policies/topics/aaa-backup.md']);
    expect(first.findings.map((finding) => `${finding.file} ${finding.rule}`)).toEqual(['policies/topics/backup.md id-duplicate']);
    expect(first.findings[0]?.message).toContain('already used by policies/topics/aaa-backup.md');
    // A copy that sorts last: the duplicate is its own.
    rmSync(path.join(root, 'policies/topics/aaa-backup.md'));
    cpSync(path.join(root, 'policies/topics/backup.md'), path.join(root, 'policies/topics/zz-backup.md'));
    const last = json(root, ['policies/topics/zz-backup.md']);
    expect(last.findings.map((finding) => `${finding.file} ${finding.rule}`)).toEqual(['policies/topics/zz-backup.md id-duplicate']);
  });

  it('outside a git repository, a clean file still shows no false gaps', () => {
    const report = json(exampleIsms(), ['policies/isms/internal-audit.md']);
    expect(report.findings).toEqual([]);
  });
});

describe('paths given to check() (the action\'s policies input)', () => {
  it('are the ISMS, not one file of it: every finding of those files, coverage included', async () => {
    const root = makeRepo({ '.isms.yml': '', 'soa.yml': 'controls:\n  A.5.15: { applicable: true, implementation: implemented }\n  A.5.16: { applicable: true, implementation: implemented }\n', 'policies/a.md': policy('POL-A-001'), 'policies/b.md': policy('POL-B-001', 'A.5.16') });
    const asIsms = await check({ root, paths: ['policies/a.md'], today: TODAY });
    expect(asIsms.focus).toBeUndefined();
    expect(asIsms.policies.map((entry) => entry.file)).toEqual(['policies/a.md']);
    expect(asIsms.findings.some((finding) => finding.rule === 'control-uncovered' && finding.message.includes('A.5.16'))).toBe(true);
    const focused = await check({ root, focus: ['policies/a.md'], today: TODAY });
    expect(focused.focus).toEqual(['policies/a.md']);
    expect(focused.findings.filter((finding) => finding.rule === 'control-uncovered')).toEqual([]);
  });
});
