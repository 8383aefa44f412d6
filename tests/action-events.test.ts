/**
 * The bundled action on the other events: a push checks without a single API request and
 * writes SARIF and the auditor's files; a schedule sends review reminders; bad inputs and bad
 * config fail with one line.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from './support/fake-github.js';
import { makeGitRepo, runAction, type GitRepo } from './support/action-runner.js';

const TOKEN = 'ghs_fakeActionsToken0123456789abcdefABCD';

const policy = (id: string, lastReviewed: string, controls: string) =>
  ['---', `id: ${id}`, `title: Policy ${id}`, 'owners: ["@alice"]', 'approver: "@ciso"', 'status: approved', `last_reviewed: ${lastReviewed}`, 'iso27001:', `  controls: [${controls}]`, '---', '# P', ''].join('\n');

const FILES = {
  '.isms.yml': 'rules:\n  clause-uncovered: off\n',
  'policies/due.md': policy('POL-DU-001', '2025-12-01', 'A.5.1'),
  'policies/overdue.md': policy('POL-OV-001', '2025-10-01', 'A.5.2'),
  'policies/fine.md': policy('POL-OK-001', '2026-10-01', 'A.5.3'),
};

describe('push and schedule', () => {
  let repo: GitRepo;
  let fake: FakeGitHub;
  beforeAll(async () => {
    repo = makeGitRepo(FILES);
    fake = await startFakeGitHub();
  });
  afterAll(() => fake.close());

  it('checks a push without any API request, and writes SARIF, the report and the artifacts', async () => {
    fake.reset();
    const run = await runAction({
      workspace: repo.root,
      eventName: 'push',
      payload: { ref: 'refs/heads/main', after: repo.shas[0], repository: { default_branch: 'main' } },
      inputs: { token: TOKEN, sarif: 'out/isms.sarif', artifacts: 'out/audit', 'fail-on': 'warning' },
      apiUrl: fake.url,
      sha: repo.shas[0],
    });
    expect(fake.requests).toEqual([]);
    expect(run.stdout).toContain('::error title=review-overdue,file=policies/overdue.md,line=7,col=16::');
    expect(run.stdout).toContain('::warning title=review-due-soon,file=policies/due.md,line=7,col=16::');
    expect(run.outputs).toMatchObject({ errors: '1', warnings: '1', policies: '3', due: '1', overdue: '1' });
    expect(run.status).toBe(1);
    const sarif = JSON.parse(readFileSync(path.join(repo.root, 'out/isms.sarif'), 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toHaveLength(2);
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as { summary: object };
    expect(report.summary).toEqual({ policies: 3, errors: 1, warnings: 1 });
    // The auditor's files for actions/upload-artifact.
    for (const name of ['isms-report.html', 'soa.md', 'soa.csv']) expect(existsSync(path.join(repo.root, 'out/audit', name))).toBe(true);
    expect(readFileSync(path.join(repo.root, 'out/audit/soa.md'), 'utf8')).toContain('POL-OV-001');
    expect(run.summary).toMatch(/### Reviews due[\s\S]*POL-OV-001[\s\S]*overdue by 54 days[\s\S]*POL-DU-001/);
    expect(run.summary).toMatch(/\[policies\/overdue\.md:7\]\(https:\/\/github\.com\/octo-org\/isms\/blob\/[0-9a-f]{40}\/policies\/overdue\.md#L7\)/);
  });

  it('sends review reminders on a schedule, and still fails only on findings', async () => {
    fake.reset();
    const run = await runAction({
      workspace: repo.root,
      eventName: 'schedule',
      payload: { schedule: '0 7 * * 1', repository: { default_branch: 'main', full_name: 'octo-org/isms' } },
      inputs: { token: TOKEN, 'fail-on': 'never' },
      apiUrl: fake.url,
      sha: repo.shas[0],
    });
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({ due: '1', overdue: '1' });
    const titles = fake.state.issues.map((issue) => issue.title).join('\n');
    expect(titles).toContain('POL-OV-001');
    expect(titles).toContain('POL-DU-001');
    expect(fake.state.issues.every((issue) => issue.labels.some((label) => label.name === 'isms-review'))).toBe(true);
    expect(run.summary).toContain('### Review reminders');
  });

  it('plans reminders without writing on a dry run', async () => {
    const before = fake.state.issues.length;
    const fresh = await startFakeGitHub();
    try {
      const run = await runAction({
        workspace: repo.root,
        eventName: 'workflow_dispatch',
        payload: { repository: { default_branch: 'main' } },
        inputs: { token: TOKEN, mode: 'remind', 'dry-run': 'true', 'fail-on': 'never' },
        apiUrl: fresh.url,
      });
      expect(run.status).toBe(0);
      expect(fresh.writes()).toEqual([]);
      expect(fresh.requests.length).toBeGreaterThan(0);
      expect(fake.state.issues).toHaveLength(before);
    } finally {
      await fresh.close();
    }
  });
});

describe('a config in a subfolder', () => {
  it('annotates with paths from the repository root', async () => {
    const repo = makeGitRepo({
      'isms/.isms.yml': 'rules:\n  clause-uncovered: off\n',
      'isms/policies/overdue.md': policy('POL-OV-001', '2025-10-01', 'A.5.2'),
    });
    const run = await runAction({ workspace: repo.root, eventName: 'push', payload: {}, inputs: { config: 'isms/.isms.yml', sarif: 'isms.sarif' }, sha: repo.shas[0] });
    expect(run.stdout).toContain('::error title=review-overdue,file=isms/policies/overdue.md,line=7,col=16::');
    expect(readFileSync(path.join(repo.root, 'isms.sarif'), 'utf8')).toContain('"uri": "isms/policies/overdue.md"');
    expect(run.summary).toContain('/blob/');
    expect(run.summary).toContain('/isms/policies/overdue.md#L7)');
  });
});

describe('failing with one line', () => {
  it('names a bad input and what it expects', async () => {
    const repo = makeGitRepo(FILES);
    const run = await runAction({ workspace: repo.root, eventName: 'push', payload: {}, inputs: { 'fail-on': 'sometimes' } });
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split('\n').filter((line) => line.startsWith('::error'))).toEqual([
      '::error::isms-as-code: Invalid input `fail-on`: `sometimes`; expected one of error, warning, never',
    ]);
    expect(run.stderr).toBe('');
  });

  it('names a bad config key', async () => {
    const repo = makeGitRepo({ ...FILES, '.isms.yml': 'polices: [x]\n' });
    const run = await runAction({ workspace: repo.root, eventName: 'push', payload: {} });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error::isms-as-code: .*polices.*$/m);
    expect(run.stdout).not.toMatch(/\n\s+at /);
  });

  it('runs a PR check without a token: annotations and summary, a warning, no failure for it', async () => {
    const repo = makeGitRepo(FILES);
    const run = await runAction({
      workspace: repo.root,
      eventName: 'pull_request',
      payload: { pull_request: { number: 1, head: { sha: repo.shas[0] }, base: { sha: repo.shas[0] } } },
      inputs: { token: '', 'fail-on': 'never' },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('::warning::No token');
    expect(run.stdout).toContain('title=review-overdue');
    expect(run.summary).toContain('## ISMS check');
  });
});
