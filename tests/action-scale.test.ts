/**
 * The API requests one pull-request run makes for a 200-policy repository, counted at the
 * loopback fake GitHub. The cost follows the PR (its files, its comments), not the size of
 * the repository: nothing is fetched per policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from './support/fake-github.js';
import { makeGitRepo, pullRequestPayload, runAction, type GitRepo } from './support/action-runner.js';

const TOKEN = 'ghs_fakeActionsToken0123456789abcdefABCD';
const CONTROLS = ['A.5.1', 'A.5.15', 'A.8.2', 'A.8.24', 'A.6.3', 'A.7.4', 'A.8.13'];

function policy(index: number, control: string): string {
  const id = `POL-GEN-${String(index).padStart(3, '0')}`;
  return [
    '---',
    `id: ${id}`,
    `title: Generated policy ${index}`,
    'owners: ["@alice"]',
    'approver: "@ciso"',
    'status: approved',
    'last_reviewed: 2026-06-01',
    'iso27001:',
    '  clauses: ["5.2"]',
    '  controls:',
    `    - ${control}`,
    '---',
    `# Policy ${index}`,
    '',
    '## Purpose',
    '',
    'Text.',
    '',
  ].join('\n');
}

function repository(count: number): Record<string, string> {
  const files: Record<string, string> = { '.isms.yml': 'rules:\n  clause-uncovered: off\n' };
  for (let index = 1; index <= count; index++) files[`policies/p${String(index).padStart(3, '0')}.md`] = policy(index, CONTROLS[index % CONTROLS.length]!);
  return files;
}

function tally(fake: FakeGitHub): { total: number; writes: number; lines: string[] } {
  const lines = fake.requests.map((request) => `${request.method} ${request.path.replace(/\/\d{6,}/g, '/ID')}`);
  return { total: fake.requests.length, writes: fake.writes().length, lines };
}

describe('API requests of one PR run in a 200-policy repository', () => {
  let repo: GitRepo;
  let fake: FakeGitHub;
  let baseSha: string;
  let headSha: string;
  const counts: Record<string, ReturnType<typeof tally>> = {};

  beforeAll(async () => {
    repo = makeGitRepo(repository(200));
    baseSha = repo.shas[0]!;
    // A typical PR: one new policy, two edited (one with a 2013 control id).
    headSha = repo.commit({
      'policies/p201.md': policy(201, 'A.5.7'),
      'policies/p010.md': policy(10, 'A.9.1.1'),
      'policies/p020.md': policy(20, 'A.8.25'),
    });
    fake = await startFakeGitHub({ pulls: [{ number: 12, headSha, baseSha, files: repo.pullFiles(baseSha, headSha) }] });
  });
  afterAll(() => fake.close());

  const run = (number: number, head: string) =>
    runAction({
      workspace: repo.root,
      eventName: 'pull_request',
      payload: pullRequestPayload({ number, headSha: head, baseSha }),
      inputs: { token: TOKEN },
      apiUrl: fake.url,
    });

  it('first run: 7 requests (files, review comments, review, review comments again, comments, comment, comments again)', async () => {
    fake.reset();
    const result = await run(12, headSha);
    expect(result.outputs.policies).toBe('201');
    counts.first = tally(fake);
    expect(counts.first.lines).toEqual([
      'GET /repos/octo-org/isms/pulls/12/files?per_page=100',
      'GET /repos/octo-org/isms/pulls/12/comments?per_page=100',
      'POST /repos/octo-org/isms/pulls/12/reviews',
      // After each create, one listing: a run at the same time may have made the same (the oldest stays).
      'GET /repos/octo-org/isms/pulls/12/comments?per_page=100',
      'GET /repos/octo-org/isms/issues/12/comments?per_page=100',
      'POST /repos/octo-org/isms/issues/12/comments',
      'GET /repos/octo-org/isms/issues/12/comments?per_page=100',
    ]);
  });

  it('second run with nothing new: 4 reads (the listings and the login), no write', async () => {
    fake.reset();
    await run(12, headSha);
    counts.second = tally(fake);
    // The login is asked (GraphQL viewer) once there are marked comments: an App token is not github-actions[bot].
    expect(counts.second).toMatchObject({ total: 4, writes: 0 });
    expect(counts.second.lines.filter((line) => line === 'POST /graphql')).toHaveLength(1);
  });

  it('a PR that touches all 200 policies: the file listing pages, still one review and one comment', async () => {
    const all: Record<string, string> = {};
    for (let index = 1; index <= 200; index++) all[`policies/p${String(index).padStart(3, '0')}.md`] = policy(index, 'A.9.1.1');
    const wide = repo.commit(all);
    fake.seedPull({ number: 13, headSha: wide, baseSha, files: repo.pullFiles(baseSha, wide) });
    fake.reset();
    const result = await run(13, wide);
    counts.allPolicies = tally(fake);
    // 200 errors: 9 annotations (the failure line is the 10th), the rest counted in log and summary.
    expect(result.stdout.split('\n').filter((line) => line.startsWith('::error title=control-legacy'))).toHaveLength(9);
    expect(result.stdout).toContain('191 errors were not shown as annotations');
    expect(result.summary).toContain('191 errors were not shown as annotations');
    expect(counts.allPolicies.lines.filter((line) => line.includes('/pulls/13/files'))).toHaveLength(3);
    expect(counts.allPolicies.writes).toBe(2);
    // 3 file pages, review comments, review, review comments again, comments, comment, comments again.
    expect(counts.allPolicies.total).toBe(9);
    // One review carries at most 50 line comments; the rest are in the summary comment.
    expect(fake.state.reviewComments.filter((comment) => comment.pull_request_url.endsWith('/13'))).toHaveLength(50);
  });
});
