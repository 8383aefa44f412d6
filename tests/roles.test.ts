/**
 * Role names as owners: a policy set written the way many real ISMSs are (a numbered
 * document set whose owners and approvers are roles: `CISO`, `ISO`, `ISMS Owner`, `CTO`,
 * `Information Security Officer`), some defined under `roles:` in `.isms.yml`, some not.
 * Through the real checker, the CLI (check, due, soa), and review reminders against the
 * loopback fake GitHub.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { runIsms } from './support/cli.js';
import { createClient } from '../src/github/client.js';
import { parseMarker, runReminders } from '../src/github/reminders/index.js';
import { readOwnerRef } from '../src/model/roles.js';
import { buildSoaView, ownersText } from '../src/report/model.js';
import { fakeGitHubPerTest, type FakeGitHub } from './support/fake-github.js';
import { makeRepo, writeFiles } from './support/repo.js';

const TODAY = '2026-11-24';
const ACTIONS_TOKEN = 'ghs_fakeActionsToken0123456789abcdefABCD';

const CONFIG = [
  '# Northwind Trading ISMS',
  'roles:',
  '  CISO: ["@maria", "ciso@example.org"]',
  '  ISMS Owner: ["@northwind/security"]',
  'rules:',
  '  clause-uncovered: off',
  '',
].join('\n');

/** A document in the house style: a numbered register id, a role for owner, a document-control table in the body. */
function doc(number: string, title: string, control: string, fields: string[]): string {
  return [
    '---',
    `id: NW-ISMS-${number}`,
    `title: ${title}`,
    ...fields,
    'status: approved',
    'last_reviewed: 2026-03-01',
    'iso27001:',
    `  controls: [${control}]`,
    '---',
    `# ${number}. ${title}`,
    '',
    '| Version | Owner |',
    '| --- | --- |',
    '| 1.0 | see front matter |',
    '',
    '## Purpose',
    '',
    'Why this document exists.',
    '',
    '## Scope',
    '',
    'All Northwind staff and contractors.',
    '',
  ].join('\n');
}

const FILES: Record<string, string> = {
  '.isms.yml': CONFIG,
  // Defined roles, as owner and as approver; a role written in another case.
  'policies/01-information-security.md': doc('001', 'Information Security Policy', 'A.5.1', ['owner: CISO', 'approver: ISMS Owner']),
  'policies/02-access-control.md': doc('002', 'Access Control Policy', 'A.5.15', ['owners: [ciso, "@bob"]', 'approver: Head of IT']),
  // Undefined roles: ISO is the only owner here (first use), CTO the approver (first use).
  'policies/03-asset-management.md': doc('003', 'Asset Management Policy', 'A.5.9', ['owners:', '  - ISO', 'approver: CTO']),
  'policies/04-backup.md': doc('004', 'Backup Policy', 'A.8.13', ['owners: [ISO, "@carol"]']),
  'policies/05-incident-management.md': doc('005', 'Incident Management Policy', 'A.5.24', ['owners: [Information Security Officer]']),
  'policies/06-supplier-security.md': doc('006', 'Supplier Security Policy', 'A.5.19', ['owners: [CTO]']),
  // References that are nothing: still owner-invalid; a lower-case login without @ keeps its fix.
  'policies/07-cryptography.md': doc('007', 'Cryptography Policy', 'A.8.24', ['owners: ["@@x", "jdoe@", alice]']),
};

function findingsOf(result: Awaited<ReturnType<typeof check>>, rule: string) {
  return result.findings
    .filter((finding) => finding.rule === rule)
    .map((finding) => ({ file: finding.file, line: finding.line, column: finding.column, severity: finding.severity, message: finding.message }));
}

describe('role names as owners through the checker', () => {
  it('accepts defined roles, never suggests @<role>, and reports each undefined role once at its first use with its document count', async () => {
    const result = await check({ root: makeRepo(FILES), today: TODAY });

    const invalid = findingsOf(result, 'owner-invalid');
    expect(invalid.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.message.split(',')[0]}`)).toEqual([
      'policies/07-cryptography.md:4:10 Unexpected owner `@@x`',
      'policies/07-cryptography.md:4:17 Unexpected owner `jdoe@`',
      'policies/07-cryptography.md:4:26 Unexpected owner `alice`',
    ]);
    expect(invalid[2]!.message).toContain('expected `@alice`');
    // No role name is "corrected" to a GitHub login, anywhere.
    for (const finding of result.findings) expect(finding.message).not.toMatch(/`@(ISO|CISO|CTO|ciso|ISMS|Information|Head)/);

    const undefinedRoles = findingsOf(result, 'role-undefined');
    expect(undefinedRoles.map((finding) => `${finding.severity} ${finding.file}:${finding.line}:${finding.column}`)).toEqual([
      'warning policies/02-access-control.md:5:11', // Head of IT: an approver only
      'error policies/03-asset-management.md:5:5', // ISO: 03 has no other owner
      'error policies/03-asset-management.md:6:11', // CTO: its first use is 03's approver; 06 has no other owner
      'error policies/05-incident-management.md:4:10', // Information Security Officer
    ]);
    const [head, iso, cto, officer] = undefinedRoles.map((finding) => finding.message);
    expect(head).toContain('Undefined role `Head of IT`: used by 1 document (policies/02-access-control.md)');
    expect(iso).toContain('Undefined role `ISO`: used by 2 documents (policies/03-asset-management.md, policies/04-backup.md)');
    expect(iso).toContain('`roles: { ISO: ["@<login>"] }`');
    expect(iso).toContain('no one is assigned its review reminders');
    expect(cto).toContain('Undefined role `CTO`: used by 2 documents (policies/03-asset-management.md, policies/06-supplier-security.md)');
    expect(officer).toContain('`roles: { Information Security Officer: ["@<login>"] }`');
    // A document whose only owner is an undefined role still has an owner: the role finding says what is missing.
    expect(findingsOf(result, 'owner-missing')).toEqual([]);

    // The record keeps the owners as written and says who stands behind them.
    const first = result.policies.find((policy) => policy.id === 'NW-ISMS-001')!;
    expect(first.owners).toEqual(['CISO']);
    expect(first.owner_holders).toEqual(['@maria', 'ciso@example.org']);
    expect(first.roles).toEqual({ CISO: ['@maria', 'ciso@example.org'], 'ISMS Owner': ['@northwind/security'] });
    const second = result.policies.find((policy) => policy.id === 'NW-ISMS-002')!;
    expect(second.owner_holders).toEqual(['@maria', 'ciso@example.org', '@bob']);
    expect(ownersText(second)).toBe('ciso (@maria, ciso@example.org), @bob');
  });

  it('names many documents briefly and quotes a role name YAML would misread', async () => {
    const files: Record<string, string> = { '.isms.yml': 'rules:\n  clause-uncovered: off\n' };
    for (let index = 1; index <= 5; index++) {
      files[`policies/p${index}.md`] = doc(`10${index}`, `Policy ${index}`, 'A.5.1', ['owners: ["Legal & Compliance", "@dora"]']);
    }
    const result = await check({ root: makeRepo(files), today: TODAY });
    const [finding, ...more] = findingsOf(result, 'role-undefined');
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ file: 'policies/p1.md', severity: 'warning' });
    expect(finding!.message).toContain('used by 5 documents (policies/p1.md, policies/p2.md, policies/p3.md and 2 more)');
    expect(finding!.message).toContain('`roles: { "Legal & Compliance": ["@<login>"] }`');
    expect(finding!.message).toContain('so it names no one');
  });

  it('an owner named like an Object property is no role: every report still renders', async () => {
    const root = makeRepo({
      '.isms.yml': 'rules:\n  clause-uncovered: off\n',
      'policies/x.md': doc('301', 'Odd owners', 'A.5.1', ['owners: [constructor, toString]', 'approver: constructor']),
    });
    const result = await check({ root, today: TODAY });
    expect(result.policies[0]).toMatchObject({ owner_holders: [], roles: {} });
    expect(findingsOf(result, 'role-undefined').map((finding) => finding.message.split(':')[0])).toEqual(['Undefined role `toString`']);
    // Lower case, no role word: read as a login without its `@`, as before roles existed.
    expect(findingsOf(result, 'owner-invalid').map((finding) => finding.message.split(',')[1])).toEqual([
      ' expected `@constructor` (a GitHub login keeps its `@`; quote it)',
      ' expected `@constructor` (a GitHub login keeps its `@`; quote it)',
    ]);
    for (const argv of [['report', '--format', 'html'], ['soa'], ['due', '--all'], ['check', '--format', 'json']]) {
      const run = await cli(root, argv);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('constructor');
    }
  });

  it('reads owner references in the documented order', () => {
    const roles = { CISO: ['@maria'] };
    expect(readOwnerRef('CISO', roles)).toEqual({ kind: 'role', ref: 'CISO', holders: ['@maria'] });
    expect(readOwnerRef('ciso', roles).kind).toBe('role');
    expect(readOwnerRef('ciso', {}).kind).toBe('undefined-role'); // a role word, never `@ciso`
    expect(readOwnerRef('alice', {})).toEqual({ kind: 'bare-login', ref: 'alice', login: '@alice' });
    expect(readOwnerRef('acme/sec-team', {})).toMatchObject({ kind: 'bare-login', login: '@acme/sec-team' });
    expect(readOwnerRef('Alice Smith', {}).kind).toBe('undefined-role');
    expect(readOwnerRef('@@x', {}).kind).toBe('invalid');
    expect(readOwnerRef('jdoe@', {}).kind).toBe('invalid');
  });
});

const cli = (root: string, argv: string[]) => runIsms(root, [...argv, '--today', TODAY]);

describe('role names as owners through the CLI and the reports', () => {
  it('isms check --format json: one role-undefined per role, and policy records with owner_holders and roles', async () => {
    const root = makeRepo(FILES);
    const { code, stdout } = await cli(root, ['check', '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      findings: Array<{ rule: string; message: string }>;
      policies: Array<{ id: string; owners: string[]; owner_holders: string[]; roles: Record<string, string[]> }>;
    };
    expect(report.findings.filter((finding) => finding.rule === 'role-undefined')).toHaveLength(4);
    expect(report.findings.filter((finding) => finding.rule === 'owner-invalid')).toHaveLength(3);
    expect(report.policies.find((policy) => policy.id === 'NW-ISMS-001')).toMatchObject({
      owners: ['CISO'],
      owner_holders: ['@maria', 'ciso@example.org'],
      roles: { CISO: ['@maria', 'ciso@example.org'], 'ISMS Owner': ['@northwind/security'] },
    });
    expect(report.policies.find((policy) => policy.id === 'NW-ISMS-003')).toMatchObject({ owners: ['ISO'], owner_holders: [], roles: {} });
  });

  it('isms due and isms soa show the role with its holders', async () => {
    const root = makeRepo(FILES);
    const due = await cli(root, ['due', '--all']);
    expect(due.code).toBe(0);
    expect(due.stdout).toMatch(/NW-ISMS-001 +Information Security Policy +CISO \(@maria, ciso@example\.org\)\n/);
    expect(due.stdout).toMatch(/NW-ISMS-003 +Asset Management Policy +ISO\n/);

    const soa = await cli(root, ['soa']);
    expect(soa.code).toBe(0);
    const row = soa.stdout.split('\n').find((line) => line.startsWith('| A.5.1 '))!;
    // Parentheses are escaped for Markdown (no accidental link syntax); GitHub shows `CISO (@maria, ...)`.
    expect(row).toContain('| CISO \\(@maria, ciso@example.org\\) |');
    const csv = await cli(root, ['soa', '--format', 'csv']);
    expect(csv.stdout.split('\n').find((line) => line.startsWith('A.5.15,'))).toContain('"ciso (@maria, ciso@example.org); @bob"');

    const html = await cli(root, ['report', '--format', 'html']);
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('<span class="role">CISO</span> <span class="holders">(@maria, ciso@example.org)</span>');

    const result = await check({ root, today: TODAY });
    const view = buildSoaView(result);
    expect(view.rows.find((entry) => entry.control.id === 'A.5.1')).toMatchObject({ owners: ['CISO'], ownerLabels: ['CISO (@maria, ciso@example.org)'] });
  });
});

describe('review reminders for role owners', () => {
  const start = fakeGitHubPerTest({ repository: 'northwind/isms' });

  async function remind(server: FakeGitHub, root: string) {
    const result = await check({ root, today: TODAY });
    return runReminders({
      octokit: createClient({ token: ACTIONS_TOKEN, baseUrl: server.url, writeIntervalMs: 0, retryAfterBaseValue: 10 }),
      owner: 'northwind',
      repo: 'isms',
      policies: result.policies,
      today: TODAY,
      withinDays: 30,
      label: 'isms-review',
      dryRun: false,
      defaultBranch: 'main',
      serverUrl: 'https://github.com',
      log: () => {},
    });
  }

  /** Overdue (reviewed 2025-09-01, every 12 months) with a given owners/approver block. */
  const overdue = (number: string, fields: string[]) => doc(number, `Policy ${number}`, 'A.5.1', fields).replace('last_reviewed: 2026-03-01', 'last_reviewed: 2025-09-01');

  function issueOf(server: FakeGitHub, id: string) {
    const issues = server.state.issues.filter((issue) => parseMarker(issue.body)?.id === id);
    expect(issues).toHaveLength(1);
    return issues[0]!;
  }

  it('a role holder GitHub refuses as assignee is named, with the fix in .isms.yml', async () => {
    const server = await start();
    const root = makeRepo({
      '.isms.yml': 'roles:\n  DPO: ["@dana", "@ghost-dpo"]\n',
      'policies/a.md': overdue('203', ['owner: DPO']),
    });
    await remind(server, root);
    const issue = issueOf(server, 'NW-ISMS-203');
    expect(issue.assignees.map((user) => user.login)).toEqual(['dana']);
    expect(issue.body).toContain('GitHub did not accept these owners as assignees: `@ghost-dpo`');
    expect(issue.body).toContain('or the holders of its roles under `roles:` in `.isms.yml`');
  });

  it('assigns and mentions the holders of a role; new holders in .isms.yml change the same issue in place', async () => {
    const server = await start();
    const root = makeRepo({
      '.isms.yml': 'roles:\n  CISO: ["@maria", "@northwind/security", "ciso@example.org"]\n  ISMS Owner: ["@olga"]\n',
      'policies/a.md': overdue('201', ['owners: [CISO, "@bob"]', 'approver: ISMS Owner']),
      'policies/b.md': overdue('202', ['owners: [ISO]']),
    });

    const first = await remind(server, root);
    expect(first.created).toBe(2);
    const issue = issueOf(server, 'NW-ISMS-201');
    expect(issue.assignees.map((user) => user.login)).toEqual(['maria', 'bob']);
    expect(issue.body).toContain('| Owners | CISO (@maria, @northwind/security, `ciso@example.org`), @bob |');
    // The approver role and its holders are shown as code: named, not notified.
    expect(issue.body).toContain('| Approver | `ISMS Owner` (`@olga`) |');
    expect(issue.body!.replace(/`[^`\n]*`/g, '').match(/@(?!\u200d)[\w/-]+/g)).toEqual(['@maria', '@northwind/security', '@bob']);
    expect(parseMarker(issue.body)!.assignees).toEqual(['maria', 'bob']);
    // The digest lists the role with its holders as code spans (nobody notified there).
    expect(first.digestMarkdown).toContain('| `CISO` (`@maria`, `@northwind/security`, `ciso@example.org`) | NW-ISMS-201 Policy 201 |');

    // An undefined role reaches nobody: no assignees, and the issue says how to fix it.
    const orphan = issueOf(server, 'NW-ISMS-202');
    expect(orphan.assignees).toEqual([]);
    expect(orphan.body).toContain('`ISO` is a role that `.isms.yml` does not define under `roles:`, so it names no one to assign.');

    // The CISO changes: the same issue follows, maria unassigned, erin assigned, bob kept.
    writeFiles(root, { '.isms.yml': 'roles:\n  CISO: ["@erin", "ciso@example.org"]\n  ISMS Owner: ["@olga"]\n' });
    server.reset();
    const second = await remind(server, root);
    expect(second).toMatchObject({ created: 0, updated: 1, closed: 0 });
    expect(issueOf(server, 'NW-ISMS-201').number).toBe(issue.number);
    expect(issue.assignees.map((user) => user.login).sort()).toEqual(['bob', 'erin']);
    expect(issue.body).toContain('| Owners | CISO (@erin, `ciso@example.org`), @bob |');
    expect(parseMarker(issue.body)!.assignees).toEqual(['erin', 'bob']);

    // Nothing changed since: no writes at all.
    server.reset();
    const third = await remind(server, root);
    expect(third).toMatchObject({ created: 0, updated: 0, closed: 0, writes: 0 });
    expect(server.writes()).toEqual([]);
  });
});
