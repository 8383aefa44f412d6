/** The one git runner (src/git/run.ts) and the one glob segment test (src/fs/glob-inside.ts). */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { isGlob, isGlobSegment } from '../src/fs/glob-inside.js';
import { outputBoundary } from '../src/fs/boundary.js';
import { committedTextReader } from '../src/git/committed-text.js';
import { git, GitTimeoutError } from '../src/git/run.js';
import { staticPrefix } from '../src/github/tree-at-commit.js';
import { UsageError } from '../src/config/load.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function tempFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'isms-git-run-'));
  folders.push(folder);
  return folder;
}

/** A stand-in git that records its arguments and environment, then behaves as told. */
function fakeGit(body: string): { binary: string; log: string } {
  const folder = tempFolder();
  const binary = path.join(folder, 'git');
  const log = path.join(folder, 'log');
  writeFileSync(binary, `#!/bin/sh\nprintf '%s\\n' "$*" "$GIT_CONFIG_NOSYSTEM $GIT_OPTIONAL_LOCKS $GIT_TERMINAL_PROMPT" > '${log}'\n${body}\n`);
  chmodSync(binary, 0o755);
  return { binary, log };
}

describe('git()', () => {
  it('stops a git that hangs and says which command, in one line', () => {
    const { binary } = fakeGit('exec sleep 30');
    const run = () => git('/repo', ['cat-file', '--batch'], { binary, timeoutMs: 200 });
    expect(run).toThrow(GitTimeoutError);
    expect(run).toThrow(UsageError); // the CLI and the action show it as one line, not a stack trace
    try {
      run();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toBe('`git cat-file --batch` did not finish within 200 ms in /repo; check that git works there (`git -C /repo status`) and run again');
    }
  });

  it('runs git with an argument array, no system config, no optional locks, no fsmonitor, no prompt', () => {
    const { binary, log } = fakeGit("printf 'out'");
    const result = git('/repo path', ['show', 'HEAD:./a b.md'], { binary });
    expect(result).toMatchObject({ ok: true, stderr: '' });
    expect(result.stdout.toString('utf8')).toBe('out');
    const [args, env] = execFileSync('cat', [log], { encoding: 'utf8' }).split('\n');
    expect(args).toBe('-C /repo path -c core.fsmonitor=false show HEAD:./a b.md');
    expect(env).toBe('1 0 0');
  });

  it('reports output over the limit as a failure, not as truncated text', () => {
    const { binary } = fakeGit("head -c 5000 /dev/zero");
    const result = git('/repo', ['cat-file', 'blob', 'x'], { binary, maxBuffer: 1000 });
    expect(result.ok).toBe(false);
    expect(result.stderr).toBe('`git cat-file blob x` printed more than 1000 bytes and was stopped');
  });

  it('isms check <file>: the committed text comes from the reader the CLI passes; without one, the ISMS without the file', async () => {
    const root = tempFolder();
    execFileSync('git', ['init', '-q', root]);
    mkdirSync(path.join(root, 'policies'));
    writeFileSync(path.join(root, 'policies', 'a.md'), 'not a policy\n');
    execFileSync('git', ['-C', root, 'add', '.']);
    execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'a']);
    expect(committedTextReader(root)('policies/a.md')).toBe('not a policy\n');
    expect(committedTextReader(root)('policies/new.md')).toBeNull();
    // A hung git is an error naming the command, never a hang of `isms check <file>`.
    const { binary } = fakeGit('exec sleep 30');
    expect(() => committedTextReader(root, { binary, timeoutMs: 200 })('policies/a.md')).toThrow(/`git cat-file blob HEAD:\.\/policies\/a\.md` did not finish/);
    writeFileSync(path.join(root, 'policies', 'b.md'), 'not a policy either\n');
    const seen: string[] = [];
    const result = await check({ root, focus: ['policies/a.md'], today: '2026-11-24', readCommitted: (file) => (seen.push(file), null) });
    expect(seen).toEqual(['policies/a.md']);
    expect(result.focus).toEqual(['policies/a.md']);
  });
});

describe('glob segments', () => {
  it('an extglob is a glob segment, as the walker reads it; a folder name with + or @ is not', () => {
    for (const segment of ['*.md', '**', 'a?', '[ab]', '{a,b}', '@(a|b)', '!(drafts)', '+(a)', '*(a)', '?(a)']) expect(isGlobSegment(segment), segment).toBe(true);
    for (const segment of ['policies', 'a+b', 'team@example', 'policies (old)', 'x.md']) expect(isGlobSegment(segment), segment).toBe(false);
    expect(isGlob('policies/@(a|b)/x.md')).toBe(true);
    expect(isGlob('policies (old)/x.md')).toBe(false);
  });

  it('the static prefix of an extglob stops before it (what a commit materialises)', () => {
    expect(staticPrefix('policies/@(a|b)/*.md')).toBe('policies/');
    expect(staticPrefix('./docs/isms/!(drafts)/*.md')).toBe('docs/isms/');
    expect(staticPrefix('policies/**/*.md')).toBe('policies/');
    expect(staticPrefix('policies/a.md')).toBe('policies/');
  });
});

describe('outputBoundary', () => {
  it('a path inside the base is bounded by the base; the base itself and paths outside by their folder', () => {
    expect(outputBoundary('/work/repo', 'out/report.json')).toEqual({ target: '/work/repo/out/report.json', boundary: '/work/repo' });
    expect(outputBoundary('/work/repo', '..notes.md')).toEqual({ target: '/work/repo/..notes.md', boundary: '/work/repo' });
    expect(outputBoundary('/work/repo', '.')).toEqual({ target: '/work/repo', boundary: '/work' });
    expect(outputBoundary('/work/repo', '../site/report.html')).toEqual({ target: '/work/site/report.html', boundary: '/work/site' });
  });
});
