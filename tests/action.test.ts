/**
 * The bundled action (dist/index.js) on a pull request, run as the runner runs it, against
 * the loopback fake GitHub and a real git repository with a base and a head commit.
 *
 * The PR adds a remote-work policy (a 2013 control id, a hostile title and owner), a policy
 * whose owner is unquoted YAML, and swaps a control in the cryptography policy. Assertions are
 * on what a reviewer would see: the annotations in the log, the one summary comment, the line
 * comments (on diff lines only, never twice), the coverage delta, and the exit status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from './support/fake-github.js';
import { makeGitRepo, pullRequestPayload, runAction, type ActionRun, type GitRepo } from './support/action-runner.js';
import { commentableLines } from '../src/github/diff.js';
import { SUMMARY_MARKER } from '../src/github/sticky-comment.js';

const TOKEN = 'ghs_fakeActionsToken0123456789abcdefABCD';
const PR = 7;

const CONFIG = 'rules:\n  clause-uncovered: off\n';

const BASE = {
  '.isms.yml': CONFIG,
  'policies/access-control.md': [
    '---',
    'id: POL-AC-001',
    'title: Access control',
    'owners: ["@alice"]',
    'approver: "@ciso"',
    'status: approved',
    'last_reviewed: 2025-12-10',
    'iso27001:',
    '  clauses: ["9.2"]',
    '  controls: [A.5.15, A.8.2]',
    '---',
    '# Access control',
    '',
  ].join('\n'),
  'policies/crypto.md': [
    '---',
    'id: POL-CR-001',
    'title: Cryptography',
    'owners: ["@carol"]',
    'status: approved',
    'version: 2',
    'last_reviewed: 2026-06-01',
    'review_every: 12 months',
    'iso27001:',
    '  clauses: ["6.1.2"]',
    '  controls:',
    '    - A.8.24',
    '---',
    '# Cryptography',
    '',
  ].join('\n'),
};

const REMOTE_WORK = (control: string, owner: string) =>
  [
    '---',
    'id: POL-RW-001',
    'title: "Remote work <img src=x onerror=alert(1)> @everyone"',
    `owners: ["${owner}"]`,
    'approver: "@ciso"',
    'status: approved',
    'last_reviewed: 2026-09-01',
    'iso27001:',
    '  controls:',
    '    - A.6.7',
    `    - ${control}`,
    '---',
    '# Remote work',
    '',
  ].join('\n');

const SUPPLIER = (owner: string) =>
  ['---', 'id: POL-SU-001', 'title: Supplier relationships', `owner: ${owner}`, 'status: draft', 'iso27001:', '  controls: [A.5.19]', '---', ''].join('\n');

const HEAD = {
  'policies/remote-work.md': REMOTE_WORK('A.11.2.6', '<img src=x onerror=alert(1)> @everyone'),
  'policies/supplier.md': SUPPLIER('@frank'),
  'policies/crypto.md': BASE['policies/crypto.md'].replace('    - A.8.24', '    - A.8.25'),
};

const FIX = {
  'policies/remote-work.md': REMOTE_WORK('A.7.9', '@erin'),
  'policies/supplier.md': SUPPLIER('"@frank"'),
};

function annotations(run: ActionRun): string[] {
  return run.stdout.split('\n').filter((line) => /^::(error|warning)[ :]/.test(line));
}

describe('the action on a pull request', () => {
  let repo: GitRepo;
  let fake: FakeGitHub;
  let baseSha: string;
  let headSha: string;

  const run = (extra: { inputs?: Record<string, string>; env?: Record<string, string> } = {}) =>
    runAction({
      workspace: repo.root,
      eventName: 'pull_request',
      payload: pullRequestPayload({ number: PR, headSha, baseSha }),
      inputs: { token: TOKEN, ...extra.inputs },
      env: extra.env,
      apiUrl: fake.url,
      sha: headSha,
    });

  beforeAll(async () => {
    repo = makeGitRepo(BASE);
    baseSha = repo.shas[0]!;
    headSha = repo.commit(HEAD, 'add remote work and supplier policies');
    fake = await startFakeGitHub({ pulls: [{ number: PR, headSha, baseSha, files: repo.pullFiles(baseSha, headSha) }] });
  });
  afterAll(() => fake.close());

  let first: ActionRun;

  it('annotates every finding with file, line, column and rule, and fails on errors', async () => {
    first = await run();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(1);
    const lines = annotations(first);
    expect(lines).toContain(
      '::error title=control-legacy,file=policies/remote-work.md,line=11,col=7::Unexpected `A.11.2.6` (ISO 27001:2013), expected `A.7.9`: replace it or run `isms migrate`',
    );
    expect(lines.some((line) => line.startsWith('::error title=front-matter-invalid,file=policies/supplier.md,line=4,'))).toBe(true);
    expect(lines.some((line) => line.startsWith('::warning title=approval-missing,file=policies/crypto.md,line=5,'))).toBe(true);
    // Findings on files the PR changed come first; the unchanged access-control policy's comes last.
    const files = lines.filter((line) => line.includes('file=')).map((line) => /file=([^,]+)/.exec(line)?.[1]);
    expect(files.at(-1)).toBe('policies/access-control.md');
    // The failure is one line.
    expect(first.stdout).toMatch(/^::error::\d+ errors? and \d+ warnings? in the ISMS \(fail-on: error\)/m);
    expect(first.outputs).toMatchObject({ errors: '3', warnings: '2', policies: '3', due: '1', overdue: '0' });
    expect(first.outputs.report).toMatch(/isms-report\.json$/);
    // The token never reaches the log or the summary.
    expect(first.stdout + first.stderr + first.summary).not.toContain(TOKEN);
  });

  it('posts one summary comment with links, the PR\'s policies, reviews due and the coverage delta', () => {
    const comments = fake.state.comments;
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body.startsWith(SUMMARY_MARKER)).toBe(true);
    expect(body).toContain(`](https://github.com/octo-org/isms/blob/${headSha}/policies/remote-work.md#L11)`);
    expect(body).toContain('🆕 added');
    expect(body).toContain('✏️ changed');
    // Coverage delta against the base: A.6.7 and A.8.25 gained, A.8.24 lost.
    expect(body).toMatch(/Controls now covered \(2\)\*\*: `A\.6\.7` [^;]+; `A\.8\.25`/);
    expect(body).toMatch(/Controls no longer covered \(1\)\*\*: `A\.8\.24`/);
    expect(body).toContain(`base commit \`${baseSha.slice(0, 7)}\``);
    // Reviews due: the unchanged access-control policy, outside the PR's files.
    expect(body).toMatch(/### Reviews due[\s\S]*POL-AC-001[\s\S]*due in 16 days/);
    expect(body).toMatch(/### Findings elsewhere in the ISMS \(1\)/);
  });

  it('keeps hostile policy text inert in the comment', () => {
    const body = fake.state.comments[0]!.body;
    // Outside code spans (whose text is shown literally, never as HTML or a mention).
    const prose = body.replace(/(`+)[^`][\s\S]*?\1/g, '');
    expect(prose).not.toContain('<img');
    expect(prose).not.toMatch(/@everyone/);
    expect(body).toContain('`<img src=x onerror=alert(1)> @everyone`');
    expect(body).toContain('&lt;img src=x onerror=alert\\(1\\)&gt; @\u200deveryone');
  });

  it('puts review comments only on diff lines, one review per run', () => {
    expect(fake.state.reviews).toHaveLength(1);
    expect(fake.state.reviews[0]!.state).toBe('COMMENTED');
    const comments = fake.state.reviewComments;
    expect(comments.length).toBeGreaterThan(0);
    const patches = new Map(repo.pullFiles(baseSha, headSha).map((file) => [file.filename, commentableLines(file.patch)]));
    for (const comment of comments) {
      expect(comment.line, 'no comment is outdated on the head it was posted to').not.toBeNull();
      expect(patches.get(comment.path)?.has(comment.line ?? -1)).toBe(true);
    }
    const where = comments.map((comment) => `${comment.path}:${comment.line}`).sort();
    // The crypto approval-missing finding (line 5) is outside the diff: summary comment only.
    expect(where).toEqual(['policies/remote-work.md:11', 'policies/remote-work.md:4', 'policies/supplier.md:4']);
    expect(comments.find((comment) => comment.line === 11)?.body).toContain('<!-- isms-as-code:finding control-legacy -->');
    expect(fake.state.comments[0]!.body).toMatch(/policies\/crypto\.md:5\]\([^)]+\) \| Missing `approver`/);
  });

  it('writes nothing on a second run with nothing new', async () => {
    fake.reset();
    const second = await run();
    expect(second.status).toBe(1);
    expect(fake.writes()).toEqual([]);
    expect(fake.state.comments).toHaveLength(1);
    expect(fake.state.reviews).toHaveLength(1);
    expect(fake.state.reviewComments).toHaveLength(3);
    expect(second.stdout).toContain('is up to date');
  });

  it('updates the same comment after a fix, and exits 0 when only warnings are left', async () => {
    const before = fake.state.comments[0]!.body;
    const fixSha = repo.commit(FIX, 'fix findings');
    headSha = fixSha;
    const pull = fake.state.pulls[0]!;
    pull.head.sha = fixSha;
    fake.state.pullFiles.set(PR, repo.pullFiles(baseSha, fixSha));
    fake.reset();
    const third = await run();
    expect(third.status).toBe(0);
    expect(third.outputs.errors).toBe('0');
    expect(fake.state.comments).toHaveLength(1);
    const after = fake.state.comments[0]!.body;
    expect(after).not.toBe(before);
    expect(after).not.toContain('control-legacy');
    expect(after).toMatch(/Controls now covered \(3\)\*\*: `A\.6\.7` [^;]+; `A\.7\.9` [^;]+; `A\.8\.25`/);
    // The supplier policy is a draft: the control it maps is "only by drafts", never covered.
    expect(after).toMatch(/`A\.5\.19` uncovered → only by drafts/);
    expect(fake.writes().map((request) => `${request.method} ${request.path.replace(/\d{6,}/, 'ID')}`)).toEqual([
      'PATCH /repos/octo-org/isms/issues/comments/ID',
    ]);
    // No new line comment: the findings that are left are outside the diff.
    expect(fake.state.reviews).toHaveLength(1);
  });

  it('writes a job summary and the JSON report even when the comment is unchanged', async () => {
    const fourth = await run();
    expect(fourth.summary).toContain('## ISMS check');
    expect(fourth.summary).toContain('### Coverage change');
    expect(fourth.summary).toMatch(/\[policies\/crypto\.md:5\]\(https:\/\/github\.com\/octo-org\/isms\/blob\/[0-9a-f]{40}\/policies\/crypto\.md#L5\)/);
    expect(fake.state.comments).toHaveLength(1);
  });
});

describe('the action with a read-only token (a fork\'s pull request)', () => {
  let repo: GitRepo;
  let fake: FakeGitHub;
  let baseSha: string;
  let headSha: string;

  beforeAll(async () => {
    repo = makeGitRepo(BASE);
    baseSha = repo.shas[0]!;
    headSha = repo.commit(HEAD);
    fake = await startFakeGitHub({ readOnly: true, pulls: [{ number: PR, headSha, baseSha, files: repo.pullFiles(baseSha, headSha) }] });
  });
  afterAll(() => fake.close());

  const run = (inputs: Record<string, string>) =>
    runAction({
      workspace: repo.root,
      eventName: 'pull_request',
      payload: pullRequestPayload({ number: PR, headSha, baseSha, fork: true }),
      inputs: { token: TOKEN, ...inputs },
      apiUrl: fake.url,
      sha: headSha,
    });

  it('warns once, tries one write only, and keeps annotations, summary and outputs', async () => {
    const result = await run({ 'fail-on': 'error' });
    const warnings = result.stdout.split('\n').filter((line) => line.startsWith('::warning::'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('403 Resource not accessible by integration');
    expect(fake.writes()).toHaveLength(1);
    expect(fake.state.comments).toHaveLength(0);
    expect(annotations(result).some((line) => line.includes('title=control-legacy'))).toBe(true);
    expect(result.summary).toContain('Resource not accessible by integration');
    expect(result.outputs.errors).toBe('3');
    // The exit status follows the findings: errors fail...
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^::error::3 errors and 2 warnings in the ISMS/m);
  });

  it('...and with fail-on never the read-only token does not fail the run', async () => {
    const result = await run({ 'fail-on': 'never' });
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/^::error::/m);
  });
});

describe('the action against a flaky or crowded API', () => {
  it('retries a 502 and still ends with one comment', async () => {
    const repo = makeGitRepo(BASE);
    const baseSha = repo.shas[0]!;
    const headSha = repo.commit(HEAD);
    const fake = await startFakeGitHub({ pulls: [{ number: PR, headSha, baseSha, files: repo.pullFiles(baseSha, headSha) }] });
    try {
      fake.failNext({ method: 'GET', pathIncludes: '/pulls/7/files', status: 502 });
      fake.failNext({ method: 'POST', pathIncludes: '/issues/7/comments', status: 502 });
      const result = await runAction({
        workspace: repo.root,
        eventName: 'pull_request',
        payload: pullRequestPayload({ number: PR, headSha, baseSha }),
        inputs: { token: TOKEN },
        apiUrl: fake.url,
      });
      expect(result.status).toBe(1);
      expect(fake.requests.filter((request) => request.faulted)).toHaveLength(2);
      expect(fake.state.comments).toHaveLength(1);
      expect(fake.state.reviewComments).toHaveLength(3);
      // The listing's 502 is retried; the create's is not (GitHub may have made the comment):
      // the comments are listed again, then it is sent once more.
      expect(result.stdout).toMatch(/GitHub API: \d+ requests \(\d+ writes, 1 retries\)/);
      expect(result.stdout).toContain('looking whether GitHub made it anyway');
    } finally {
      await fake.close();
    }
  });

  it('ignores a marker comment planted by someone else and edits only its own', async () => {
    const repo = makeGitRepo(BASE);
    const baseSha = repo.shas[0]!;
    const headSha = repo.commit(HEAD);
    const fake = await startFakeGitHub({ pulls: [{ number: PR, headSha, baseSha, files: repo.pullFiles(baseSha, headSha) }] });
    try {
      const planted = fake.seedComment(PR, `${SUMMARY_MARKER}\nplanted`, 'mallory');
      // The identity is asked of GitHub (GraphQL viewer), once per run with marked comments.
      const pat = { workspace: repo.root, eventName: 'pull_request', payload: pullRequestPayload({ number: PR, headSha, baseSha }), inputs: { token: 'ghp_personalToken' }, apiUrl: fake.url };
      await runAction(pat);
      await runAction(pat);
      expect(planted.body).toBe(`${SUMMARY_MARKER}\nplanted`);
      const ours = fake.state.comments.filter((comment) => comment.user.login === 'github-actions[bot]');
      expect(ours).toHaveLength(1);
      expect(fake.requests.filter((request) => request.path === '/graphql')).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });

  it('reads but writes nothing on a dry run, and says what it would write', async () => {
    const repo = makeGitRepo(BASE);
    const baseSha = repo.shas[0]!;
    const headSha = repo.commit(HEAD);
    const fake = await startFakeGitHub({ pulls: [{ number: PR, headSha, baseSha, files: repo.pullFiles(baseSha, headSha) }] });
    try {
      const result = await runAction({
        workspace: repo.root,
        eventName: 'pull_request',
        payload: pullRequestPayload({ number: PR, headSha, baseSha }),
        inputs: { token: TOKEN, 'dry-run': 'true' },
        apiUrl: fake.url,
      });
      expect(fake.writes()).toEqual([]);
      expect(fake.requests.length).toBeGreaterThan(0);
      expect(result.stdout).toContain('dry run: would post a review with 3 line comments on octo-org/isms#7');
      expect(result.stdout).toContain('dry run: would post the summary comment on octo-org/isms#7');
      expect(result.status).toBe(1);
    } finally {
      await fake.close();
    }
  });

  it('says so in the comment when the base commit is not in the checkout', async () => {
    const repo = makeGitRepo(BASE);
    const headSha = repo.commit(HEAD);
    const missing = 'f'.repeat(40);
    const fake = await startFakeGitHub({ pulls: [{ number: PR, headSha, baseSha: missing, files: repo.pullFiles(repo.shas[0]!, headSha) }] });
    try {
      await runAction({
        workspace: repo.root,
        eventName: 'pull_request',
        payload: pullRequestPayload({ number: PR, headSha, baseSha: missing }),
        inputs: { token: TOKEN },
        apiUrl: fake.url,
      });
      const body = fake.state.comments[0]?.body ?? '';
      expect(body).toContain('Coverage change not shown: the base commit ffffffffffff is not in the checkout');
      expect(body).not.toContain('Controls now covered');
    } finally {
      await fake.close();
    }
  });
});
