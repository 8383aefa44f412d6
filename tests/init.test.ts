/**
 * `isms init`: scaffolds a repository that the real checker accepts (exit 0),
 * never overwrites a file, and writes an SoA, a workflow and drafts a person can
 * start from.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { controls } from '../src/catalog/index.js';
import { check } from '../src/check.js';
import { runCli } from '../src/cli/run.js';
import { findPlaceholders } from '../src/parse/placeholders.js';
import { loadTemplates } from '../src/scaffold/templates.js';
import { ACTIONS, workflowText } from '../src/scaffold/workflow.js';

const TODAY = '2026-11-24';
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'isms-init-'));
  folders.push(folder);
  return folder;
}

async function run(cwd: string, argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, env, stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), isTTY: false });
  return { code, stdout, stderr };
}

const mandatory = loadTemplates().filter((template) => template.init);

describe('isms init', () => {
  it('creates a repository that `isms check` passes with exit 0 (warnings only)', async () => {
    const cwd = tempFolder();
    const init = await run(cwd, ['init', 'acme-isms', '--owner', '@acme/security', '--org', 'Acme Ltd', '--today', TODAY]);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const root = path.join(cwd, 'acme-isms');
    for (const file of ['.isms.yml', 'soa.yml', '.github/workflows/isms.yml', ...mandatory.map((entry) => `${entry.folder}/${entry.name}.md`)]) {
      expect(existsSync(path.join(root, file)), file).toBe(true);
      expect(init.stdout).toContain(`  ${file}\n`);
    }

    const checked = await run(root, ['check', '--today', TODAY, '--format', 'json']);
    expect(checked.code).toBe(0);
    const report = JSON.parse(checked.stdout) as { summary: { errors: number; policies: number }; findings: Array<{ rule: string }> };
    expect(report.summary.errors).toBe(0);
    expect(report.summary.policies).toBe(mandatory.length);
    // What is left to do shows up as warnings: blanks in the drafts and the undecided SoA; every required clause is covered.
    expect([...new Set(report.findings.map((finding) => finding.rule))].sort()).toEqual(['placeholder-left', 'soa-control-missing']);
  });

  it('fills id, title, owner, organisation and date, and leaves drafts without review dates', async () => {
    const root = tempFolder();
    await run(root, ['init', '--owner', '@alice', '--org', 'Acme Ltd'], { ISMS_TODAY: TODAY });
    const text = readFileSync(path.join(root, 'policies/isms/information-security-policy.md'), 'utf8');
    expect(text).toMatch(/^id: "ISMS-POL-001"$/m);
    expect(text).toMatch(/^title: "Information Security Policy"$/m);
    expect(text).toMatch(/^owners: \["@alice"\]$/m);
    expect(text).toMatch(/^status: draft$/m);
    expect(text).not.toMatch(/^last_reviewed:/m);
    expect(text).toContain('# Information Security Policy\n');
    expect(text).toContain('This policy states how Acme Ltd protects');
    expect(text).toContain('\nAcme Ltd commits to:\n');
    expect(text).toContain(`| 0.1 | ${TODAY} | @alice |`);
    const names = findPlaceholders(text).map((match) => match.name);
    expect(names.filter((name) => ['id', 'title', 'owner', 'organization', 'today'].includes(name))).toEqual([]);
    expect(parse(readFileSync(path.join(root, '.isms.yml'), 'utf8'))).toMatchObject({ organization: 'Acme Ltd', soa: 'soa.yml', required_sections: ['Purpose', 'Scope'] });
  });

  it('lists all 93 controls in soa.yml, each undecided (commented out) until someone decides', async () => {
    const root = tempFolder();
    await run(root, ['init', '--owner', '@alice', '--today', TODAY]);
    const text = readFileSync(path.join(root, 'soa.yml'), 'utf8');
    expect(parse(text)).toEqual({ controls: null });
    for (const control of controls) expect(text).toContain(`  # ${`${control.id}:`.padEnd(7)} { applicable: true, implementation: planned }   # ${control.title}\n`);
    // Deciding one control is removing its `# `: the file stays valid and the warning shrinks.
    const decided = text.replace('  # A.5.1:  {', '  A.5.1:  {');
    writeFileSync(path.join(root, 'soa.yml'), decided);
    const result = await check({ root, today: TODAY });
    expect(result.soa?.decisions.get('A.5.1')?.applicable).toBe(true);
    expect(result.findings.find((finding) => finding.rule === 'soa-control-missing')?.message).toContain('92 of the 93');
  });

  it('writes the workflow the README shows: PR review with the base commit, weekly reminders that never fail the run', async () => {
    const root = tempFolder();
    await run(root, ['init', '--owner', '@alice', '--today', TODAY]);
    const text = readFileSync(path.join(root, '.github/workflows/isms.yml'), 'utf8');
    // The very text tests/workflows.test.ts lints and tests/readme.test.ts puts in the README.
    expect(text).toBe(workflowText());
    const workflow = parse(text);
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['pull_request', 'push', 'schedule', 'workflow_dispatch']));
    expect(workflow.on.schedule[0].cron).toMatch(/^\S+ \S+ \* \* 1$/);
    expect(workflow.permissions).toEqual({});
    const { review, check, remind } = workflow.jobs;
    expect(review.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', issues: 'write' });
    expect(review.steps[0]).toEqual({ uses: ACTIONS.checkout, with: { 'fetch-depth': 2, 'persist-credentials': false } });
    expect(review.steps[1].uses).toBe('isms-as-code/isms-as-code@v1');
    expect(review.concurrency).toEqual({ group: 'isms-pr-${{ github.event.pull_request.number }}', 'cancel-in-progress': true });
    expect(check.permissions).toEqual({ contents: 'read' });
    expect(remind.permissions).toEqual({ contents: 'read', issues: 'write' });
    expect(remind.steps[1].with).toEqual({ mode: 'remind', 'fail-on': 'never' });
    expect(remind.concurrency).toEqual({ group: 'isms-remind', 'cancel-in-progress': false });
    for (const job of [review, check, remind]) expect(job.steps[0].with['persist-credentials']).toBe(false);
  });

  it('never overwrites a file and says what it skipped', async () => {
    const root = tempFolder();
    writeFileSync(path.join(root, '.isms.yml'), '# mine\n');
    const first = await run(root, ['init', '--owner', '@alice', '--today', TODAY]);
    expect(first.code).toBe(0);
    expect(readFileSync(path.join(root, '.isms.yml'), 'utf8')).toBe('# mine\n');
    expect(first.stdout).toMatch(/Skipped 1 file that already exist[^\n]*\n {2}\.isms\.yml\n/);
    const before = readFileSync(path.join(root, 'policies/isms/isms-scope.md'), 'utf8') + '<edited>';
    writeFileSync(path.join(root, 'policies/isms/isms-scope.md'), before);
    const second = await run(root, ['init', '--owner', '@bob', '--today', '2026-12-01']);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('Created');
    expect(second.stdout).toContain(`Skipped ${mandatory.length + 3} files`);
    expect(readFileSync(path.join(root, 'policies/isms/isms-scope.md'), 'utf8')).toBe(before);
  });

  it('needs a valid owner (exit 2, nothing written)', async () => {
    const root = tempFolder();
    const missing = await run(root, ['init', '--today', TODAY]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing --owner');
    const bad = await run(root, ['init', '--owner', 'alice', '--today', TODAY]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected @alice');
    expect(existsSync(path.join(root, '.isms.yml'))).toBe(false);
  });

  it('refuses a file as the target folder', async () => {
    const root = tempFolder();
    writeFileSync(path.join(root, 'file'), '');
    const result = await run(root, ['init', 'file', '--owner', '@alice', '--today', TODAY]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is a file');
  });

  it('works from the bundled dist/cli.js, which finds the templates next to it', () => {
    const root = tempFolder();
    const cli = path.resolve(import.meta.dirname, '../dist/cli.js');
    const init = spawnSync(process.execPath, [cli, 'init', '--owner', '@alice', '--today', TODAY], { cwd: root, encoding: 'utf8' });
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    const checked = spawnSync(process.execPath, [cli, 'check', '--today', TODAY], { cwd: root, encoding: 'utf8' });
    expect(checked.status).toBe(0);
    expect(checked.stdout).toContain(`${mandatory.length} policies checked: 0 errors`);
  });
});
