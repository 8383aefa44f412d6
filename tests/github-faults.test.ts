/**
 * GitHub misbehaving, and two runs at once: exactly one reminder issue, closing comment,
 * summary comment and line comment per item, and the right exit code. `isms remind` runs
 * in-process through the CLI with the real Octokit client; the pull-request cases run the
 * bundled action (dist/index.js) as the runner does. Both talk to the loopback fake GitHub,
 * whose failure rules inject the faults: a write that is done but whose answer is lost (502
 * or a reset), 5xx bursts, resets, answers slower than the time limit, cut-off JSON, a
 * dropped pagination `Link`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { createClient } from '../src/github/client.js';
import { parseMarker } from '../src/github/reminders/index.js';
import { SUMMARY_MARKER } from '../src/github/sticky-comment.js';
import { fakeGitHubPerTest, startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from './support/fake-github.js';
import { makeGitRepo, pullRequestPayload, runAction } from './support/action-runner.js';
import { makeRepo } from './support/repo.js';

const TOKEN = 'ghs_fakeActionsToken0123456789abcdefABCD';
const TODAY = '2026-11-24';

function policy(id: string, lastReviewed: string, owners = '["@alice"]'): string {
  return ['---', `id: ${id}`, `title: Policy ${id}`, `owners: ${owners}`, 'status: approved', `last_reviewed: ${lastReviewed}`, 'iso27001:', '  controls: [A.5.15]', '---', '# Policy', ''].join('\n');
}

/** Two policies due for review (one overdue, one due within 30 days). */
const DUE = {
  'policies/a.md': policy('POL-A-001', '2025-10-01'),
  'policies/b.md': policy('POL-B-001', '2025-12-10'),
};

// Faulted answers do not match GitHub's description on purpose: record, do not fail on them.
const start = fakeGitHubPerTest({ repository: 'octo-org/isms', conformance: 'record' } as FakeGitHubOptions);

beforeAll(async () => {
  // The throttling plugin builds its write queues once per process: unspaced, for fast tests.
  const warm = await startFakeGitHub();
  await createClient({ token: TOKEN, baseUrl: warm.url, writeIntervalMs: 0, retryAfterBaseValue: 10 }).request('GET /rate_limit');
  await warm.close();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function remind(fake: FakeGitHub, root: string, extraEnv: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['remind', '--today', TODAY, '--branch', 'main'], {
    cwd: root,
    env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.url, GITHUB_REPOSITORY: 'octo-org/isms', ISMS_RETRY_BASE_MS: '5', ISMS_REQUEST_TIMEOUT_MS: '2000', ...extraEnv },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/** Open reminder issues per policy id, by the fake's identity. */
function openPerPolicy(fake: FakeGitHub): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const issue of fake.state.issues) {
    const marker = parseMarker(issue.body);
    if (!marker || issue.state !== 'open' || issue.user.login !== fake.identity) continue;
    counts[marker.id] = (counts[marker.id] ?? 0) + 1;
  }
  return counts;
}

const ONE_EACH = { 'POL-A-001': 1, 'POL-B-001': 1 };

describe('isms remind: lost answers never make a second issue', () => {
  it('a 502 after GitHub opened the issue: looked for again, found, exit 0', async () => {
    const fake = await start();
    fake.failNext({ method: 'POST', pathIncludes: '/issues', mode: 'after-write', status: 502 });
    const run = await remind(fake, makeRepo(DUE));
    expect(run.stderr).toContain('found by looking again');
    expect(run.code).toBe(0);
    expect(openPerPolicy(fake)).toEqual(ONE_EACH);
    expect(fake.state.issues).toHaveLength(2);
  });

  it('a connection reset after the write: one issue, exit 0', async () => {
    const fake = await start();
    fake.failNext({ method: 'POST', pathIncludes: '/issues', mode: 'reset-after-write' });
    const run = await remind(fake, makeRepo(DUE));
    expect(run.code).toBe(0);
    expect(fake.state.issues).toHaveLength(2);
    expect(openPerPolicy(fake)).toEqual(ONE_EACH);
  });

  it('a reset before the write: sent once more, one issue', async () => {
    const fake = await start();
    fake.failNext({ method: 'POST', pathIncludes: '/issues', mode: 'reset' });
    const run = await remind(fake, makeRepo(DUE));
    expect(run.code).toBe(0);
    expect(openPerPolicy(fake)).toEqual(ONE_EACH);
  });

  it('a cut-off answer to the create: never "Opened #undefined", one issue', async () => {
    const fake = await start();
    fake.failNext({ method: 'POST', pathIncludes: '/issues', mode: 'truncate' });
    const run = await remind(fake, makeRepo(DUE));
    expect(run.stderr).not.toContain('#undefined');
    expect(run.code).toBe(0);
    expect(openPerPolicy(fake)).toEqual(ONE_EACH);
  });

  it('a lost closing comment: one comment, the issue closed, exit 0', async () => {
    const fake = await start();
    const root = makeRepo(DUE);
    expect((await remind(fake, root)).code).toBe(0);
    // POL-A is reviewed: its reminder is closed with a comment whose answer is lost.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${root}/policies/a.md`, policy('POL-A-001', '2026-11-01'));
    fake.failNext({ method: 'POST', pathIncludes: '/comments', mode: 'after-write', status: 502 });
    const run = await remind(fake, root);
    expect(run.code).toBe(0);
    const issue = fake.state.issues.find((candidate) => parseMarker(candidate.body)?.id === 'POL-A-001')!;
    expect(issue.state).toBe('closed');
    expect(fake.state.comments.filter((comment) => comment.issue_url === issue.url)).toHaveLength(1);
  });

  it('a write whose answer is lost and cannot be looked for: exit 2, says it is unconfirmed', async () => {
    const fake = await start();
    const root = makeRepo({ 'policies/a.md': DUE['policies/a.md'] });
    // The plan's listing and the one right before the create are answered (rules match in order).
    fake.failNext({ method: 'GET', pathIncludes: '/issues?', mode: 'delay', delayMs: 0, times: 2 });
    fake.failNext({ method: 'POST', pathIncludes: '/issues', mode: 'after-write', status: 502 });
    // The listing that would find it fails every attempt (1 + 3 retries).
    fake.failNext({ method: 'GET', pathIncludes: '/issues?', status: 503, times: 50 });
    const run = await remind(fake, root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Could not confirm that GitHub did open the reminder issue for POL-A-001/);
    expect(fake.state.issues).toHaveLength(1);
  });
});

describe('isms remind: GitHub slow, failing or cut short', () => {
  it('a burst of 502s on the listing is retried: one issue each, exit 0', async () => {
    const fake = await start();
    fake.failNext({ method: 'GET', pathIncludes: '/issues?', status: 502, times: 2 });
    const run = await remind(fake, makeRepo(DUE));
    expect(run.code).toBe(0);
    expect(openPerPolicy(fake)).toEqual(ONE_EACH);
  });

  it('one answer slower than the time limit is retried; one that never comes fails in one line', async () => {
    const fake = await start();
    fake.failNext({ method: 'GET', pathIncludes: '/issues?', mode: 'delay', delayMs: 1500 });
    const slowOnce = await remind(fake, makeRepo(DUE), { ISMS_REQUEST_TIMEOUT_MS: '300' });
    expect(slowOnce.code).toBe(0);
    expect(openPerPolicy(fake)).toEqual(ONE_EACH);

    const stuck = await start();
    stuck.failNext({ method: 'GET', pathIncludes: '/issues?', mode: 'delay', delayMs: 1500, times: 10 });
    const run = await remind(stuck, makeRepo(DUE), { ISMS_REQUEST_TIMEOUT_MS: '300' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('GitHub did not answer GET /repos/octo-org/isms/issues?');
    expect(run.stderr).toContain('within 300 ms');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(stuck.writes()).toEqual([]);
  });

  it('a dropped Link header is an incomplete listing: exit 2, nothing created', async () => {
    const fake = await start();
    // 150 issues with the label: ours (POL-A's) is on page 2.
    for (let index = 0; index < 149; index++) fake.seedIssue({ title: `Other ${index}`, labels: ['isms-review'], author: 'someone' });
    const root = makeRepo(DUE);
    expect((await remind(fake, root)).code).toBe(0);
    const before = fake.state.issues.length;
    fake.failNext({ method: 'GET', pathIncludes: '/issues?', mode: 'drop-link' });
    const run = await remind(fake, root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ended early');
    expect(fake.state.issues).toHaveLength(before);
    expect(openPerPolicy(fake)).toEqual(ONE_EACH);
  });
});

describe('isms remind: identity and assignees', () => {
  it('a GitHub App token: asked of GitHub, so three runs make one issue per policy', async () => {
    const fake = await start({ identity: 'isms-app[bot]' });
    const root = makeRepo(DUE);
    for (let run = 0; run < 3; run++) expect((await remind(fake, root)).code).toBe(0);
    expect(openPerPolicy(fake)).toEqual(ONE_EACH);
    expect(fake.state.issues).toHaveLength(2);
  });

  it('when GitHub cannot say who the token is, nothing is written', async () => {
    const fake = await start({ identity: 'isms-app[bot]' });
    const root = makeRepo(DUE);
    expect((await remind(fake, root)).code).toBe(0);
    fake.reset();
    fake.failNext({ method: 'POST', pathIncludes: '/graphql', status: 401 });
    const run = await remind(fake, root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Cannot tell which login this token writes as');
    expect(fake.writes()).toEqual([]);
  });

  it('an assignee GitHub drops silently: said once in one comment, never sent again', async () => {
    const fake = await start({ unassignableMode: 'drop' } as FakeGitHubOptions);
    const root = makeRepo({ 'policies/a.md': policy('POL-A-001', '2025-10-01', '["@alice", "@ghost-bob"]') });
    expect((await remind(fake, root)).code).toBe(0);
    const issue = fake.state.issues[0]!;
    expect(issue.assignees.map((user) => user.login)).toEqual(['alice']);
    expect(parseMarker(issue.body)?.unassignable).toEqual(['ghost-bob']);
    const comments = fake.state.comments.filter((comment) => comment.issue_url === issue.url);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('`@ghost-bob`');
    fake.reset();
    for (let run = 0; run < 2; run++) expect((await remind(fake, root)).code).toBe(0);
    expect(fake.writes()).toEqual([]);
    expect(fake.state.comments).toHaveLength(1);
  });
});

describe('isms remind: two runs at once', () => {
  it('started together: one open issue per policy, both exit 0', async () => {
    const fake = await start();
    const root = makeRepo({
      ...DUE,
      'policies/c.md': policy('POL-C-001', '2025-11-01'),
      'policies/d.md': policy('POL-D-001', '2025-11-15'),
    });
    const [first, second] = await Promise.all([remind(fake, root), remind(fake, root)]);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(openPerPolicy(fake)).toEqual({ ...ONE_EACH, 'POL-C-001': 1, 'POL-D-001': 1 });
    // The oldest issue of each policy is the one kept.
    for (const id of ['POL-A-001', 'POL-B-001', 'POL-C-001', 'POL-D-001']) {
      const mine = fake.state.issues.filter((issue) => parseMarker(issue.body)?.id === id).sort((a, b) => a.number - b.number);
      expect(mine[0]!.state).toBe('open');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The action on a pull request.

const PR = 9;
const CONFIG = 'rules:\n  clause-uncovered: off\n';
const legacy = (id: string) =>
  ['---', `id: ${id}`, `title: Policy ${id}`, 'owners: ["@alice"]', 'status: approved', 'last_reviewed: 2026-09-01', 'iso27001:', '  controls:', '    - A.9.1.1', '---', '# Policy', ''].join('\n');

function pullRepo() {
  const repo = makeGitRepo({ '.isms.yml': CONFIG, 'policies/a.md': policy('POL-A-001', '2026-09-01') });
  const base = repo.shas[0]!;
  const head = repo.commit({ 'policies/x.md': legacy('POL-X-001'), 'policies/y.md': legacy('POL-Y-001') });
  return { repo, base, head };
}

function runPr(fake: FakeGitHub, root: string, headSha: string, baseSha: string) {
  return runAction({
    workspace: root,
    eventName: 'pull_request',
    payload: pullRequestPayload({ number: PR, headSha, baseSha }),
    inputs: { token: TOKEN, 'fail-on': 'never' },
    apiUrl: fake.url,
    env: { ISMS_REQUEST_TIMEOUT_MS: '3000' },
  });
}

/** Where the two legacy policies' findings sit (each file: the status line and the 2013 control). */
const LINE_COMMENTS = ['policies/x.md:5', 'policies/x.md:9', 'policies/y.md:5', 'policies/y.md:9'];

const summaries = (fake: FakeGitHub) => fake.state.comments.filter((comment) => comment.body.includes(SUMMARY_MARKER));

describe('the action on a pull request', () => {
  it('lost answers to the review and the summary comment: one of each, exit 0', async () => {
    const { repo, base, head } = pullRepo();
    const fake = await start({ pulls: [{ number: PR, headSha: head, baseSha: base, files: repo.pullFiles(base, head) }] });
    fake.failNext({ method: 'POST', pathIncludes: '/reviews', mode: 'after-write', status: 502 });
    fake.failNext({ method: 'POST', pathIncludes: `/issues/${PR}/comments`, mode: 'reset-after-write' });
    const run = await runPr(fake, repo.root, head, base);
    expect(run.status).toBe(0);
    expect(fake.state.reviews).toHaveLength(1);
    expect(fake.state.reviewComments.map((comment) => `${comment.path}:${comment.line}`).sort()).toEqual(LINE_COMMENTS);
    expect(summaries(fake)).toHaveLength(1);
  });

  it('a secondary rate limit that outlasts the retries is not a read-only token: the summary is still posted', async () => {
    const { repo, base, head } = pullRepo();
    const fake = await start({ pulls: [{ number: PR, headSha: head, baseSha: base, files: repo.pullFiles(base, head) }] });
    fake.failNext({
      method: 'POST',
      pathIncludes: '/reviews',
      status: 403,
      times: 10,
      headers: { 'retry-after': '0' },
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
    });
    const run = await runPr(fake, repo.root, head, base);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('read-only token');
    expect(run.stdout).toContain('rate limit outlasted the retries');
    expect(summaries(fake)).toHaveLength(1);
  });

  it('two runs started together: one summary comment, one line comment per finding', async () => {
    const { repo, base, head } = pullRepo();
    const fake = await start({ pulls: [{ number: PR, headSha: head, baseSha: base, files: repo.pullFiles(base, head) }] });
    const [first, second] = await Promise.all([runPr(fake, repo.root, head, base), runPr(fake, repo.root, head, base)]);
    expect([first.status, second.status]).toEqual([0, 0]);
    expect(summaries(fake)).toHaveLength(1);
    const keys = fake.state.reviewComments.map((comment) => `${comment.path}:${comment.line}`);
    expect(keys.sort()).toEqual(LINE_COMMENTS);
    // A duplicate review, if the runs raced, carries no line comments and says so.
    const withComments = fake.state.reviews.filter((review) => fake.state.reviewComments.some((comment) => comment.pull_request_review_id === review.id));
    expect(withComments).toHaveLength(1);
  });

  it('a run for an older head commit that finishes last does not overwrite the summary', async () => {
    const { repo, base, head } = pullRepo();
    const newer = repo.commit({ 'policies/x.md': policy('POL-X-001', '2026-09-01') });
    const fake = await start({ pulls: [{ number: PR, headSha: newer, baseSha: base, files: repo.pullFiles(base, newer) }] });
    expect((await runPr(fake, repo.root, newer, base)).status).toBe(0);
    const posted = summaries(fake)[0]!.body;
    // The run for the older push, late: the PR's head is `newer`.
    repo.git('checkout', '-q', head);
    const late = await runPr(fake, repo.root, head, base);
    expect(late.status).toBe(0);
    expect(late.stdout).toContain('is not overwritten with older results');
    expect(summaries(fake)).toHaveLength(1);
    expect(summaries(fake)[0]!.body).toBe(posted);
  });
});
