/**
 * `isms new`: lists templates, creates a draft the real checker accepts at
 * `<folder>/<slug>.md`, picks the next free id, and refuses an id or a path
 * that is taken (exit 2, nothing written).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { loadTemplates } from '../src/scaffold/templates.js';
import { makeRepo } from './support/repo.js';

const TODAY = '2026-11-24';
const CONFIG = 'organization: "Acme Ltd"\nrequired_sections: [Purpose, Scope]\nrules: { clause-uncovered: off }\n';
const EXISTING = '---\nid: POL-AC-001\ntitle: Access Control Policy\nowners: ["@alice"]\nstatus: draft\niso27001: { controls: [A.5.15] }\n---\n# Access\n\n## Purpose\n\n## Scope\n';

async function run(cwd: string, argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, env, stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), isTTY: false });
  return { code, stdout, stderr };
}

describe('isms new', () => {
  it('lists the templates when called without one', async () => {
    const result = await run(makeRepo({}), ['new']);
    expect(result.code).toBe(0);
    for (const template of loadTemplates()) expect(result.stdout).toMatch(new RegExp(`^${template.name} +${template.type} +${template.idPrefix}-NNN +${template.folder} `, 'm'));
  });

  it('creates a draft at <folder>/<slug of the title>.md that the checker accepts', async () => {
    const root = makeRepo({ '.isms.yml': CONFIG, 'policies/topics/access.md': EXISTING });
    const created = await run(root, ['new', 'cryptography', '--id', 'POL-CRY-007', '--title', 'Encryption & Keys Policy', '--owner', '@acme/platform'], { ISMS_TODAY: TODAY });
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created policies/topics/encryption-keys-policy.md (POL-CRY-007, policy, draft)');
    const text = readFileSync(path.join(root, 'policies/topics/encryption-keys-policy.md'), 'utf8');
    expect(text).toContain('id: "POL-CRY-007"\ntitle: "Encryption & Keys Policy"\ntype: policy\nowners: ["@acme/platform"]\n');
    expect(text).toContain('This policy sets how Acme Ltd uses cryptography');
    expect(text).toContain(`| 0.1 | ${TODAY} | @acme/platform |`);

    const checked = await run(root, ['check', '--today', TODAY, '--format', 'json']);
    expect(checked.code).toBe(0);
    const findings = (JSON.parse(checked.stdout) as { findings: Array<{ rule: string; file: string }> }).findings;
    // A new draft still has blanks to fill: warnings, not errors.
    expect(findings.filter((finding) => finding.file.endsWith('encryption-keys-policy.md')).map((finding) => finding.rule)).toEqual(
      expect.arrayContaining(['placeholder-left']),
    );
    expect(new Set(findings.map((finding) => finding.rule))).toEqual(new Set(['placeholder-left']));
  });

  it('takes the next free id and the template title by default', async () => {
    const root = makeRepo({ '.isms.yml': CONFIG, 'policies/topics/access.md': EXISTING });
    const result = await run(root, ['new', 'access-control', '--owner', '@bob', '--today', TODAY]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created policies/topics/access-control-policy.md (POL-AC-002,');
  });

  it('refuses an id another document uses, naming it (exit 2, nothing written)', async () => {
    const root = makeRepo({ '.isms.yml': CONFIG, 'policies/topics/access.md': EXISTING });
    const result = await run(root, ['new', 'policy', '--id', 'POL-AC-001', '--title', 'Other', '--owner', '@bob', '--today', TODAY]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The id POL-AC-001 is already used by policies/topics/access.md');
    expect(readdirSync(path.join(root, 'policies/topics'))).toEqual(['access.md']);
  });

  it('refuses an existing path and keeps the file as it was', async () => {
    const root = makeRepo({ '.isms.yml': CONFIG, 'policies/topics/backup-standard.md': 'mine\n' });
    const result = await run(root, ['new', 'backup', '--owner', '@bob', '--today', TODAY]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('policies/topics/backup-standard.md already exists');
    expect(readFileSync(path.join(root, 'policies/topics/backup-standard.md'), 'utf8')).toBe('mine\n');
  });

  it('writes into --dir and warns when the checker would not see the file', async () => {
    const root = makeRepo({ '.isms.yml': CONFIG });
    const inside = await run(root, ['new', 'record', '--title', 'Management review 2026', '--dir', 'policies/records/2026', '--owner', '@bob', '--today', TODAY]);
    expect(inside.code).toBe(0);
    expect(existsSync(path.join(root, 'policies/records/2026/management-review-2026.md'))).toBe(true);
    expect(inside.stdout).not.toContain('not matched');
    const outside = await run(root, ['new', 'record', '--dir', 'notes', '--owner', '@bob', '--today', TODAY]);
    expect(outside.code).toBe(0);
    expect(outside.stdout).toContain('notes/record.md is not matched by `policies`');
  });

  it('explains bad input with exit 2', async () => {
    const root = makeRepo({ '.isms.yml': CONFIG });
    const cases: Array<[string[], string]> = [
      [['new', 'acess-control', '--owner', '@bob'], 'did you mean `access-control`'],
      [['new', 'policy'], 'Missing --owner'],
      [['new', 'policy', '--owner', 'Bob Smith'], 'Unexpected owner `Bob Smith`'],
      [['new', 'policy', '--owner', '@bob', '--id', 'pol-1'], 'Unexpected id `pol-1`'],
      [['new', 'policy', '--owner', '@bob', '--dir', '../elsewhere'], 'outside the repository'],
    ];
    for (const [argv, message] of cases) {
      const result = await run(root, [...argv, '--today', TODAY]);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
    }
    expect(readdirSync(root)).toEqual(['.isms.yml']);
    expect(existsSync(path.join(root, '..', 'elsewhere'))).toBe(false);
  });
});
