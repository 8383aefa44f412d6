/**
 * `isms remind` through `runCli`, as a user runs it: environment for the token, the API and the
 * repository; exit 0 on success, 2 with one line on a usage or API error.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { createClient } from '../src/github/client.js';
import { serverUrlFromApi } from '../src/commands/remind.js';
import { startFakeGitHub, type FakeGitHub } from './support/fake-github.js';
import { makeRepo } from './support/repo.js';

const TOKEN = 'ghs_fakeActionsToken0123456789abcdefABCD';

const POLICIES = {
  'policies/access.md': [
    '---',
    'id: POL-AC-001',
    'title: Access control',
    'owners: ["@alice"]',
    'status: approved',
    'last_reviewed: 2025-10-01',
    'iso27001:',
    '  controls: [A.5.15]',
    '---',
    '# Access control',
    '',
  ].join('\n'),
  'policies/backup.md': [
    '---',
    'id: POL-BK-001',
    'title: Backup',
    'owners: ["@bob"]',
    'status: approved',
    'last_reviewed: 2026-10-01',
    'iso27001:',
    '  controls: [A.8.13]',
    '---',
    '# Backup',
    '',
  ].join('\n'),
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function isms(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['remind', ...args], {
    cwd,
    env,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTTY: false,
  });
  return { code, stdout, stderr };
}

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

beforeAll(async () => {
  // The throttling plugin builds its write queues once per process, for the first client that
  // sends a request: a client without write spacing goes first, so the CLI's writes are not
  // spaced by seconds in these tests.
  const warm = await startFakeGitHub();
  await createClient({ token: TOKEN, baseUrl: warm.url, writeIntervalMs: 0, retryAfterBaseValue: 10 }).request('GET /rate_limit');
  await warm.close();
});

describe('isms remind', () => {
  it('--dry-run without a token reads nothing and plans as if there were no issues', async () => {
    const root = makeRepo(POLICIES);
    const run = await isms(['--dry-run', '--repo', 'octo-org/isms', '--today', '2026-11-24'], {}, root);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/POL-AC-001\s+2026-10-01\s+overdue\s+new\s+open a new issue/);
    expect(run.stdout).not.toContain('POL-BK-001');
    expect(run.stdout).toContain('No GITHUB_TOKEN: nothing was read from octo-org/isms');
    expect(run.stdout).toContain('Links assume the branch main');
  });

  it('--dry-run with a token reads the issues and writes nothing', async () => {
    fake = await startFakeGitHub({ repository: 'octo-org/isms' });
    const root = makeRepo(POLICIES);
    const env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.url, GITHUB_REPOSITORY: 'octo-org/isms' };
    const run = await isms(['--dry-run', '--branch', 'main', '--today', '2026-11-24', '--format', 'markdown'], env, root);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(fake.writes()).toEqual([]);
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(run.stdout).toContain('## Policy reviews');
    expect(run.stdout).toContain('dry run, nothing written: would open 1');
    expect(run.stdout).toContain('### Planned operations');
  });

  it('opens the issue, then does nothing on the next run', async () => {
    fake = await startFakeGitHub({ repository: 'octo-org/isms' });
    const root = makeRepo(POLICIES);
    const env = { GH_TOKEN: TOKEN, GITHUB_API_URL: fake.url, ISMS_TODAY: '2026-11-24' };
    const first = await isms(['--repo', 'octo-org/isms', '--branch', 'trunk'], env, root);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stderr).toBe('isms remind: Opened #1 for POL-AC-001\n');
    expect(first.stdout).toMatch(/POL-AC-001\s+2026-10-01\s+overdue\s+#1\s+opened/);
    expect(fake.state.issues).toHaveLength(1);
    expect(fake.state.issues[0]!.body).toContain(`${serverUrlFromApi(fake.url)}/octo-org/isms/blob/trunk/policies/access.md`);

    fake.reset();
    const second = await isms(['--repo', 'octo-org/isms', '--branch', 'trunk'], env, root);
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(fake.writes()).toEqual([]);
    expect(second.stdout).toContain('2 API requests (0 writes)'); // the listing and the login
  });

  it('exits 2 with one line when the repository or the token is missing', async () => {
    const root = makeRepo(POLICIES);
    const noRepo = await isms([], { GITHUB_TOKEN: TOKEN }, root);
    expect(noRepo).toEqual({ code: 2, stdout: '', stderr: 'isms remind: No repository: pass --repo owner/name or set GITHUB_REPOSITORY\n' });
    const noToken = await isms(['--repo', 'octo-org/isms'], {}, root);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toBe('isms remind: No token: set GITHUB_TOKEN (or GH_TOKEN) to a token that may write issues, or pass --dry-run\n');
    const badRepo = await isms(['--repo', 'not a repo'], { GITHUB_TOKEN: TOKEN }, root);
    expect(badRepo.stderr).toMatch(/^isms remind: Invalid repository `not a repo`: expected owner\/name/);
  });

  it('exits 2 with one line on an API error, after printing what was planned and not done', async () => {
    fake = await startFakeGitHub({ repository: 'octo-org/isms', readOnly: true });
    fake.seedLabel('isms-review');
    fake.seedLabel('overdue');
    const root = makeRepo(POLICIES);
    const env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.url, GITHUB_REPOSITORY: 'octo-org/isms' };
    const run = await isms(['--branch', 'main', '--today', '2026-11-24'], env, root);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^isms remind: Review reminders stopped at POL-AC-001: 403 Resource not accessible by integration .*permissions: issues: write.*nothing was written\n$/);
    expect(run.stdout).toContain('not done (open a new issue)');
    expect(fake.state.issues).toEqual([]);
  });

  it('looks up the default branch unless --branch is given, and says how to skip it when that fails', async () => {
    // Another repository than the fake's: a 404, as for a repository the token cannot see.
    fake = await startFakeGitHub({ repository: 'octo-org/isms' });
    const root = makeRepo(POLICIES);
    const env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.url };
    const run = await isms(['--repo', 'octo-org/hidden', '--dry-run'], env, root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^isms remind: Cannot read octo-org\/hidden from http:\/\/127\.0\.0\.1:\d+: 404 Not Found \(.*--branch skips this lookup\)\n$/);
  });

  it('derives the web address from the API address', () => {
    expect(serverUrlFromApi('https://api.github.com')).toBe('https://github.com');
    expect(serverUrlFromApi('https://ghe.example.com/api/v3/')).toBe('https://ghe.example.com');
  });
});
