/**
 * A pull-request run checks the PR head's files, whatever `actions/checkout` put in the
 * workspace: the merge commit (`pull_request`), with or without its parents, or the base branch
 * (`pull_request_target`). Real git repositories: an "origin" holding the base, the head on a
 * branch, the base branch moved on, and the merge commit GitHub makes (refs/pull/N/merge, first
 * parent the base tip, second the head); workspaces are fetched from it as actions/checkout does.
 * The bundled action runs against the loopback fake GitHub, which serves the origin's trees and
 * contents.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from './support/fake-github.js';
import { makeGitRepo, pullRequestPayload, runAction, tempDir, type ActionRun, type GitRepo } from './support/action-runner.js';

const TOKEN = 'ghs_fakeActionsToken0123456789abcdefABCD';
const PR = 7;
const FILE = 'policies/remote-work.md';
const LEGACY_LINE = '    - A.11.2.6';

const policy = (lines: { comments?: string[]; controls: string[] }) =>
  [
    '---',
    'id: POL-RW-001',
    'title: Remote work',
    ...(lines.comments ?? []),
    'owners: ["@erin"]',
    'approver: "@ciso"',
    'status: approved',
    'last_reviewed: 2026-09-01',
    'iso27001:',
    '  controls:',
    ...lines.controls.map((control) => `    - ${control}`),
    '---',
    '# Remote work',
    '',
    'Staff working away from the office use managed devices.',
    '',
  ].join('\n');

const ACCESS = [
  '---',
  'id: POL-AC-001',
  'title: Access control',
  'owners: ["@alice"]',
  'approver: "@ciso"',
  'status: approved',
  'last_reviewed: 2026-10-01',
  'iso27001:',
  '  controls: [A.5.15]',
  '---',
  '# Access control',
  '',
].join('\n');

function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: root, GIT_CONFIG_NOSYSTEM: '1' },
  });
}

/** A workspace as actions/checkout makes it: an empty repository, one fetch of `ref` at `depth`, detached HEAD. */
function checkout(origin: GitRepo, ref: string, depth: number): string {
  const dir = tempDir('isms-checkout-');
  git(dir, 'init', '-q');
  git(dir, 'fetch', '-q', '--no-tags', `--depth=${depth}`, `file://${origin.root}`, `+${ref}:refs/remotes/origin/checkout`);
  git(dir, 'checkout', '-q', '--detach', 'refs/remotes/origin/checkout');
  return dir;
}

interface Origin {
  repo: GitRepo;
  /** The PR's base when it was opened, the head, the base branch moved on, and GitHub's merge commit. */
  fork: string;
  head: string;
  baseTip: string;
  merge: string;
}

/**
 * The base branch adds three lines to the remote-work policy above where the PR adds a 2013
 * control: in the merge commit the finding sits three lines lower than in the head.
 */
function makeOrigin(extraHead: Record<string, string> = {}): Origin {
  const repo = makeGitRepo({ '.isms.yml': 'rules:\n  clause-uncovered: off\n', [FILE]: policy({ controls: ['A.6.7'] }), 'policies/access-control.md': ACCESS });
  const fork = repo.shas[0]!;
  repo.git('checkout', '-q', '-b', 'feature');
  const head = repo.commit({ [FILE]: policy({ controls: ['A.6.7', 'A.11.2.6'] }), ...extraHead }, 'PR: a 2013 control');
  repo.git('checkout', '-q', 'main');
  const baseTip = repo.commit({ [FILE]: policy({ comments: ['# Reviewed with legal', '# and works council', '# in 2026'], controls: ['A.6.7'] }) }, 'base moves on');
  repo.git('checkout', '-q', '--detach', baseTip);
  repo.git('merge', '-q', '--no-ff', '--no-edit', 'feature');
  const merge = repo.git('rev-parse', 'HEAD').trim();
  repo.git('checkout', '-q', 'main');
  repo.git('update-ref', `refs/pull/${PR}/merge`, merge);
  repo.git('update-ref', `refs/pull/${PR}/head`, head);
  return { repo, fork, head, baseTip, merge };
}

const annotations = (run: ActionRun) => run.stdout.split('\n').filter((line) => /^::(error|warning)[ :]/.test(line));
const headLine = (origin: Origin, file: string, line: number) => origin.repo.git('show', `${origin.head}:${file}`).split('\n')[line - 1];
const contentsRequests = (fake: FakeGitHub) => fake.requests.filter((request) => request.path.includes('/contents/')).map((request) => request.path);

/** Every exchange matches GitHub's REST description (tree listings and contents included). */
function expectConformance(fake: FakeGitHub): void {
  expect(fake.violations).toEqual([]);
}

describe('pull_request: the checkout is the merge commit', () => {
  let origin: Origin;
  let fake: FakeGitHub;
  beforeAll(async () => {
    origin = makeOrigin();
    // The files listing is the diff from where the PR branched to its head, as GitHub shows it.
    fake = await startFakeGitHub({
      pulls: [{ number: PR, headSha: origin.head, baseSha: origin.baseTip, files: origin.repo.pullFiles(origin.fork, origin.head) }],
      gitContents: origin.repo.root,
    });
  });
  afterAll(async () => {
    await fake.close();
    expectConformance(fake);
  });

  const run = (workspace: string) =>
    runAction({
      workspace,
      eventName: 'pull_request',
      payload: pullRequestPayload({ number: PR, headSha: origin.head, baseSha: origin.baseTip }),
      inputs: { token: TOKEN },
      apiUrl: fake.url,
      sha: origin.merge,
    });

  it('with fetch-depth 2: comments, annotates and links the head line of the finding, read from git objects', async () => {
    const workspace = checkout(origin.repo, `refs/pull/${PR}/merge`, 2);
    // The premise: in the checkout the finding is three lines lower than in the head.
    expect(readFileSync(path.join(workspace, FILE), 'utf8').split('\n')[13]).toBe(LEGACY_LINE);
    expect(headLine(origin, FILE, 11)).toBe(LEGACY_LINE);

    fake.reset();
    const result = await run(workspace);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(annotations(result)).toContain(
      `::error title=control-legacy,file=${FILE},line=11,col=7::Unexpected \`A.11.2.6\` (ISO 27001:2013), expected \`A.7.9\`: replace it or run \`isms migrate\``,
    );
    expect(result.stdout).toContain(`Checked the pull request head ${origin.head.slice(0, 12)} from git objects`);
    const legacy = fake.state.reviewComments.filter((comment) => comment.body.includes('control-legacy'));
    expect(legacy.map((comment) => [comment.path, comment.line])).toEqual([[FILE, 11]]);
    expect(headLine(origin, FILE, legacy[0]!.line ?? 0)).toBe(LEGACY_LINE);
    const blob = `https://github.com/octo-org/isms/blob/${origin.head}/${FILE}`;
    expect(fake.state.comments[0]!.body).toContain(`${blob}#L11)`);
    expect(result.summary).toContain(`${blob}#L11)`);
    expect(result.summary).not.toContain(`${blob}#L14)`);
    // Nothing was read through the API: the head was in the checkout.
    expect(contentsRequests(fake)).toEqual([]);
    // The coverage delta compares the base tip with the head.
    expect(fake.state.comments[0]!.body).toContain(`base commit \`${origin.baseTip.slice(0, 7)}\``);
  });

  it('with fetch-depth 1: reads the head through the API, fetching only the files the checkout does not hold', async () => {
    const workspace = checkout(origin.repo, `refs/pull/${PR}/merge`, 1);
    fake.state.reviewComments.length = 0;
    fake.state.reviews.length = 0;
    fake.reset();
    const result = await run(workspace);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(annotations(result).filter((line) => line.includes('control-legacy'))).toEqual([expect.stringContaining(`file=${FILE},line=11,col=7::`)]);
    expect(result.stdout).toContain(`Checked the pull request head ${origin.head.slice(0, 12)} read through the GitHub API`);
    const legacy = fake.state.reviewComments.filter((comment) => comment.body.includes('control-legacy'));
    expect(legacy.map((comment) => comment.line)).toEqual([11]);
    // One tree listing, then only the policy both branches changed: .isms.yml and the access
    // control policy are the same blobs in the merge commit.
    const reads = fake.requests.filter((request) => /\/git\/trees\/|\/contents\//.test(request.path)).map((request) => request.path);
    expect(reads).toEqual([
      `/repos/octo-org/isms/git/trees/${origin.head}?recursive=1`,
      `/repos/octo-org/isms/contents/${encodeURIComponent(FILE)}?ref=${origin.head}`,
    ]);
  });

  it('when the head cannot be read at all: the merge commit is checked, said so, and no line comment is posted', async () => {
    const workspace = checkout(origin.repo, `refs/pull/${PR}/merge`, 1);
    fake.state.reviewComments.length = 0;
    fake.state.reviews.length = 0;
    fake.reset();
    fake.failNext({ method: 'GET', pathIncludes: '/git/trees/', status: 404 });
    const result = await run(workspace);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/::warning::The pull request head [0-9a-f]{12} could not be read \(not in the checkout; from the GitHub API: 404 Not Found\): the findings are from the merge commit/);
    expect(fake.state.reviewComments).toEqual([]);
    expect(fake.state.comments.at(-1)!.body).toContain('could not be read');
  });
});

describe('pull_request_target: the checkout is the base branch', () => {
  let origin: Origin;
  let fake: FakeGitHub;
  let workspace: string;
  beforeAll(async () => {
    origin = makeOrigin();
    workspace = checkout(origin.repo, 'refs/heads/main', 1);
    fake = await startFakeGitHub({
      pulls: [{ number: PR, headSha: origin.head, baseSha: origin.fork, files: origin.repo.pullFiles(origin.fork, origin.head) }],
      gitContents: origin.repo.root,
    });
  });
  afterAll(async () => {
    await fake.close();
    expectConformance(fake);
  });

  const run = (inputs: Record<string, string> = { token: TOKEN }) =>
    runAction({
      workspace,
      eventName: 'pull_request_target',
      payload: pullRequestPayload({ number: PR, headSha: origin.head, baseSha: origin.fork }),
      inputs,
      apiUrl: fake.url,
      sha: origin.baseTip,
    });

  it('reports the 2013 control the PR adds, on the head line, read through the API', async () => {
    // The premise: the checked-out base branch has no finding at all.
    expect(readFileSync(path.join(workspace, FILE), 'utf8')).not.toContain('A.11.2.6');
    const result = await run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(result.outputs.errors).toBe('1');
    expect(annotations(result)).toContain(
      `::error title=control-legacy,file=${FILE},line=11,col=7::Unexpected \`A.11.2.6\` (ISO 27001:2013), expected \`A.7.9\`: replace it or run \`isms migrate\``,
    );
    const legacy = fake.state.reviewComments.filter((comment) => comment.body.includes('control-legacy'));
    expect(legacy.map((comment) => [comment.path, comment.line])).toEqual([[FILE, 11]]);
    expect(fake.state.comments[0]!.body).toContain(`blob/${origin.head}/${FILE}#L11)`);
    expect(contentsRequests(fake)).toEqual([`/repos/octo-org/isms/contents/${encodeURIComponent(FILE)}?ref=${origin.head}`]);
  });

  it('without a way to read the head: fails with how to check out the head safely, and reports nothing about the base', async () => {
    const result = await run({ token: '' });
    expect(result.status).toBe(1);
    const failure = result.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(failure).toHaveLength(1);
    expect(failure[0]).toContain(`the checkout is ${origin.baseTip.slice(0, 12)}, not the pull request head ${origin.head.slice(0, 12)}`);
    expect(failure[0]).toContain('ref: ${{ github.event.pull_request.head.sha }}');
    expect(failure[0]).toContain('persist-credentials: false');
    expect(result.outputs.errors).toBeUndefined();
  });
});

describe('the head read from git objects or the API refuses links and large files before reading them', () => {
  it('a policy that is a symbolic link is reported, never fetched or followed', async () => {
    const origin = makeOrigin();
    // Add a symlinked policy to the head branch (pointing out of the repository).
    origin.repo.git('checkout', '-q', 'feature');
    execFileSync('ln', ['-s', '/etc/hostname', path.join(origin.repo.root, 'policies/linked.md')]);
    const head = origin.repo.commit({}, 'PR: a linked policy');
    origin.repo.git('checkout', '-q', 'main');
    const workspace = checkout(origin.repo, 'refs/heads/main', 1);
    const fake = await startFakeGitHub({
      pulls: [{ number: PR, headSha: head, baseSha: origin.fork, files: origin.repo.pullFiles(origin.fork, head) }],
      gitContents: origin.repo.root,
    });
    try {
      const result = await runAction({
        workspace,
        eventName: 'pull_request_target',
        payload: pullRequestPayload({ number: PR, headSha: head, baseSha: origin.fork }),
        inputs: { token: TOKEN },
        apiUrl: fake.url,
        sha: origin.baseTip,
      });
      expect(result.stderr).toBe('');
      const linked = annotations(result).filter((line) => line.includes('file=policies/linked.md'));
      expect(linked).toEqual([expect.stringMatching(/^::error title=link-broken,file=policies\/linked\.md,line=1,col=1::Symbolic link in commit [0-9a-f]{12}, which is read from the GitHub API/)]);
      expect(contentsRequests(fake).some((request) => request.includes('linked.md'))).toBe(false);
      expect(result.stdout + result.summary).not.toContain(readFileSync('/etc/hostname', 'utf8').trim() || 'no-hostname');
    } finally {
      await fake.close();
    }
    expectConformance(fake);
  });
});

describe('the head read through the API, in more shapes', () => {
  /** A pull_request_target run on the base branch of `origin`, whose head is `head`. */
  async function targetRun(origin: Origin, head: string) {
    const workspace = checkout(origin.repo, 'refs/heads/main', 1);
    const fake = await startFakeGitHub({
      pulls: [{ number: PR, headSha: head, baseSha: origin.fork, files: origin.repo.pullFiles(origin.fork, head) }],
      gitContents: origin.repo.root,
    });
    try {
      const result = await runAction({
        workspace,
        eventName: 'pull_request_target',
        payload: pullRequestPayload({ number: PR, headSha: head, baseSha: origin.fork }),
        inputs: { token: TOKEN },
        apiUrl: fake.url,
        sha: origin.baseTip,
      });
      expectConformance(fake);
      return { result, contents: contentsRequests(fake) };
    } finally {
      await fake.close();
    }
  }

  /** Commits `changes` on the PR branch of `origin`; returns the new head. */
  function extendHead(origin: Origin, changes: Record<string, string>): string {
    origin.repo.git('checkout', '-q', 'feature');
    const head = origin.repo.commit(changes, 'PR: more');
    origin.repo.git('checkout', '-q', 'main');
    return head;
  }

  it('a policy over 1 MiB is reported as too large and never fetched', async () => {
    const origin = makeOrigin();
    // A NUL byte makes git (and GitHub) list it without a patch, as GitHub does for huge files.
    const head = extendHead(origin, { 'policies/huge.md': `---\nid: POL-HU-001\n---\n\0${'x'.repeat(2 * 1024 * 1024)}\n` });
    const { result, contents } = await targetRun(origin, head);
    expect(result.stderr).toBe('');
    expect(annotations(result).filter((line) => line.includes('file=policies/huge.md'))).toEqual([
      expect.stringMatching(/^::error title=file-too-large,file=policies\/huge\.md,line=1,col=1::File is 2\.0 MiB, over the 1 MiB limit/),
    ]);
    expect(contents.some((request) => request.includes('huge.md'))).toBe(false);
  });

  it("uses the head's own .isms.yml: a section the PR makes required is checked on the head's files", async () => {
    const origin = makeOrigin();
    const head = extendHead(origin, { '.isms.yml': 'required_sections: ["Scope"]\nrules:\n  clause-uncovered: off\n' });
    const { result, contents } = await targetRun(origin, head);
    expect(result.stderr).toBe('');
    const missing = annotations(result).filter((line) => line.startsWith('::warning title=section-missing'));
    expect(missing.map((line) => /file=([^,]+)/.exec(line)?.[1]).sort()).toEqual(['policies/access-control.md', FILE]);
    expect(contents).toContain(`/repos/octo-org/isms/contents/.isms.yml?ref=${head}`);
  });

  it("a head .isms.yml whose globs leave the repository reads nothing outside it", async () => {
    const origin = makeOrigin();
    // From the temporary folder the head is checked in, `../../*.md` reaches the runner's own files.
    const head = extendHead(origin, { '.isms.yml': 'policies: ["policies/*.md", "../../*.md", "/etc/*.conf"]\nrules:\n  clause-uncovered: off\n' });
    const { result } = await targetRun(origin, head);
    const files = annotations(result).map((line) => /file=([^,]+)/.exec(line)?.[1]).filter(Boolean);
    expect(files.filter((file) => file!.startsWith('..') || file!.startsWith('/'))).toEqual([]);
    expect(result.stdout + result.summary).not.toContain('step_summary');
    expect(result.stdout + result.summary).not.toMatch(/\/etc\/\w+\.conf/);
  });

  it('the API reads follow the PR, not the repository: 200 policies, 3 changed, 3 files fetched', async () => {
    const many: Record<string, string> = { '.isms.yml': 'rules:\n  clause-uncovered: off\n' };
    for (let index = 1; index <= 200; index++) many[`policies/p${String(index).padStart(3, '0')}.md`] = ACCESS.replace('POL-AC-001', `POL-GEN-${String(index).padStart(3, '0')}`);
    const repo = makeGitRepo(many);
    const fork = repo.shas[0]!;
    repo.git('checkout', '-q', '-b', 'feature');
    const head = repo.commit({
      'policies/p010.md': many['policies/p010.md']!.replace('A.5.15', 'A.9.1.1'),
      'policies/p020.md': many['policies/p020.md']!.replace('A.5.15', 'A.8.25'),
      'policies/p201.md': many['policies/p001.md']!.replace('POL-GEN-001', 'POL-GEN-201'),
    });
    repo.git('checkout', '-q', 'main');
    const origin: Origin = { repo, fork, head, baseTip: fork, merge: head };
    const { result, contents } = await targetRun(origin, head);
    expect(result.outputs.policies).toBe('201');
    expect(contents.map((request) => decodeURIComponent(request.split('/contents/')[1]!.split('?')[0]!)).sort()).toEqual([
      'policies/p010.md',
      'policies/p020.md',
      'policies/p201.md',
    ]);
  });
});
