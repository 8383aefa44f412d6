/**
 * Nothing outside the repository, ever: a pull request can commit symbolic links, globs that
 * climb out (`../x/*.md`, `/etc/*.conf`), special files and huge files. Every scenario goes
 * through the built program (`node dist/cli.js`, `node dist/index.js`) or check(), and asserts
 * what a user sees: the exit code, a one-line message naming the path and the fix, no byte of
 * an outside file in any output, and every outside file unchanged.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { readRegularFile } from '../src/fs/read-bounded.js';
import { resolveInside } from '../src/fs/inside.js';
import { makeGitRepo, pullRequestPayload, runAction } from './support/action-runner.js';
import { startFakeGitHub, type FakeGitHub } from './support/fake-github.js';
import { makeRepo } from './support/repo.js';

const CLI = path.resolve(import.meta.dirname, '../dist/cli.js');
const TODAY = '2026-11-24';
const QUIET = 'rules:\n  clause-uncovered: off\n';
/** A word that exists only in outside files: it must never appear in any output. */
const SECRET = 'TOPSECRET-outside-value';
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

/** A policy with a 2013 control id (so migrate would rewrite it) and a due review (so review would too). */
function policy(id: string, title = 'Inside policy'): string {
  return `---\nid: ${id}\ntitle: ${title}\nowners: ["@alice"]\nstatus: approved\napprover: "@bob"\nlast_reviewed: 2025-01-10\niso27001:\n  controls: [A.9.1.1]\n---\n# Policy\n`;
}

const OUTSIDE_POLICY = policy('POL-OUT-001', SECRET);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(cwd: string, args: string[]): Run {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ISMS_TODAY: TODAY },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Exit 2, one line on stderr matching `message`, nothing outside in any output. */
function expectRefused(run: Run, message: RegExp): void {
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
  expect(run.stderr).toMatch(message);
  expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET);
  expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_FRAME);
}

/** A folder outside every repository, holding a policy, and a snapshot to compare with later. */
function outsideFolder(): { dir: string; unchanged: () => void } {
  const dir = makeRepo({ 'secret.md': OUTSIDE_POLICY, 'x.conf': `key: ${SECRET}\n`, 'soa.yml': `controls:\n  A.9.1.1: { applicable: true, justification: ${SECRET} }\n` });
  const snapshot = () => Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]));
  const before = snapshot();
  return { dir, unchanged: () => expect(snapshot()).toEqual(before) };
}

describe('globs that leave the repository', () => {
  it.each([
    ['a relative glob', (outside: string, root: string) => `${path.relative(root, outside)}/*.md`],
    ['an absolute glob', (outside: string) => `${outside}/*.conf`],
    ['a glob of everything above', () => '../**'],
  ])('%s in .isms.yml is a usage error naming it; check, migrate and review read and write nothing', (_name, glob) => {
    const outside = outsideFolder();
    const root = makeRepo({ 'policies/a.md': policy('POL-IN-001') });
    const pattern = glob(outside.dir, root);
    writeFileSync(path.join(root, '.isms.yml'), `${QUIET}policies: [${JSON.stringify(pattern)}]\n`);
    const message = new RegExp(`\`${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` leaves the repository`);
    expectRefused(cli(root, ['check']), message);
    expectRefused(cli(root, ['check', '--format', 'json']), message);
    expectRefused(cli(root, ['migrate']), message);
    expectRefused(cli(root, ['review', 'POL-OUT-001']), message);
    outside.unchanged();
  });

  it('a glob given on the command line is refused the same way', () => {
    const outside = outsideFolder();
    const root = makeRepo({ '.isms.yml': QUIET });
    expectRefused(cli(root, ['check', `${outside.dir}/*.md`]), /leaves the repository: .*inside the repository/);
    expectRefused(cli(root, ['check', 'policies/../../*.md']), /`policies\/\.\.\/\.\.\/\*\.md` leaves the repository/);
    outside.unchanged();
  });

  it('the refused glob is shown on one line, its line breaks escaped', () => {
    const root = makeRepo({ '.isms.yml': `${QUIET}policies: ["../x\\n::error::pwned/*.md"]\n` });
    const run = cli(root, ['check']);
    expectRefused(run, /`\.\.\/x\\n::error::pwned\/\*\.md` leaves the repository/);
    expect(run.stderr).not.toMatch(/^::error::/m);
  });

  it('a `..` inside the repository is fine', async () => {
    const root = makeRepo({ '.isms.yml': `${QUIET}policies: ["docs/../policies/*.md"]\n`, 'policies/a.md': policy('POL-IN-001') });
    const result = await check({ root, today: TODAY });
    expect(result.policies.map((record) => record.id)).toEqual(['POL-IN-001']);
  });
});

describe('symbolic links to folders and files outside', () => {
  let outside: ReturnType<typeof outsideFolder>;
  let root: string;

  beforeAll(() => {
    outside = outsideFolder();
    root = makeRepo({ 'policies/a.md': policy('POL-IN-001') });
    symlinkSync(outside.dir, path.join(root, 'policies', 'linked'));
    symlinkSync(path.join(outside.dir, 'secret.md'), path.join(root, 'policies', 'secret.md'));
  });

  it('a glob whose folder is a link out of the repository is refused, never walked', () => {
    writeFileSync(path.join(root, 'linked.yml'), `${QUIET}policies: ["policies/linked/*.md"]\n`);
    const message = /`policies\/linked\/\*\.md` leaves the repository through the symbolic link `policies\/linked`/;
    expectRefused(cli(root, ['check', '--config', 'linked.yml']), message);
    expectRefused(cli(root, ['migrate', '--config', 'linked.yml']), message);
    expectRefused(cli(root, ['review', 'POL-OUT-001', '--config', 'linked.yml']), message);
    outside.unchanged();
  });

  it('an explicit path through a linked folder is refused: check, migrate', () => {
    const message = /`policies\/linked\/secret\.md` leads outside the repository through a symbolic link/;
    expectRefused(cli(root, ['check', 'policies/linked/secret.md']), message);
    expectRefused(cli(root, ['migrate', 'policies/linked/secret.md']), message);
    expectRefused(cli(root, ['migrate', 'policies/linked/soa.yml']), /`policies\/linked\/soa\.yml` leads outside the repository through a symbolic link/);
    expectRefused(cli(root, ['check', 'policies/linked']), /`policies\/linked` leads outside/);
    outside.unchanged();
  });

  it('the default glob lists a linked file as a finding and never enters a linked folder; migrate writes nothing', () => {
    const run = cli(root, ['check', '--format', 'json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: Array<{ file: string; rule: string; message: string }>; policies: Array<{ id: string }> };
    expect(report.findings.filter((finding) => finding.file === 'policies/secret.md').map((finding) => finding.message)).toEqual([
      'Symbolic link leaves the repository and is not followed: replace it with the file itself',
    ]);
    expect(report.policies.map((record) => record.id)).toEqual(['POL-IN-001']);
    expect(run.stdout).not.toContain(SECRET);
    expect(run.stdout).not.toContain(outside.dir);
    const migrate = cli(root, ['migrate']);
    expect(migrate.status).toBe(2);
    expect(migrate.stderr).toContain('policies/secret.md: Symbolic link leaves the repository');
    outside.unchanged();
  });

  it('review finds only policies inside, and never writes outside', () => {
    const run = cli(root, ['review', 'POL-OUT-001']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Unknown document id `POL-OUT-001`/);
    outside.unchanged();
  });
});

describe('.isms.yml that is not a plain file in the repository', () => {
  it('a link to an outside file is refused without reading it (its keys never reach the output)', () => {
    const outside = outsideFolder();
    const root = makeRepo({});
    writeFileSync(path.join(outside.dir, 'config.yml'), `${SECRET}: 1\n`);
    symlinkSync(path.join(outside.dir, 'config.yml'), path.join(root, '.isms.yml'));
    expectRefused(cli(root, ['check']), /`\.isms\.yml` is a symbolic link that leads outside the repository and is not read: replace it with the file itself/);
  });

  it('a link to /dev/zero is refused at once', () => {
    const root = makeRepo({});
    symlinkSync('/dev/zero', path.join(root, '.isms.yml'));
    expectRefused(cli(root, ['check']), /`\.isms\.yml` is a symbolic link that leads outside the repository/);
  });

  it('a FIFO is refused without blocking', () => {
    const root = makeRepo({});
    execFileSync('mkfifo', [path.join(root, '.isms.yml')]);
    expectRefused(cli(root, ['check']), /Cannot read \.isms\.yml: it is not a regular file/);
  }, 20_000);

  it('a 60 MB config is a fast one-line error, not an out-of-memory', () => {
    const root = makeRepo({ '.isms.yml': `policies:\n${'  - "policies/**/*.md"\n'.repeat(2_700_000)}` });
    expect(statSync(path.join(root, '.isms.yml')).size).toBeGreaterThan(60_000_000);
    const run = cli(root, ['check']);
    expectRefused(run, /`\.isms\.yml` is \d+\.\d MiB, over the 1 MiB limit for the config, and was not read/);
  }, 20_000);
});

describe('special files matched by a glob', () => {
  it('a FIFO named like a policy is a finding, and the run does not hang', () => {
    const root = makeRepo({ '.isms.yml': QUIET, 'policies/a.md': policy('POL-IN-001') });
    execFileSync('mkfifo', [path.join(root, 'policies', 'pipe.md')]);
    execFileSync('mkfifo', [path.join(root, 'soa.yml')]);
    const run = cli(root, ['check', '--format', 'json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: Array<{ file: string; rule: string; message: string }> };
    expect(report.findings.find((finding) => finding.file === 'policies/pipe.md')?.message).toMatch(/Not a regular file/);
    expect(report.findings.find((finding) => finding.file === 'soa.yml')?.message).toMatch(/not a regular file/i);
  }, 20_000);

  // /proc/self/pagemap says its size is 0 and holds 8 bytes per page of address space: terabytes.
  it.skipIf(!existsSync('/proc/self/pagemap'))('a file whose size says 0 is read only up to the limit', async () => {
    const read = readRegularFile('/proc/self', '/proc/self/pagemap', 1024 * 1024);
    expect(read).toEqual({ ok: false, reason: 'too-large', size: null });
    const result = await check({ root: '/proc/self', paths: ['pagemap'], today: TODAY });
    expect(result.findings.find((finding) => finding.file === 'pagemap')?.message).toMatch(/^File is over the 1 MiB limit, and was not parsed/);
  });
});

describe('soa.yml size', () => {
  it('an SoA over 2 MiB is one soa-invalid finding naming the limit; one under it is read', async () => {
    const entry = (index: number) => `  A.5.${(index % 37) + 1}: { applicable: true, notes: "${'n'.repeat(200)}" }\n`;
    const big = `controls:\n${Array.from({ length: 12_000 }, (_, index) => entry(index)).join('')}`;
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    const refused = await check({ root: makeRepo({ '.isms.yml': QUIET, 'soa.yml': big, 'policies/a.md': policy('POL-IN-001') }), today: TODAY });
    expect(refused.soa).toBeNull();
    expect(refused.findings.filter((finding) => finding.rule === 'soa-invalid').map((finding) => finding.message)).toEqual([
      expect.stringMatching(/^`soa\.yml` is 2\.\d MiB, over the 2 MiB limit for the SoA, and was not read:/),
    ]);
    // 1.5 MiB: over the policies' limit, well within the SoA's.
    const decisions = `controls:\n${Array.from({ length: 37 }, (_, index) => `  A.5.${index + 1}: { applicable: true, notes: "${'n'.repeat(40_000)}" }\n`).join('')}`;
    expect(decisions.length).toBeGreaterThan(1024 * 1024);
    const read = await check({ root: makeRepo({ '.isms.yml': QUIET, 'soa.yml': decisions, 'policies/a.md': policy('POL-IN-001') }), today: TODAY });
    expect(read.soa?.decisions.size).toBe(37);
  });
});

describe('--output never writes through a symbolic link', () => {
  it('a link at the target is refused and left as it is', () => {
    const outside = outsideFolder();
    const root = makeRepo({ '.isms.yml': QUIET, 'policies/a.md': policy('POL-IN-001') });
    symlinkSync(path.join(outside.dir, 'x.conf'), path.join(root, 'report.json'));
    expectRefused(cli(root, ['check', '--format', 'json', '--output', 'report.json']), /Refusing to write `report\.json`: it is a symbolic link.*remove the link or choose another file/);
    expect(readFileSync(path.join(root, 'report.json'), 'utf8')).toContain(SECRET); // still the link
    outside.unchanged();
  });

  it('a linked folder on the way out of the working directory is refused; a path the user types outside is theirs', () => {
    const outside = outsideFolder();
    const root = makeRepo({ '.isms.yml': QUIET, 'policies/a.md': policy('POL-IN-001') });
    symlinkSync(outside.dir, path.join(root, 'reports'));
    for (const command of [['check'], ['soa'], ['due'], ['report', '--format', 'html']]) {
      expectRefused(cli(root, [...command, '--output', 'reports/out.txt']), /Refusing to write `reports\/out\.txt`: a folder on its path is a symbolic link that leads outside/);
    }
    outside.unchanged();
    // Typed outside the working directory: the user's choice of place.
    const chosen = makeRepo({});
    expect(cli(root, ['check', '--output', path.join(chosen, 'out', 'report.txt')]).status).toBe(1);
    expect(readFileSync(path.join(chosen, 'out', 'report.txt'), 'utf8')).toContain('policies/a.md:');
  });
});

describe('isms new and init never create a file through a linked folder', () => {
  it('new --dir through a link out of the repository writes nothing', () => {
    const outside = outsideFolder();
    const root = makeRepo({ '.isms.yml': `${QUIET}policies: ["docs/**/*.md"]\n` });
    symlinkSync(outside.dir, path.join(root, 'drafts'));
    expectRefused(cli(root, ['new', 'access-control', '--owner', '@alice', '--dir', 'drafts']), /Refusing to write `drafts\/.+\.md`: a folder on its path is a symbolic link that leads outside/);
    outside.unchanged();
  });

  it('init into a repository whose policies folder is a link out of it writes nothing there', () => {
    const outside = outsideFolder();
    const root = makeRepo({});
    symlinkSync(outside.dir, path.join(root, 'policies'));
    expectRefused(cli(root, ['init', '--owner', '@alice']), /Refusing to write `policies\/.+`: a folder on its path is a symbolic link that leads outside/);
    outside.unchanged();
  });
});

describe('temp files left by a killed run', () => {
  let sleeper: ReturnType<typeof spawn> | undefined;
  afterAll(() => sleeper?.kill());

  it('are removed at the next write of the same target; another live process\'s are kept', async () => {
    const root = makeRepo({ '.isms.yml': QUIET, 'policies/a.md': policy('POL-IN-001') });
    // A pid that is surely gone: a process that ran and exited.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const dead = Number(gone.stdout);
    sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    const live = sleeper.pid!;
    const folder = path.join(root, 'policies');
    const leftovers = [`a.md.isms-${dead}.tmp`, `a.md.${dead}.tmp`, `other.md.isms-${dead}.tmp`];
    const kept = [`a.md.isms-${live}.tmp`, `a.md.${live}.tmp`, `notes.${dead}.tmp`];
    for (const name of [...leftovers, ...kept]) writeFileSync(path.join(folder, name), '');

    const run = cli(root, ['migrate']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(folder, 'a.md'), 'utf8')).toContain('A.5.15');
    expect(readdirSync(folder).sort()).toEqual(['a.md', ...kept].sort());
  });

  it('--output sweeps its own folder the same way', () => {
    const root = makeRepo({ '.isms.yml': QUIET, 'policies/a.md': policy('POL-IN-001') });
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(path.join(root, `report.txt.isms-${gone.stdout}.tmp`), '');
    expect(cli(root, ['check', '--output', 'report.txt']).status).toBe(1);
    expect(readdirSync(root).filter((name) => name.startsWith('report.txt'))).toEqual(['report.txt']);
  });
});

describe('resolveInside', () => {
  it('stops at the first link that leaves, without looking behind it', () => {
    const outside = makeRepo({ 'deep/file.md': 'x' });
    const root = makeRepo({ 'policies/a.md': 'x' });
    symlinkSync(outside, path.join(root, 'out'));
    symlinkSync('../policies', path.join(root, 'policies', 'self'));
    symlinkSync('../../..', path.join(root, 'policies', 'up'));
    symlinkSync('loop', path.join(root, 'loop'));
    expect(resolveInside(root, path.join(root, 'out/deep/file.md'))).toEqual({ kind: 'outside', throughLink: true, link: 'out' });
    expect(resolveInside(root, path.join(root, 'out/nothing-here'))).toEqual({ kind: 'outside', throughLink: true, link: 'out' });
    expect(resolveInside(root, path.join(root, 'policies/up/x'))).toEqual({ kind: 'outside', throughLink: true, link: 'policies/up' });
    expect(resolveInside(root, path.join(root, 'policies/self/a.md'))).toMatchObject({ kind: 'found', real: path.join(realRoot(root), 'policies', 'a.md') });
    expect(resolveInside(root, path.join(root, 'loop'))).toEqual({ kind: 'loop' });
    expect(resolveInside(root, '/etc/passwd')).toEqual({ kind: 'outside', throughLink: false });
    expect(resolveInside(root, path.join(root, 'new/folder/file.md'))).toMatchObject({ kind: 'missing', throughLink: false });
  });
});

function realRoot(root: string): string {
  return execFileSync('realpath', [root], { encoding: 'utf8' }).trim();
}

describe('the action', () => {
  it('refuses sarif and artifacts paths through committed links, and writes nothing outside', async () => {
    const outside = outsideFolder();
    const workspace = makeRepo({ '.isms.yml': QUIET, 'policies/a.md': policy('POL-IN-001').replace('A.9.1.1', 'A.5.15').replace('2025-01-10', '2026-06-01') });
    symlinkSync(path.join(outside.dir, 'x.conf'), path.join(workspace, 'results.sarif'));
    symlinkSync(outside.dir, path.join(workspace, 'isms-artifacts'));
    const sarif = await runAction({ workspace, eventName: 'push', payload: {}, inputs: { sarif: 'results.sarif' } });
    expect(sarif.status).toBe(1);
    expect(sarif.stdout).toMatch(/^::error::isms-as-code: Refusing to write `results\.sarif`: it is a symbolic link/m);
    const artifacts = await runAction({ workspace, eventName: 'push', payload: {}, inputs: { artifacts: 'isms-artifacts' } });
    expect(artifacts.status).toBe(1);
    expect(artifacts.stdout).toMatch(/^::error::isms-as-code: Refusing to write `isms-artifacts\/isms-report\.html`: a folder on its path is a symbolic link that leads outside/m);
    for (const run of [sarif, artifacts]) expect(run.stdout + run.stderr + run.summary).not.toContain(SECRET);
    outside.unchanged();
    // Plain folders still work.
    const fine = await runAction({ workspace, eventName: 'push', payload: {}, inputs: { sarif: 'out/results.sarif', artifacts: 'out/artifacts' } });
    expect(fine.status).toBe(0);
    expect(readdirSync(path.join(workspace, 'out', 'artifacts')).sort()).toEqual(['isms-report.html', 'soa.csv', 'soa.md']);
  });

  it('never puts a key of an outside .isms.yml in its ::error:: line', async () => {
    const outside = outsideFolder();
    const workspace = makeRepo({});
    writeFileSync(path.join(outside.dir, 'config.yml'), `${SECRET}: 1\n`);
    symlinkSync(path.join(outside.dir, 'config.yml'), path.join(workspace, '.isms.yml'));
    const run = await runAction({ workspace, eventName: 'push', payload: {} });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error::isms-as-code: `\.isms\.yml` is a symbolic link that leads outside the repository/m);
    expect(run.stdout + run.stderr + run.summary).not.toContain(SECRET);
  });

  describe('on a pull request that commits links out of the repository', () => {
    let fake: FakeGitHub;
    afterAll(() => fake?.close());

    it('the PR comment names the refused file, never the outside path or its content', async () => {
      const outside = outsideFolder();
      const repo = makeGitRepo({ '.isms.yml': QUIET, 'policies/a.md': policy('POL-IN-001').replace('A.9.1.1', 'A.5.15') });
      const baseSha = repo.shas[0]!;
      symlinkSync(path.join(outside.dir, 'secret.md'), path.join(repo.root, 'policies', 'secret.md'));
      symlinkSync(outside.dir, path.join(repo.root, 'policies', 'linked'));
      const headSha = repo.commit({}, 'links out');
      fake = await startFakeGitHub({ pulls: [{ number: 3, headSha, baseSha, files: repo.pullFiles(baseSha, headSha) }] });
      const run = await runAction({
        workspace: repo.root,
        eventName: 'pull_request',
        payload: pullRequestPayload({ number: 3, headSha, baseSha }),
        inputs: { token: 'ghs_test' },
        apiUrl: fake.url,
        sha: headSha,
      });
      expect(run.status).toBe(1);
      const body = fake.state.comments.map((comment) => comment.body).join('\n');
      expect(body).toContain('policies/secret.md');
      expect(body).toContain('Symbolic link leaves the repository');
      const everything = [body, run.stdout, run.stderr, run.summary, ...fake.state.reviewComments.map((comment) => comment.body)].join('\n');
      expect(everything).not.toContain(SECRET);
      expect(everything).not.toContain('POL-OUT-001');
      expect(everything).not.toContain(outside.dir);
      outside.unchanged();
    });
  });
});
