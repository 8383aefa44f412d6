/**
 * Runs the bundled action (dist/index.js) the way the runner does: a child process with
 * `INPUT_*` variables (upper-cased, hyphens kept: `INPUT_FAIL-ON`), the event payload in
 * `GITHUB_EVENT_PATH`, and the step summary and output files the runner creates beforehand.
 * Also builds throwaway git repositories with a base and a head commit, and derives the PR
 * file listing (with patches) from real `git diff`, as GitHub would.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { pullFile, type PullFile } from './fake-github.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ACTION_BUNDLE = path.join(ROOT, 'dist/index.js');

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: root, GIT_CONFIG_NOSYSTEM: '1' },
  });
}

/** Files to write (string) or delete (null). */
export type FileChanges = Record<string, string | null>;

export interface GitRepo {
  root: string;
  shas: string[];
  /** Writes the changes and commits them; returns the new sha. */
  commit(changes: FileChanges, message?: string): string;
  /** The PR files listing between two commits, patches from `git diff`, as GitHub lists it. */
  pullFiles(base: string, head: string): PullFile[];
  git(...args: string[]): string;
}

export function makeGitRepo(initial: FileChanges): GitRepo {
  const root = tempDir('isms-action-repo-');
  git(root, 'init', '-q');
  const repo: GitRepo = {
    root,
    shas: [],
    commit(changes, message = 'change') {
      for (const [file, content] of Object.entries(changes)) {
        const target = path.join(root, file);
        if (content === null) rmSync(target, { force: true });
        else {
          mkdirSync(path.dirname(target), { recursive: true });
          writeFileSync(target, content);
        }
      }
      git(root, 'add', '-A');
      git(root, 'commit', '-q', '--allow-empty', '-m', message);
      const sha = git(root, 'rev-parse', 'HEAD').trim();
      repo.shas.push(sha);
      return sha;
    },
    pullFiles(base, head) {
      const statuses = git(root, 'diff', '--name-status', '-M', base, head).trim().split('\n').filter(Boolean);
      // One diff for all files, split per file: git lists both in the same order.
      const diffs = git(root, 'diff', '-M', base, head).split(/^(?=diff --git )/m).filter((chunk) => chunk.startsWith('diff --git '));
      return statuses.map((line, index) => {
        const [code = '', first = '', second] = line.split('\t');
        const filename = second ?? first;
        const status = code.startsWith('A') ? 'added' : code.startsWith('D') ? 'removed' : code.startsWith('R') ? 'renamed' : 'modified';
        const diff = diffs[index] ?? '';
        const hunkStart = diff.indexOf('\n@@');
        const patch = hunkStart < 0 ? undefined : diff.slice(hunkStart + 1).replace(/\n$/, '');
        const file = pullFile(filename, patch, status);
        if (second) file.previous_filename = first;
        return file;
      });
    },
    git: (...args) => git(root, ...args),
  };
  repo.commit(initial, 'base');
  return repo;
}

export interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
}

/** Parses the `name<<delimiter` blocks core.setOutput appends to GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[index] ?? '');
    if (!match) continue;
    const [, name = '', delimiter] = match;
    const value: string[] = [];
    for (index++; index < lines.length && lines[index] !== delimiter; index++) value.push(lines[index] ?? '');
    outputs[name] = value.join('\n');
  }
  return outputs;
}

export interface RunOptions {
  workspace: string;
  eventName: string;
  payload: object;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  apiUrl?: string;
  repository?: string;
  sha?: string;
}

/** Runs dist/index.js asynchronously (the fake GitHub lives in this process and must keep serving). */
export function runAction(options: RunOptions): Promise<ActionRun> {
  const runner = tempDir('isms-runner-');
  const eventPath = path.join(runner, 'event.json');
  const summaryPath = path.join(runner, 'step_summary.md');
  const outputPath = path.join(runner, 'output.txt');
  const temp = path.join(runner, 'temp');
  mkdirSync(temp);
  writeFileSync(eventPath, JSON.stringify(options.payload));
  writeFileSync(summaryPath, '');
  writeFileSync(outputPath, '');
  const inputs = { today: '2026-11-24', ...options.inputs };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: runner,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: options.repository ?? 'octo-org/isms',
    GITHUB_SHA: options.sha ?? '',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: temp,
    ISMS_WRITE_INTERVAL_MS: '0',
    ISMS_RETRY_BASE_MS: '10',
    ...(options.apiUrl ? { GITHUB_API_URL: options.apiUrl } : {}),
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ACTION_BUNDLE], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({
        status,
        stdout,
        stderr,
        summary: readFileSync(summaryPath, 'utf8'),
        outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
      });
    });
  });
}

/** A pull_request payload shaped like GitHub's (the fields the action reads, and the usual neighbours). */
export function pullRequestPayload(options: { number: number; headSha: string; baseSha: string; repository?: string; fork?: boolean; action?: string }): object {
  const full = options.repository ?? 'octo-org/isms';
  const [owner = '', name = ''] = full.split('/');
  const repository = {
    id: 1296269,
    name,
    full_name: full,
    private: false,
    owner: { login: owner, type: 'Organization' },
    html_url: `https://github.com/${full}`,
    default_branch: 'main',
  };
  const headRepo = options.fork ? { ...repository, full_name: `contributor/${name}`, owner: { login: 'contributor', type: 'User' }, fork: true } : repository;
  return {
    action: options.action ?? 'synchronize',
    number: options.number,
    pull_request: {
      url: `https://api.github.com/repos/${full}/pulls/${options.number}`,
      html_url: `https://github.com/${full}/pull/${options.number}`,
      number: options.number,
      state: 'open',
      title: 'Add remote-work policy',
      user: { login: 'contributor' },
      draft: false,
      head: { label: `${headRepo.owner.login}:feature`, ref: 'feature', sha: options.headSha, repo: headRepo },
      base: { label: `${owner}:main`, ref: 'main', sha: options.baseSha, repo: repository },
    },
    repository,
    sender: { login: 'contributor', type: 'User' },
  };
}
