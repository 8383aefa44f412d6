/**
 * Drives the fake GitHub with the real Octokit from @actions/github, bare and with the retry and
 * throttling plugins, so the fake is known to speak the dialect those clients expect (Link
 * pagination, error shapes, retry-after) before other tests rely on it.
 */
import { getOctokit } from '@actions/github';
import { GitHub, getOctokitOptions } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { describe, expect, it } from 'vitest';
import { makeGitRepo } from './support/action-runner.js';
import { fakeGitHubPerTest, pullFile, takeConformanceFailure, type FakeGitHub } from './support/fake-github.js';

const TOKEN = 'ghs_fakeTokenValue0123456789abcdefABCDEF';
const repo = { owner: 'octo-org', repo: 'isms' };

const Retrying = GitHub.plugin(retry, throttling);

const start = fakeGitHubPerTest({ repository: 'octo-org/isms' });

function bare(server: FakeGitHub) {
  return getOctokit(TOKEN, { baseUrl: server.url });
}

/** Limit handler calls, so tests can see which plugin path a retry took. */
interface LimitCall {
  kind: 'primary' | 'secondary';
  retryAfter: number;
  retryCount: number;
}

let throttleKey = 0;

function resilient(server: FakeGitHub, calls: LimitCall[] = []) {
  const handler =
    (kind: LimitCall['kind']) =>
    (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number): boolean => {
      calls.push({ kind, retryAfter, retryCount });
      return retryCount < 2;
    };
  return new Retrying(
    getOctokitOptions(TOKEN, {
      baseUrl: server.url,
      // Seconds are multiplied by these; 10 ms keeps "retry-after: 1" waits short.
      retry: { retryAfterBaseValue: 10 },
      throttle: {
        // Throttling's write spacing (1 s, 3 s for notifying writes) is kept per id in
        // process-wide groups: a fresh id stops one test's writes delaying the next test's.
        id: `fake-github-test-${++throttleKey}`,
        retryAfterBaseValue: 10,
        fallbackSecondaryRateRetryAfter: 0,
        onRateLimit: handler('primary'),
        onSecondaryRateLimit: handler('secondary'),
      },
    }),
  );
}

const SECONDARY = {
  status: 403,
  headers: { 'retry-after': '1' },
  body: {
    message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
  },
};

describe('issues', () => {
  it('paginates 250 issues through Link headers for octokit.paginate', async () => {
    const server = await start();
    for (let i = 0; i < 250; i++) server.seedIssue({ title: `Review ${i}`, labels: ['isms-review'], state: i % 5 === 0 ? 'closed' : 'open' });
    server.seedIssue({ title: 'unrelated' });

    const octokit = bare(server);
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
      ...repo,
      labels: 'isms-review',
      state: 'all',
      per_page: 100,
    });

    expect(issues).toHaveLength(250);
    expect(new Set(issues.map((issue) => issue.number)).size).toBe(250);
    expect(server.requests.map((request) => request.status)).toEqual([200, 200, 200]);
    expect(server.requests[2]?.path).toContain('page=3');
  });

  it('formats Link as GitHub does and defaults to open issues, 30 a page', async () => {
    const server = await start();
    for (let i = 0; i < 65; i++) server.seedIssue({ labels: ['a', 'b'] });
    server.seedIssue({ labels: ['a'] });

    const first = await fetch(`${server.url}/repos/octo-org/isms/issues?labels=a,b`);
    const base = `${server.url}/repos/octo-org/isms/issues?labels=a%2Cb&page=`;
    expect(first.headers.get('link')).toBe(`<${base}2>; rel="next", <${base}3>; rel="last"`);
    expect(await first.json()).toHaveLength(30);

    const middle = await fetch(`${server.url}/repos/octo-org/isms/issues?labels=a,b&page=2`);
    expect(middle.headers.get('link')).toBe(
      `<${base}1>; rel="prev", <${base}3>; rel="next", <${base}3>; rel="last", <${base}1>; rel="first"`,
    );
    const last = (await (await fetch(`${server.url}/repos/octo-org/isms/issues?labels=a,b&page=3`)).json()) as unknown[];
    expect(last).toHaveLength(5);
  });

  it('creates, updates and closes issues with GitHub-shaped fields', async () => {
    const server = await start();
    const octokit = bare(server);
    const { data: created, status } = await octokit.rest.issues.create({
      ...repo,
      title: 'Review due: POL-001',
      body: '<!-- isms-review:POL-001 -->',
      labels: ['isms-review'],
      assignees: ['alice'],
    });
    expect(status).toBe(201);
    expect(created).toMatchObject({
      number: 1,
      state: 'open',
      labels: [{ name: 'isms-review' }],
      assignees: [{ login: 'alice' }],
      user: { login: 'github-actions[bot]', type: 'Bot' },
      html_url: 'https://github.com/octo-org/isms/issues/1',
    });
    expect(created.id).not.toBe(created.number);
    expect('pull_request' in created).toBe(false);

    await octokit.rest.issues.update({ ...repo, issue_number: 1, state: 'closed', state_reason: 'not_planned' });
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ['overdue'] });
    const { data: fetched } = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    expect(fetched).toMatchObject({ state: 'closed', state_reason: 'not_planned', labels: [{ name: 'isms-review' }, { name: 'overdue' }] });
    expect(fetched.closed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(server.state.labels.map((label) => label.name)).toEqual(['isms-review', 'overdue']);
  });

  it('rejects unassignable logins on create with 422 and creates nothing', async () => {
    const server = await start();
    const error = await bare(server)
      .rest.issues.create({ ...repo, title: 't', assignees: ['alice', 'ghost-bob'] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      status: 422,
      response: { data: { errors: [{ resource: 'Issue', field: 'assignees', code: 'invalid', value: 'ghost-bob' }] } },
    });
    expect(server.state.issues).toEqual([]);
  });

  it('drops unassignable logins silently on the add-assignees endpoint', async () => {
    const server = await start({ assignable: ['alice'] });
    server.seedIssue();
    const { data } = await bare(server).rest.issues.addAssignees({ ...repo, issue_number: 1, assignees: ['alice', 'carol'] });
    expect(data.assignees?.map((assignee) => assignee.login)).toEqual(['alice']);
  });

  it('lists, creates and edits issue comments, authored by the token owner', async () => {
    const server = await start();
    server.seedIssue();
    for (let i = 0; i < 35; i++) server.seedComment(1, `comment ${i}`, 'someone');
    const octokit = bare(server);

    const { data: mine } = await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: '<!-- isms:report -->' });
    expect(mine.user?.login).toBe(server.identity);
    const all = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: 1, per_page: 10 });
    expect(all).toHaveLength(36);

    await octokit.rest.issues.updateComment({ ...repo, comment_id: mine.id, body: 'updated' });
    expect(server.state.comments.at(-1)?.body).toBe('updated');
    expect(server.state.issues[0]?.comments).toBe(36);
  });

  it('answers label lookups with 404 and duplicate labels with 422', async () => {
    const server = await start();
    const octokit = bare(server);
    await expect(octokit.rest.issues.getLabel({ ...repo, name: 'isms review' })).rejects.toMatchObject({ status: 404 });
    await octokit.rest.issues.createLabel({ ...repo, name: 'isms review', color: 'fbca04', description: 'Policy review due' });
    const { data } = await octokit.rest.issues.getLabel({ ...repo, name: 'isms review' });
    expect(data).toMatchObject({ name: 'isms review', color: 'fbca04', description: 'Policy review due' });
    await expect(octokit.rest.issues.createLabel({ ...repo, name: 'ISMS Review' })).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ code: 'already_exists' }] } },
    });
  });
});

describe('pull requests', () => {
  const patch = ['@@ -1,3 +1,4 @@', ' ---', '-owner: alice', '+owner: bob', '+status: approved', ' ---', '@@ -20,2 +21,2 @@ Scope', ' text', '-old', '+new'].join('\n');

  async function withPull(): Promise<FakeGitHub> {
    return start({ pulls: [{ number: 7, headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40), files: [pullFile('policies/access.md', patch)] }] });
  }

  it('serves the pull request, its files and its issue side', async () => {
    const server = await withPull();
    const octokit = bare(server);
    const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: 7 });
    expect(pull.head.sha).toBe('a'.repeat(40));
    expect(pull.base.sha).toBe('b'.repeat(40));
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: 7 });
    expect(files).toMatchObject([{ filename: 'policies/access.md', status: 'modified', additions: 3, deletions: 2, changes: 5 }]);

    // A PR comment goes through the issues API, as on GitHub.
    await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'summary' });
    const { data: issue } = await octokit.rest.issues.get({ ...repo, issue_number: 7 });
    expect(issue.pull_request?.html_url).toBe('https://github.com/octo-org/isms/pull/7');
  });

  it('paginates pull request files', async () => {
    const server = await start({ pulls: [{ number: 3 }] });
    server.state.pullFiles.set(3, Array.from({ length: 120 }, (_, i) => pullFile(`policies/p${i}.md`, '@@ -0,0 +1 @@\n+x', 'added')));
    const octokit = bare(server);
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: 3, per_page: 50 });
    expect(files).toHaveLength(120);
    expect(server.requests).toHaveLength(3);
  });

  it('stores a review whose comments sit on added or context lines of the right side', async () => {
    const server = await withPull();
    const octokit = bare(server);
    await octokit.rest.pulls.createReview({
      ...repo,
      pull_number: 7,
      commit_id: 'a'.repeat(40),
      event: 'COMMENT',
      body: 'isms-as-code',
      comments: [
        { path: 'policies/access.md', line: 2, side: 'RIGHT', body: 'added line' },
        { path: 'policies/access.md', line: 21, side: 'RIGHT', body: 'context line in the second hunk' },
      ],
    });
    expect(server.state.reviews).toMatchObject([{ state: 'COMMENTED', user: { login: server.identity } }]);
    const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, { ...repo, pull_number: 7 });
    expect(comments).toMatchObject([
      { path: 'policies/access.md', line: 2, body: 'added line', user: { login: server.identity } },
      { path: 'policies/access.md', line: 21, diff_hunk: '@@ -20,2 +21,2 @@ Scope\n text' },
    ]);
  });

  it('rejects the whole review with 422 when one comment is outside the diff', async () => {
    const server = await withPull();
    const error = await bare(server)
      .rest.pulls.createReview({
        ...repo,
        pull_number: 7,
        event: 'COMMENT',
        comments: [
          { path: 'policies/access.md', line: 2, side: 'RIGHT', body: 'fine' },
          { path: 'policies/access.md', line: 10, side: 'RIGHT', body: 'between hunks' },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 422 });
    expect(String((error as Error).message)).toContain('Pull request review thread line must be part of the diff');
    expect(server.state.reviews).toEqual([]);
    expect(server.state.reviewComments).toEqual([]);
  });

  it('treats a removed line as outside the right side and an unknown path as unresolvable', async () => {
    const server = await withPull();
    const octokit = bare(server);
    // Line 22 exists only on the left (the removed "old"); the right side's hunk is lines 21-22,
    // so right-side 23 is outside it.
    await expect(
      octokit.rest.pulls.createReview({ ...repo, pull_number: 7, event: 'COMMENT', comments: [{ path: 'policies/access.md', line: 23, body: 'x' }] }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      octokit.rest.pulls.createReview({ ...repo, pull_number: 7, event: 'COMMENT', comments: [{ path: 'policies/other.md', line: 1, body: 'x' }] }),
    ).rejects.toMatchObject({ status: 422, message: expect.stringContaining('Path could not be resolved') });
  });
});

describe('tokens and permissions', () => {
  it('answers every write of a read-only token with 403 and changes nothing', async () => {
    const server = await start({ readOnly: true });
    server.seedIssue();
    const octokit = bare(server);
    await expect(octokit.rest.issues.create({ ...repo, title: 't' })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration'),
    });
    await expect(octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: 'b' })).rejects.toMatchObject({ status: 403 });
    const { data } = await octokit.rest.issues.listForRepo({ ...repo });
    expect(data).toHaveLength(1);
    expect(server.state.comments).toEqual([]);
    expect(server.writes().map((request) => request.status)).toEqual([403, 403]);
  });

  it('answers GET /user as the Actions token does when asked to', async () => {
    const forbidden = await start({ userEndpoint: 'forbidden' });
    await expect(bare(forbidden).rest.users.getAuthenticated()).rejects.toMatchObject({ status: 403 });
    await forbidden.close();
    const ok = await start({ identity: 'isms-bot' });
    const { data } = await bare(ok).rest.users.getAuthenticated();
    expect(data).toMatchObject({ login: 'isms-bot', type: 'User' });
  });

  it('requires the configured token and never records its value', async () => {
    const server = await start({ token: TOKEN });
    await bare(server).rest.issues.listForRepo({ ...repo });
    await expect(getOctokit('wrong', { baseUrl: server.url }).rest.issues.listForRepo({ ...repo })).rejects.toMatchObject({ status: 401 });
    expect(server.requests.map((request) => [request.authorization, request.status])).toEqual([
      [true, 200],
      [true, 401],
    ]);
    expect(JSON.stringify(server.requests)).not.toContain(TOKEN);
    expect(JSON.stringify(server.requests)).not.toContain('wrong');
  });

  it('404s routes it does not know and other repositories', async () => {
    const server = await start({ conformance: 'record' });
    await expect(bare(server).rest.repos.listBranches({ ...repo })).rejects.toMatchObject({ status: 404 });
    await expect(bare(server).rest.issues.listForRepo({ owner: 'someone', repo: 'else' })).rejects.toMatchObject({ status: 404 });
    expect(server.requests.map((request) => request.status)).toEqual([404, 404]);
    // The branch listing is no operation this project uses: the fake says so, not only 404.
    expect(server.violations).toEqual([
      expect.objectContaining({ method: 'GET', side: 'request', status: 404, message: expect.stringContaining('no operation in @octokit/openapi@23.0.2 matches') }),
    ]);
  });
});

describe('faults', () => {
  it('is not retried by the bare client, and a faulted write changes no state', async () => {
    const server = await start();
    server.failNext({ method: 'POST', pathIncludes: '/issues', status: 502 });
    await expect(bare(server).rest.issues.create({ ...repo, title: 't' })).rejects.toMatchObject({ status: 502 });
    expect(server.state.issues).toEqual([]);
    expect(server.requests).toMatchObject([{ method: 'POST', status: 502, faulted: true }]);
  });

  it('retries a 502 once with plugin-retry and succeeds', async () => {
    const server = await start();
    server.seedIssue({ labels: ['isms-review'] });
    server.failNext({ method: 'GET', pathIncludes: '/issues', status: 502 });
    const octokit = resilient(server);
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, labels: 'isms-review', per_page: 100 });
    expect(issues).toHaveLength(1);
    expect(server.requests.map((request) => request.status)).toEqual([502, 200]);
  });

  it('retries a write after a 502 without creating it twice', async () => {
    const server = await start();
    server.failNext({ method: 'PATCH', status: 502 });
    server.seedIssue();
    await resilient(server).rest.issues.update({ ...repo, issue_number: 1, title: 'renamed' });
    expect(server.writes().map((request) => request.status)).toEqual([502, 200]);
    expect(server.state.issues[0]?.title).toBe('renamed');
  });

  it('honours a secondary rate limit with retry-after, then succeeds', async () => {
    const server = await start();
    server.seedIssue();
    server.failNext({ method: 'GET', ...SECONDARY });
    const calls: LimitCall[] = [];
    const { data } = await resilient(server, calls).rest.issues.get({ ...repo, issue_number: 1 });
    expect(data.number).toBe(1);
    expect(calls).toEqual([{ kind: 'secondary', retryAfter: 1, retryCount: 0 }]);
    expect(server.requests.map((request) => request.status)).toEqual([403, 200]);
  });

  it('gives up after two secondary-limit retries', async () => {
    const server = await start();
    server.seedIssue();
    server.failNext({ pathIncludes: '/issues/1', times: 3, ...SECONDARY });
    const calls: LimitCall[] = [];
    await expect(resilient(server, calls).rest.issues.get({ ...repo, issue_number: 1 })).rejects.toMatchObject({ status: 403 });
    expect(calls.map((call) => call.retryCount)).toEqual([0, 1, 2]);
    expect(server.requests).toHaveLength(3);
  });

  it('honours a primary rate limit (403 with x-ratelimit-remaining: 0) through onRateLimit', async () => {
    const server = await start();
    server.seedIssue();
    server.failNext({
      method: 'GET',
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) },
      body: { message: 'API rate limit exceeded for installation.' },
    });
    const calls: LimitCall[] = [];
    const { data } = await resilient(server, calls).rest.issues.get({ ...repo, issue_number: 1 });
    expect(data.number).toBe(1);
    expect(calls).toMatchObject([{ kind: 'primary', retryCount: 0 }]);
    expect(server.requests.map((request) => request.status)).toEqual([403, 200]);
  });

  it('retries a 429 through plugin-retry before throttling sees it', async () => {
    // plugin-retry wraps inside plugin-throttling and does not list 429 in doNotRetry, so it
    // retries on its own schedule (1, 4, 9 x retryAfterBaseValue) and ignores x-ratelimit-reset.
    const server = await start();
    server.seedIssue();
    server.failNext({
      method: 'GET',
      status: 429,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) },
      body: { message: 'API rate limit exceeded for installation.' },
    });
    const calls: LimitCall[] = [];
    const { data } = await resilient(server, calls).rest.issues.get({ ...repo, issue_number: 1 });
    expect(data.number).toBe(1);
    expect(calls).toEqual([]);
    expect(server.requests.map((request) => request.status)).toEqual([429, 200]);
  });

  it('does not retry a read-only 403 as if it were a rate limit', async () => {
    const server = await start({ readOnly: true });
    server.seedIssue();
    const calls: LimitCall[] = [];
    await expect(resilient(server, calls).rest.issues.createComment({ ...repo, issue_number: 1, body: 'b' })).rejects.toMatchObject({
      status: 403,
    });
    expect(calls).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});

describe('what the action asks that the fake once lacked', () => {
  it('serves GET /repos/{owner}/{repo} with the default branch, as a schedule run without it in the payload asks', async () => {
    const server = await start({ defaultBranch: 'trunk' });
    server.seedIssue();
    server.seedIssue({ state: 'closed' });
    const { data } = await bare(server).rest.repos.get({ ...repo });
    expect(data).toMatchObject({ full_name: 'octo-org/isms', default_branch: 'trunk', open_issues_count: 1, owner: { login: 'octo-org' } });
    expect(server.violations).toEqual([]);
  });

  it('closes an issue as a duplicate, and refuses a state_reason GitHub does not have', async () => {
    const server = await start({ conformance: 'record' });
    server.seedIssue({ title: 'older' });
    server.seedIssue({ title: 'newer' });
    const octokit = bare(server);
    const { data } = await octokit.rest.issues.update({ ...repo, issue_number: 2, state: 'closed', state_reason: 'duplicate' });
    expect(data).toMatchObject({ state: 'closed', state_reason: 'duplicate' });
    expect(server.seedIssue({ state: 'closed', state_reason: 'duplicate' }).state_reason).toBe('duplicate');
    await expect(
      // Typed Octokit knows the four reasons; a made-up one has to be forced past it.
      octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: 1, state: 'closed', state_reason: 'wontfix' as 'completed' }),
    ).rejects.toMatchObject({ status: 422 });
    expect(server.state.issues[0]?.state).toBe('open');
    // Only the made-up reason is a mismatch with GitHub's description.
    expect(server.violations.map((violation) => `${violation.side} ${violation.status}: ${violation.message}`)).toEqual([
      'request 422: body/state_reason must be one of ["completed","not_planned","duplicate","reopened"]',
    ]);
  });
});

describe('review comments when the head moves', () => {
  const FILE = 'policies/access.md';
  const lines = (...extra: string[]) => `${[...extra, ...Array.from({ length: 12 }, (_, i) => `line ${i + 1}`)].join('\n')}\n`;

  /** A PR whose head changed line 5; comments on that added line and on context line 7. */
  async function pullWithComments() {
    const git = makeGitRepo({ [FILE]: lines() });
    const base = git.shas[0] ?? git.commit({});
    const head = git.commit({ [FILE]: lines().replace('line 5\n', 'changed 5\n') });
    const server = await start();
    server.seedPull({ number: 3, baseSha: base, headSha: head, files: git.pullFiles(base, head) });
    const onAdded = server.seedReviewComment(3, { path: FILE, line: 5, body: 'on the change' });
    const onContext = server.seedReviewComment(3, { path: FILE, line: 7, body: 'below it' });
    const push = (content: string | null) => {
      const before = server.state.pulls[0]?.head.sha ?? '';
      const sha = git.commit({ [FILE]: content });
      server.pushHead(3, { sha, files: git.pullFiles(base, sha), changes: { [FILE]: git.git('diff', before, sha, '--', FILE) } });
      return sha;
    };
    const list = async () => (await bare(server).rest.pulls.listReviewComments({ ...repo, pull_number: 3 })).data;
    const positionOf = (text: string) => (server.state.pullFiles.get(3)?.[0]?.patch ?? '').split('\n').indexOf(text);
    return { server, head, onAdded, onContext, push, list, positionOf };
  }

  it('places a new comment with GitHub\'s position: lines below the first hunk header', async () => {
    const { onAdded, positionOf } = await pullWithComments();
    expect(onAdded).toMatchObject({ line: 5, original_line: 5, position: positionOf('+changed 5'), original_position: positionOf('+changed 5') });
  });

  it('moves a comment down with its line when lines are added above it, on the new head', async () => {
    const { head, push, list, positionOf } = await pullWithComments();
    const moved = push(lines('new a', 'new b').replace('line 5\n', 'changed 5\n'));
    const [added, context] = await list();
    expect(added).toMatchObject({ line: 7, original_line: 5, position: positionOf('+changed 5'), commit_id: moved, original_commit_id: head });
    expect(context).toMatchObject({ line: 9, original_line: 7, position: positionOf(' line 7'), commit_id: moved });
  });

  it('outdates a comment whose line is changed, keeping original_line, and leaves the others', async () => {
    const { head, push, list, positionOf } = await pullWithComments();
    push(lines().replace('line 5\n', 'changed again\n'));
    const [added, context] = await list();
    expect(added).toMatchObject({ line: null, position: null, original_line: 5, commit_id: head });
    expect(context).toMatchObject({ line: 7, position: positionOf(' line 7') });
  });

  it('outdates every comment of a file the push deletes', async () => {
    const { push, list } = await pullWithComments();
    push(null);
    const comments = await list();
    expect(comments.map((comment) => [comment.line, comment.position, comment.original_line])).toEqual([
      [null, null, 5],
      [null, null, 7],
    ]);
  });
});

describe('conformance with GitHub\'s REST description', () => {
  it('fails the test that sent a request GitHub would read otherwise, naming the operation and the field', async () => {
    const server = await start();
    server.seedIssue();
    await bare(server).request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: 1, body: 'x', bodyy: 'y' });
    // Taken here so this test can look at it; left alone, the fake's afterEach throws it.
    const failure = takeConformanceFailure();
    expect(failure?.message).toBe(
      "fake GitHub: 1 mismatch(es) with GitHub's REST description (@octokit/openapi@23.0.2):\n" +
        '  - POST /repos/octo-org/isms/issues/1/comments (issues/create-comment): request: body: unknown property "bodyy"',
    );
    expect(takeConformanceFailure()).toBeUndefined();
  });

  it('checks every reply the fake gives on the usual paths: none breaks a schema', async () => {
    const server = await start();
    server.seedPull({ number: 4, files: [pullFile('policies/a.md', '@@ -1,2 +1,3 @@\n a\n+b\n c')] });
    server.seedLabel('isms-review');
    const octokit = bare(server);
    await octokit.rest.issues.create({ ...repo, title: 't', labels: ['isms-review'], assignees: ['alice'] });
    await octokit.rest.issues.createComment({ ...repo, issue_number: 4, body: 'c' });
    await octokit.rest.pulls.createReview({ ...repo, pull_number: 4, event: 'COMMENT', body: 'r', comments: [{ path: 'policies/a.md', line: 2, body: 'x' }] });
    await octokit.rest.pulls.get({ ...repo, pull_number: 4 });
    await octokit.rest.pulls.listFiles({ ...repo, pull_number: 4 });
    await octokit.rest.pulls.listReviewComments({ ...repo, pull_number: 4 });
    await octokit.rest.users.getAuthenticated();
    await octokit.rest.rateLimit.get();
    await octokit.rest.issues.listLabelsForRepo({ ...repo });
    expect(server.requests.every((request) => request.status < 300)).toBe(true);
    expect(server.violations).toEqual([]);
  });
});
