/**
 * Review reminders end to end: real policy files, `check()`, the real Octokit client from
 * src/github/client.ts (retry + throttling), against the loopback fake GitHub API. Every test
 * counts the requests the fake saw, so "an idle run only lists" is a measured fact.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { createClient, type Octokit } from '../src/github/client.js';
import { parseMarker, planReminders, ReminderError, resolveIdentity, runReminders, type ReminderOutcome } from '../src/github/reminders/index.js';
import { fakeGitHubPerTest, startFakeGitHub, type FakeGitHub, type FakeIssue } from './support/fake-github.js';
import { makeRepo, writeFiles } from './support/repo.js';

const TODAY = '2026-11-24';
/** An installation token, like the Actions GITHUB_TOKEN: its identity needs no request. */
const ACTIONS_TOKEN = 'ghs_fakeActionsToken0123456789abcdefABCD';
const PAT = 'ghp_fakePersonalToken0123456789abcdefABCD';

interface PolicySpec {
  id: string;
  title?: string;
  status?: string;
  owners?: string[];
  approver?: string;
  last_reviewed?: string;
  next_review?: string;
  review_every?: string;
}

function policyText(spec: PolicySpec): string {
  return [
    '---',
    `id: ${spec.id}`,
    `title: ${JSON.stringify(spec.title ?? `Policy ${spec.id}`)}`,
    `owners: ${JSON.stringify(spec.owners ?? ['@alice'])}`,
    ...(spec.approver ? [`approver: ${JSON.stringify(spec.approver)}`] : []),
    `status: ${spec.status ?? 'approved'}`,
    ...(spec.last_reviewed ? [`last_reviewed: ${spec.last_reviewed}`] : []),
    ...(spec.review_every ? [`review_every: ${spec.review_every}`] : []),
    ...(spec.next_review ? [`next_review: ${spec.next_review}`] : []),
    'iso27001:',
    '  controls: [A.5.15]',
    '---',
    '# Policy',
    '',
    '## Purpose',
    '',
    'Text.',
    '',
    '## Scope',
    '',
    'Everyone.',
    '',
  ].join('\n');
}

const file = (id: string) => `policies/${id.toLowerCase()}.md`;

/** Overdue, due soon, fresh, draft and retired: only the first two get issues. */
const MIXED: PolicySpec[] = [
  { id: 'POL-OVR-001', title: 'Access control', owners: ['@alice', '@acme/security', 'ciso@example.com'], approver: '@carol', last_reviewed: '2025-10-01' },
  { id: 'POL-DUE-001', title: 'Backup', owners: ['@bob'], last_reviewed: '2025-12-10' },
  { id: 'POL-FRESH-001', title: 'Fresh', last_reviewed: '2026-06-01' },
  { id: 'POL-DRAFT-001', title: 'Draft', status: 'draft', last_reviewed: '2025-01-01' },
  { id: 'POL-RET-001', title: 'Retired', status: 'retired', last_reviewed: '2025-01-01' },
];

function repoWith(specs: PolicySpec[]): string {
  return makeRepo(Object.fromEntries(specs.map((spec) => [file(spec.id), policyText(spec)])));
}

const start = fakeGitHubPerTest({ repository: 'octo-org/isms' });

function client(server: FakeGitHub, token = ACTIONS_TOKEN): Octokit {
  return createClient({ token, baseUrl: server.url, writeIntervalMs: 0, retryAfterBaseValue: 10 });
}

interface RunOptions {
  today?: string;
  dryRun?: boolean;
  octokit?: Octokit;
  identity?: string;
  within?: number;
}

async function remind(server: FakeGitHub, root: string, options: RunOptions = {}): Promise<ReminderOutcome> {
  const today = options.today ?? TODAY;
  const result = await check({ root, today });
  return runReminders({
    octokit: options.octokit ?? client(server),
    owner: 'octo-org',
    repo: 'isms',
    policies: result.policies,
    today,
    withinDays: options.within ?? 30,
    label: 'isms-review',
    dryRun: options.dryRun ?? false,
    defaultBranch: 'main',
    serverUrl: 'https://github.com',
    identity: options.identity,
    log: () => {},
  });
}

function labelsOf(issue: FakeIssue): string[] {
  return issue.labels.map((label) => label.name).sort();
}

function ours(server: FakeGitHub, id: string): FakeIssue[] {
  return server.state.issues.filter((issue) => parseMarker(issue.body)?.id === id && issue.user.login === server.identity);
}

function openOurs(server: FakeGitHub, id: string): FakeIssue[] {
  return ours(server, id).filter((issue) => issue.state === 'open');
}

const listingPages = (server: FakeGitHub) => server.requests.filter((request) => request.method === 'GET' && /\/issues\?/.test(request.path));

describe('first and second run', () => {
  it('opens issues only for due and overdue policies, with labels and assignees; a second run writes nothing', async () => {
    const server = await start();
    const root = repoWith(MIXED);

    const first = await remind(server, root);
    expect(server.state.issues.map((issue) => parseMarker(issue.body)?.id).sort()).toEqual(['POL-DUE-001', 'POL-OVR-001']);
    const [overdue] = openOurs(server, 'POL-OVR-001');
    const [due] = openOurs(server, 'POL-DUE-001');
    expect(overdue!.title).toBe('Review due: POL-OVR-001 Access control (due 2026-10-01)');
    expect(labelsOf(overdue!)).toEqual(['isms-review', 'overdue']);
    expect(labelsOf(due!)).toEqual(['isms-review']);
    expect(overdue!.assignees.map((user) => user.login)).toEqual(['alice']);
    expect(due!.assignees.map((user) => user.login)).toEqual(['bob']);
    // Owners: the login and the team are mentioned, the e-mail is not a mention; the approver is not mentioned.
    expect(overdue!.body).toContain('| Owners | @alice, @acme/security, `ciso@example.com` |');
    expect(overdue!.body).toContain('`@carol`');
    expect(overdue!.body).toContain('https://github.com/octo-org/isms/blob/main/policies/pol-ovr-001.md');
    expect(overdue!.body).toMatch(/change `last_reviewed` on line 7 of `policies\/pol-ovr-001.md`/);
    expect(overdue!.body).toContain('isms review POL-OVR-001');
    expect(overdue!.body).toContain('A.5.15 Access control');
    // Both labels were missing and are created once, with a colour.
    expect(server.state.labels.map((label) => label.name).sort()).toEqual(['isms-review', 'overdue']);
    expect(first).toMatchObject({ created: 2, updated: 0, closed: 0, due: 1, overdue: 1 });
    expect(first.requests).toBe(server.requests.length);
    expect(first.writes).toBe(server.writes().length);
    // Owners in the digest are code spans: shown as written, nobody notified.
    expect(first.digestMarkdown).toContain('| `@alice` | POL-OVR-001 Access control | 2026-10-01 | overdue | [#1](https://github.com/octo-org/isms/issues/1) |');
    expect(first.digestMarkdown).toContain('| `@acme/security` | POL-OVR-001 Access control |');
    expect(first.digestMarkdown.replace(/`[^`\n]*`/g, '')).not.toMatch(/@(?!\u200d)/);

    server.reset();
    const second = await remind(server, root);
    expect(server.writes()).toEqual([]);
    // The listing page and the token's login (asked, never assumed: an App token is `<app>[bot]`), nothing else.
    expect(server.requests.map((request) => `${request.method} ${request.path.split('?')[0]}`)).toEqual(['GET /repos/octo-org/isms/issues', 'POST /graphql']);
    expect(second).toMatchObject({ created: 0, updated: 0, closed: 0, requests: 2, writes: 0 });
    expect(server.state.issues).toHaveLength(2);
  });

  it('asks GraphQL viewer for the login once per run with issues to verify, for a personal token as for an installation token', async () => {
    for (const token of [PAT, ACTIONS_TOKEN]) {
      const server = await startFakeGitHub({ repository: 'octo-org/isms', identity: 'isms-bot' });
      try {
        const root = repoWith(MIXED.slice(0, 2));
        await remind(server, root, { octokit: client(server, token) });
        server.reset();
        const idle = await remind(server, root, { octokit: client(server, token) });
        expect(server.requests.map((request) => request.path.split('?')[0])).toEqual(['/repos/octo-org/isms/issues', '/graphql']);
        expect(idle.identity).toEqual({ login: 'isms-bot', source: 'GraphQL viewer' });
        expect(server.writes()).toEqual([]);
        expect(server.state.issues).toHaveLength(2);
      } finally {
        await server.close();
      }
    }
  });
});

describe('the login issues are authored by', () => {
  it('takes a login GraphQL viewer gives only when GitHub could have made it: never a--b, a trailing or a leading hyphen', async () => {
    const answer = async (login: string) => {
      const server = await startFakeGitHub({ repository: 'octo-org/isms', identity: login });
      try {
        return await resolveIdentity(client(server), undefined);
      } finally {
        await server.close();
      }
    };
    for (const login of ['isms-app[bot]', 'github-actions[bot]', 'Maria-1', 'x'.repeat(39)]) {
      await expect(answer(login)).resolves.toEqual({ login, source: 'GraphQL viewer' });
    }
    // A wrong login would make every issue look like someone else's, and each run open them again.
    for (const login of ['a--b', 'trailing-', '-leading', '@maria', 'x'.repeat(40)]) {
      await expect(answer(login)).rejects.toThrow(/Cannot tell which login this token writes as \(GraphQL viewer \{ login \} gave no login\).*set the `identity` input/);
    }
  });
});

describe('finding issues again', () => {
  it('finds its issues behind more than 100 foreign ones with the same label, and never duplicates', async () => {
    const server = await start();
    const root = repoWith(MIXED.slice(0, 2));
    // Planted: someone else's issue with our exact marker, and plain issues with the label.
    server.seedIssue({ author: 'mallory', labels: ['isms-review'], body: '<!-- isms-as-code:review id=POL-OVR-001 due=2026-10-01 assignees= -->' });
    for (let i = 0; i < 120; i++) server.seedIssue({ author: `user${i}`, labels: ['isms-review'], title: `Review ${i}` });
    server.seedPull({ title: 'Labelled PR' });
    await remind(server, root);
    const ids = server.state.issues.map((issue) => issue.number);
    expect(Math.min(...openOurs(server, 'POL-OVR-001').map((issue) => issue.number))).toBeGreaterThan(100);

    server.reset();
    const second = await remind(server, root);
    expect(server.writes()).toEqual([]);
    expect(listingPages(server)).toHaveLength(2);
    expect(second.requests).toBe(3); // and the login, asked once
    expect(server.state.issues.map((issue) => issue.number)).toEqual(ids);
    expect(openOurs(server, 'POL-OVR-001')).toHaveLength(1);
    expect(second.plan!.listed).toMatchObject({ ours: 2, foreign: 121 });
    // Foreign issues are left alone.
    expect(server.state.issues.find((issue) => issue.user.login === 'mallory')!.state).toBe('open');
  });

  it('closes extra open issues of its own for one policy as duplicates, keeping the oldest', async () => {
    const server = await start();
    const root = repoWith(MIXED.slice(0, 1));
    await remind(server, root);
    const [kept] = openOurs(server, 'POL-OVR-001');
    const copy = server.seedIssue({ labels: ['isms-review', 'overdue'], body: kept!.body, title: kept!.title, assignees: ['alice'] });
    await remind(server, root);
    expect(copy.state).toBe('closed');
    expect(copy.state_reason).toBe('not_planned');
    expect(server.state.comments.find((comment) => comment.issue_url === copy.url)!.body).toContain(`Duplicate of #${kept!.number}`);
    expect(kept!.state).toBe('open');
  });
});

describe('lifecycle', () => {
  it('closes the issue with a comment when last_reviewed is updated, and when the file is deleted', async () => {
    const server = await start();
    const root = repoWith(MIXED.slice(0, 2));
    await remind(server, root);
    const [overdue] = openOurs(server, 'POL-OVR-001');
    const [due] = openOurs(server, 'POL-DUE-001');

    writeFiles(root, { [file('POL-OVR-001')]: policyText({ ...MIXED[0]!, last_reviewed: '2026-11-20' }) });
    rmSync(path.join(root, file('POL-DUE-001')));
    const run = await remind(server, root);
    expect(run.closed).toBe(2);
    expect(overdue).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(due).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    const comment = (issue: FakeIssue) => server.state.comments.filter((item) => item.issue_url === issue.url).map((item) => item.body);
    expect(comment(overdue!)).toEqual([expect.stringContaining('last reviewed 2026-11-20, next review due 2027-11-20')]);
    expect(comment(due!)).toEqual([expect.stringContaining('No policy with the id `POL-DUE-001` exists any more')]);

    server.reset();
    await remind(server, root);
    expect(server.writes()).toEqual([]);
  });

  it('closes the issue of a retired or draft policy as not planned', async () => {
    const server = await start();
    const root = repoWith(MIXED.slice(0, 2));
    await remind(server, root);
    writeFiles(root, {
      [file('POL-OVR-001')]: policyText({ ...MIXED[0]!, status: 'retired' }),
      [file('POL-DUE-001')]: policyText({ ...MIXED[1]!, status: 'draft' }),
    });
    await remind(server, root);
    expect(ours(server, 'POL-OVR-001').map((issue) => [issue.state, issue.state_reason])).toEqual([['closed', 'not_planned']]);
    expect(ours(server, 'POL-DUE-001').map((issue) => [issue.state, issue.state_reason])).toEqual([['closed', 'not_planned']]);
    const comments = server.state.comments.map((comment) => comment.body);
    expect(comments).toContainEqual(expect.stringContaining('`POL-OVR-001` is now `retired`'));
    expect(comments).toContainEqual(expect.stringContaining('`POL-DUE-001` is back in `draft`'));

    // Back in force with the same due date: ours was closed by us, so a new reminder opens.
    writeFiles(root, { [file('POL-DUE-001')]: policyText(MIXED[1]!) });
    await remind(server, root);
    expect(openOurs(server, 'POL-DUE-001')).toHaveLength(1);
    expect(ours(server, 'POL-DUE-001')).toHaveLength(2);
  });

  it('adds the overdue label when the due date passes, creating the label first if it is missing', async () => {
    const server = await start();
    const root = repoWith([MIXED[1]!]);
    await remind(server, root);
    const [issue] = openOurs(server, 'POL-DUE-001');
    server.reset();
    await remind(server, root, { today: '2026-12-11' });
    expect(server.writes().map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /repos/octo-org/isms/labels',
      `PATCH /repos/octo-org/isms/issues/${issue!.number}`,
    ]);
    expect(server.writes()[1]!.body).toEqual({ labels: ['isms-review', 'overdue'] });
    expect(labelsOf(issue!)).toEqual(['isms-review', 'overdue']);
    expect(server.state.labels.find((label) => label.name === 'overdue')).toMatchObject({ color: 'd93f0b' });
  });

  it('updates in place when the due date or the owners change; a title edited by a person stays until the due date changes', async () => {
    const server = await start();
    const root = repoWith([MIXED[0]!]);
    await remind(server, root);
    const [issue] = openOurs(server, 'POL-OVR-001');
    issue!.title = 'Access control review (Q4, Alice)';
    issue!.assignees.push({ ...issue!.assignees[0]!, login: 'dave' });
    // A person ticks a box: not undone either.
    issue!.body = issue!.body!.replace('- [ ] Read the policy', '- [x] Read the policy');

    server.reset();
    await remind(server, root);
    expect(server.writes()).toEqual([]);
    expect(openOurs(server, 'POL-OVR-001')).toHaveLength(1);

    // Owners change: body and assignees follow; dave, added by hand, stays.
    writeFiles(root, { [file('POL-OVR-001')]: policyText({ ...MIXED[0]!, owners: ['@erin'] }) });
    await remind(server, root);
    expect(issue!.assignees.map((user) => user.login).sort()).toEqual(['dave', 'erin']);
    expect(issue!.body).toContain('| Owners | @erin |');
    expect(issue!.title).toBe('Access control review (Q4, Alice)');

    // The due date changes (still overdue): same issue, title restored with the new date.
    writeFiles(root, { [file('POL-OVR-001')]: policyText({ ...MIXED[0]!, owners: ['@erin'], next_review: '2026-11-01' }) });
    await remind(server, root);
    expect(server.state.issues).toHaveLength(1);
    expect(issue!.title).toBe('Review due: POL-OVR-001 Access control (due 2026-11-01)');
    expect(parseMarker(issue!.body)!.due).toBe('2026-11-01');
    expect(issue!.body).toMatch(/Update or remove `next_review` on line \d+/);
  });

  it('respects an issue a person closed while its due date stands, and opens a new one when the due date changes', async () => {
    const server = await start();
    const root = repoWith([MIXED[1]!]);
    await remind(server, root);
    const [issue] = openOurs(server, 'POL-DUE-001');
    issue!.state = 'closed';
    issue!.state_reason = 'completed';

    server.reset();
    const run = await remind(server, root, { today: '2026-12-20' }); // now overdue, same due date
    expect(server.writes()).toEqual([]);
    expect(run.planText).toContain('was closed while this due date stands');

    writeFiles(root, { [file('POL-DUE-001')]: policyText({ ...MIXED[1]!, next_review: '2026-12-31' }) });
    await remind(server, root, { today: '2026-12-20' });
    expect(issue!.state).toBe('closed');
    const open = openOurs(server, 'POL-DUE-001');
    expect(open).toHaveLength(1);
    expect(open[0]!.number).not.toBe(issue!.number);
    expect(open[0]!.title).toContain('(due 2026-12-31)');
  });
});

describe('faults', () => {
  it('ends with exactly one issue per policy through 502s and a secondary rate limit', async () => {
    const server = await start();
    const root = repoWith(MIXED);
    server.failNext({ method: 'GET', pathIncludes: '/issues?', status: 502 });
    // A create is not retried blindly: after its 502 the issues are listed, then it is sent again.
    server.failNext({ method: 'POST', pathIncludes: '/issues', status: 502 });
    server.failNext({
      method: 'POST',
      pathIncludes: '/issues',
      status: 403,
      headers: { 'retry-after': '1' },
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
    });
    const run = await remind(server, root);
    expect(server.requests.filter((request) => request.faulted)).toHaveLength(3);
    // The listing's 502 and the rate-limited create are retried by the client; the create after
    // a 502 is a new request, sent after looking.
    expect(run.retries).toBe(2);
    expect(run.requests).toBe(server.requests.length);
    expect(openOurs(server, 'POL-OVR-001')).toHaveLength(1);
    expect(openOurs(server, 'POL-DUE-001')).toHaveLength(1);
    expect(server.state.issues).toHaveLength(2);
    expect(run.digestMarkdown).toMatch(/2 retries/);

    server.reset();
    await remind(server, root);
    expect(server.writes()).toEqual([]);
  });

  it('stops at a refused write with one line, reporting what was done before', async () => {
    const server = await start();
    const root = repoWith(MIXED.slice(0, 2));
    server.seedLabel('isms-review');
    server.seedLabel('overdue');
    server.failNext({ method: 'POST', pathIncludes: '/issues', status: 403, body: { message: 'Resource not accessible by integration' } });
    const octokit = client(server);
    const error = await remind(server, root, { octokit }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReminderError);
    const failure = error as ReminderError;
    expect(failure.message).toMatch(/^Review reminders stopped at POL-OVR-001: 403 Resource not accessible by integration .*issues: write.*nothing was written$/);
    expect(failure.message).not.toContain('\n');
    expect(failure.outcome.planText).toContain('not done (open a new issue)');
    expect(server.state.issues).toHaveLength(0);
  });

  it('names the issues opened before a failure', async () => {
    const server = await start();
    const root = repoWith(MIXED.slice(0, 2));
    server.seedLabel('isms-review');
    server.seedLabel('overdue');
    const octokit = client(server);
    // Fail only the second create: the first goes through, then every retry of the second fails.
    let posts = 0;
    octokit.hook.before('request', (options) => {
      if (options.method === 'POST' && String(options.url).endsWith('/issues') && ++posts === 2) {
        server.failNext({ method: 'POST', pathIncludes: '/issues', status: 502, times: 4 });
      }
    });
    const error = (await remind(server, root, { octokit }).catch((caught: unknown) => caught)) as ReminderError;
    expect(error).toBeInstanceOf(ReminderError);
    const [first] = server.state.issues;
    // A create is never retried blindly: looked for after each 502, sent twice at most.
    expect(error.message).toBe(
      `Review reminders stopped at POL-DUE-001: Could not open the reminder issue for POL-DUE-001: 502 Bad Gateway, 2 times (it is not there when looked for); done before that: #${first!.number}`,
    );
    expect(server.state.issues).toHaveLength(1);
    expect(error.outcome.digestMarkdown).toContain('Stopped at POL-DUE-001');
    expect(error.outcome.created).toBe(1);
  });

  it('creates the issue without an assignee GitHub refuses, and says so in the issue and the digest', async () => {
    const server = await start();
    const root = repoWith([{ ...MIXED[1]!, owners: ['@bob', '@ghost-carol'] }]);
    const run = await remind(server, root);
    const [issue] = openOurs(server, 'POL-DUE-001');
    expect(issue!.assignees.map((user) => user.login)).toEqual(['bob']);
    expect(issue!.body).toContain('GitHub did not accept these owners as assignees: `@ghost-carol`');
    expect(run.digestMarkdown).toMatch(/GitHub refused to assign @\u200dghost-carol/);
    expect(run.applied[0]!.refused).toEqual(['ghost-carol']);

    server.reset();
    await remind(server, root);
    expect(server.writes()).toEqual([]);
  });
});

describe('dry run', () => {
  it('reads, prints the plan and writes nothing', async () => {
    const server = await start();
    const root = repoWith(MIXED);
    const run = await remind(server, root, { dryRun: true });
    expect(server.writes()).toEqual([]);
    expect(server.state.issues).toEqual([]);
    expect(run.planText).toMatch(/POLICY\s+DUE\s+STATE\s+ISSUE\s+OPERATION/);
    expect(run.planText).toMatch(/POL-OVR-001\s+2026-10-01\s+overdue\s+new\s+open a new issue/);
    expect(run.planText).toContain('Would create the label overdue.');
    expect(run.digestMarkdown).toContain('dry run, nothing written: would open 2');
  });
});

describe('hostile policy text', () => {
  it('escapes HTML, mentions and links in titles and bodies', async () => {
    const server = await start();
    const root = repoWith([{ ...MIXED[0]!, title: '<img src=x onerror=alert(1)> @everyone see #1 [x](javascript:alert(1))' }]);
    await remind(server, root);
    const [issue] = openOurs(server, 'POL-OVR-001');
    expect(issue!.body).not.toContain('<img');
    expect(issue!.body).not.toMatch(/@everyone/);
    expect(issue!.body).not.toContain('[x](javascript');
    expect(issue!.title).not.toMatch(/@everyone/);
    expect(issue!.title).toContain('<img'); // titles are plain text on GitHub: kept readable, never rendered
  });
});

describe('scale', () => {
  /** Due policies POL-N-001.. (most overdue first), in a repository with `foreign` other labelled issues. */
  async function busyRepository(count: number, foreign: number) {
    // One second per write, as on GitHub (whose content limits allow far fewer): issues created in
    // the same second are read through on purpose (their order is not documented), and the fake
    // would otherwise stamp hundreds of issues with one second.
    let clock = Date.parse('2026-11-24T08:00:00Z');
    const server = await start({ now: () => new Date((clock += 1000)) });
    for (let index = 0; index < foreign; index++) server.seedIssue({ title: `Other ${index}`, labels: ['isms-review'], author: 'someone' });
    const specs = Array.from({ length: count }, (_, index) => ({
      id: `POL-N-${String(index + 1).padStart(3, '0')}`,
      last_reviewed: `2025-10-${String(index + 1).padStart(2, '0')}`,
    }));
    return { server, root: repoWith(specs) };
  }

  it('N new issues cost N + 1 reads of the newest issues after the planning listing, not N re-listings of every labelled issue', async () => {
    const { server, root } = await busyRepository(30, 250);
    const run = await remind(server, root);
    expect(run.created).toBe(30);
    const pages = listingPages(server);
    const planning = pages.filter((request) => !request.path.includes('sort=created'));
    const newest = pages.filter((request) => request.path.includes('sort=created&direction=desc'));
    // The planning listing reads all 251 labelled issues once (3 pages); each create reads one page of the newest.
    expect(planning).toHaveLength(3);
    expect(newest).toHaveLength(30 + 1);
    expect(pages.length).toBeLessThanOrEqual(planning.length + 30 + 1);
    // Before, every create listed the 3 pages again: 3 + 30 * 3 + 3 = 96 listing reads.
    // Besides: 30 creates, the login (GraphQL viewer), the overdue label looked up and created.
    const other = server.requests.filter((request) => !pages.includes(request)).map((request) => `${request.method} ${request.path.split('?')[0]}`);
    expect(other.filter((line) => line !== 'POST /repos/octo-org/isms/issues')).toEqual(['GET /repos/octo-org/isms/labels/overdue', 'POST /repos/octo-org/isms/labels', 'POST /graphql']);
    expect(run.requests).toBe(34 + 30 + 3);
    for (let index = 1; index <= 30; index++) expect(openOurs(server, `POL-N-${String(index).padStart(3, '0')}`)).toHaveLength(1);
  });

  it('an issue a run at the same time opened behind more than 100 newer issues is still found: not opened twice', async () => {
    const { server, root } = await busyRepository(5, 120);
    const octokit = client(server);
    const { policies } = await check({ root, today: TODAY });
    const plan = planReminders({
      policies,
      today: TODAY,
      withinDays: 30,
      existingIssues: [],
      label: 'isms-review',
      identity: server.identity,
      links: { serverUrl: 'https://github.com', owner: 'octo-org', repo: 'isms', branch: 'main' },
    });
    const last = plan.entries[plan.entries.length - 1]!;
    if (last.operation.kind !== 'create') throw new Error('expected a create');
    const concurrent = last.operation;
    let seeded = false;
    // Right after our first issue, another run opens the last policy's issue, then 150 other labelled issues appear.
    octokit.hook.after('request', (_response, options) => {
      if (seeded || options.method !== 'POST' || !String(options.url).endsWith('/issues')) return;
      seeded = true;
      server.seedIssue({ title: concurrent.title, body: concurrent.body, labels: concurrent.labels, assignees: concurrent.assignees });
      for (let index = 0; index < 150; index++) server.seedIssue({ title: `Newer ${index}`, labels: ['isms-review'], author: 'someone' });
    });
    const run = await remind(server, root, { octokit });
    expect(seeded).toBe(true);
    expect(run.created).toBe(4);
    expect(ours(server, last.policyId)).toHaveLength(1);
    expect(openOurs(server, last.policyId)).toHaveLength(1);
    // The read after the burst walks back to the issues it knew: two pages, once.
    expect(listingPages(server).filter((request) => /sort=created&direction=desc.*page=2/.test(request.path))).toHaveLength(1);
  });

  it('an idle run for 200 due policies is the listing pages and nothing else', async () => {
    const server = await start();
    const specs = Array.from({ length: 200 }, (_, index) => ({
      id: `POL-S-${String(index + 1).padStart(3, '0')}`,
      owners: [`@owner${index % 7}`],
      last_reviewed: index % 2 === 0 ? '2025-10-01' : '2025-12-10',
    }));
    const root = repoWith(specs);
    // The first run's 200 creates, seeded from its plan (through the client they take seconds).
    const { policies } = await check({ root, today: TODAY });
    const plan = planReminders({
      policies,
      today: TODAY,
      withinDays: 30,
      existingIssues: [],
      label: 'isms-review',
      identity: server.identity,
      links: { serverUrl: 'https://github.com', owner: 'octo-org', repo: 'isms', branch: 'main' },
    });
    for (const { operation } of plan.entries) {
      if (operation.kind !== 'create') throw new Error(`expected only creates, got ${operation.kind}`);
      server.seedIssue({ title: operation.title, body: operation.body, labels: operation.labels, assignees: operation.assignees });
    }
    expect(server.state.issues).toHaveLength(200);

    const idle = await remind(server, root);
    expect(server.writes()).toEqual([]);
    expect(listingPages(server)).toHaveLength(2);
    expect(idle.requests).toBe(3); // two pages (the first names the last) and the login
    expect(server.requests).toHaveLength(3);
    expect(idle).toMatchObject({ due: 100, overdue: 100, created: 0, updated: 0, closed: 0 });
  });
});
