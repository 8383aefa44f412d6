/**
 * A new user's first run on three existing ISMSs the tool was not designed
 * around (tests/fixtures/trial/): a 2013-era set exported from Word (edition
 * 2013, role owners, numbered headings, a document-control block, CRLF and a
 * BOM), a 2022 starter kit (roles, CSF 1.1 ids, soc-2, template blanks) and a
 * set with the mistakes an auditor would raise. Each test is a defect the
 * trial found: the finding a user saw, and what it says now.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import type { Finding } from '../src/model/finding.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/trial');
const TODAY = '2026-12-01';
const CLI = path.resolve(import.meta.dirname, '../dist/cli.js');

/** The real `isms` program, as a user runs it. */
function isms(argv: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...argv], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function findings(set: string): Promise<Finding[]> {
  return (await check({ root: path.join(FIXTURES, set), today: TODAY })).findings;
}

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A writable copy of a fixture set (migrate writes in place). */
function copyOf(set: string): string {
  const root = mkdtempSync(path.join(tmpdir(), `isms-trial-${set}-`));
  copies.push(root);
  cpSync(path.join(FIXTURES, set), root, { recursive: true });
  return root;
}

describe('a blank left from a template as owner or approver', () => {
  it('is one placeholder finding, never also an invalid owner or an undefined role', async () => {
    const all = await findings('flaws');
    const at = (file: string, line: number) => all.filter((f) => f.file === file && f.line === line).map((f) => `${f.rule}: ${f.message}`);
    // `approver: TBD` in an approved document: the blank is the error; `TBD` is no role to define.
    expect(at('policies/hr.md', 5)).toEqual([
      'placeholder-left: Unfilled placeholder `TBD` in an approved document: replace it with the real text, or set `status: draft` until it is written',
    ]);
    // A draft's `[POLICY_OWNER]` and `<your approver>`: a warning (a draft may still have blanks), not an owner-invalid error.
    expect(at('policies/supplier.md', 4)).toEqual(['placeholder-left: Unfilled placeholder `[POLICY_OWNER]`: replace it with the real text before the document is approved']);
    expect(at('policies/supplier.md', 5)).toEqual(['placeholder-left: Unfilled placeholder `<your approver>`: replace it with the real text before the document is approved']);
    // Lower case too: `tbd` is a blank, not the GitHub login `@tbd`.
    expect(at('policies/incident.md', 5)).toEqual(['placeholder-left: Unfilled placeholder `tbd`: replace it with the real text before the document is approved']);
    expect(all.filter((f) => f.rule === 'role-undefined' || f.rule === 'owner-invalid')).toEqual([]);
  });
});

describe('a field of iso27001 written at the top level', () => {
  it('says to move it under iso27001, not to rename it to the nearest top-level field', async () => {
    const unknown = (await findings('starter-kit')).filter((f) => f.rule === 'field-unknown');
    expect(unknown.map((f) => [f.file, f.line, f.column, f.message])).toEqual([
      [
        'docs/policies/information-security.md',
        9,
        1,
        'Unexpected field `edition`: it belongs under `iso27001:` (`iso27001.edition`); move it there',
      ],
    ]);
  });
});

describe('a clause no document maps, in an ISMS written in the 2013 edition', () => {
  it('does not tell a 2013 ISMS to add `10.2`, which it reads as 2013 Continual improvement', async () => {
    const uncovered = (await findings('word-2013')).filter((f) => f.rule === 'clause-uncovered');
    expect(uncovered.find((f) => f.message.startsWith('Clause 10.2 '))?.message).toContain(
      'no policy maps it: `.isms.yml` sets `edition: 2013`, where this clause is numbered `10.1` and `10.2` is Continual improvement: run `isms migrate`, then add `10.2` (or a sub-clause) to `iso27001.clauses`',
    );
    // A clause whose number did not change is named as before.
    expect(uncovered.find((f) => f.message.startsWith('Clause 9.3 '))?.message).toContain('no policy maps it: add `9.3` (or a sub-clause)');
  });

  it('names 10.2 plainly once the ISMS is on 2022', async () => {
    const root = copyOf('word-2013');
    expect(isms(['migrate'], root).code).toBe(0);
    const uncovered = (await check({ root, today: TODAY })).findings.filter((f) => f.rule === 'clause-uncovered');
    expect(uncovered.find((f) => f.message.startsWith('Clause 10.2 '))?.message).toContain('no policy maps it: add `10.2` (or a sub-clause)');
  });
});

describe('isms migrate on the 2013 Word export', () => {
  it('rewrites ids to their semantic successors and keeps CRLF, the BOM and comments byte for byte elsewhere', async () => {
    const root = copyOf('word-2013');
    const before = (file: string) => readFileSync(path.join(FIXTURES, 'word-2013', file));
    const after = (file: string) => readFileSync(path.join(root, file));
    const run = isms(['migrate'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const access = after('isms/policies/access-control.md').toString('utf8');
    expect(access).toContain('  controls: [A.5.15, A.8.2, "A.8.15", "A.8.17", A.8.5]\r\n');
    expect(access.split('\r\n').length).toBe(before('isms/policies/access-control.md').toString('utf8').split('\r\n').length);
    expect(access.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const backup = after('isms/policies/backup.md');
    expect([...backup.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(backup.toString('utf8')).toContain('controls: [A.8.13]');
    expect(after('.isms.yml').toString('utf8')).toContain('# Copperleaf Freight ISMS (exported from the 2013 document pack)\norganization: Copperleaf Freight Ltd\nedition: 2022\n');
    const again = await check({ root, today: TODAY });
    expect(again.findings.filter((f) => f.rule === 'control-legacy')).toEqual([]);
  });
});
