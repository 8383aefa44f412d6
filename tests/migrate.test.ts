/**
 * `isms migrate`: ISO/IEC 27001:2013 ids become 2022 ids by editing the text in
 * place. The fixture (tests/fixtures/migrate/input -> expected) is compared byte
 * for byte: comments, quoting, order, CRLF and a BOM survive; flow and block
 * lists, a control split in two, duplicates and an SoA with conflicting
 * decisions are handled; a second run changes nothing.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { unifiedDiff } from '../src/edit/diff.js';
import { migrateText } from '../src/edit/migrate.js';
import { makeRepo } from './support/repo.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/migrate');

function readTree(root: string, prefix = ''): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  for (const name of readdirSync(path.join(root, prefix))) {
    const relative = prefix ? `${prefix}/${name}` : name;
    if (statSync(path.join(root, relative)).isDirectory()) Object.assign(files, readTree(root, relative));
    else files[relative] = readFileSync(path.join(root, relative));
  }
  return files;
}

async function run(cwd: string, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, env: {}, stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), isTTY: false });
  return { code, stdout, stderr };
}

const input = readTree(path.join(FIXTURES, 'input'));
const expected = readTree(path.join(FIXTURES, 'expected'));

describe('isms migrate on the 2013 fixture', () => {
  it('rewrites the files byte for byte as expected, and says what it did', async () => {
    const root = makeRepo(input);
    const result = await run(root, ['migrate']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(Object.keys(readTree(root)).sort()).toEqual(Object.keys(expected).sort());
    for (const [file, bytes] of Object.entries(expected)) {
      expect(readFileSync(path.join(root, file)).toString('latin1'), file).toBe(bytes.toString('latin1'));
    }
    expect(result.stdout).toContain('A.18.2.3 → A.5.36, A.8.8 (split in 2022: all written)');
    expect(result.stdout).toContain('A.9.1.2 → A.5.15 (merged: already listed)');
    expect(result.stdout).toContain('A.11.1.6 → A.7.2: conflict, A.7.2 keeps the decision of A.11.1.2 (applicable: false) but A.11.1.6 said applicable: true');
    expect(result.stdout).toContain('Migrated 5 of 6 files');
  });

  it('changes nothing the second time', async () => {
    const root = makeRepo(expected);
    const result = await run(root, ['migrate']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('No ISO/IEC 27001:2013 control ids in 6 files: nothing to migrate.\n');
    for (const [file, bytes] of Object.entries(expected)) expect(readFileSync(path.join(root, file)).equals(bytes), file).toBe(true);
  });

  it('leaves a result the checker accepts without 2013 ids', async () => {
    const root = makeRepo(expected);
    const result = await run(root, ['check', '--today', '2026-01-10', '--format', 'json']);
    const findings = (JSON.parse(result.stdout) as { findings: Array<{ rule: string; severity: string }> }).findings;
    expect(findings.filter((finding) => finding.rule === 'control-legacy' || finding.severity === 'error')).toEqual([]);
  });

  it('--dry-run prints a patch that gives the expected files, and writes nothing', async () => {
    const root = makeRepo(input);
    const result = await run(root, ['migrate', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--- a/policies/access-control.md\n+++ b/policies/access-control.md\n@@ -9,11 +9,10 @@\n');
    expect(result.stderr).toContain('Dry run: nothing was written.');
    for (const [file, bytes] of Object.entries(input)) expect(readFileSync(path.join(root, file)).equals(bytes), file).toBe(true);
    const git = spawnSync('git', ['apply', '-p1', '-'], { cwd: root, input: result.stdout });
    if (git.error) return; // no git on this machine: the byte-for-byte test above still covers the content
    expect(git.stderr.toString()).toBe('');
    for (const [file, bytes] of Object.entries(expected)) expect(readFileSync(path.join(root, file)).toString('latin1'), file).toBe(bytes.toString('latin1'));
  });

  it('migrates only the paths it is given', async () => {
    const root = makeRepo(input);
    const result = await run(root, ['migrate', 'policies/operations.md', 'soa.yml']);
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(root, 'policies/operations.md')).equals(expected['policies/operations.md']!)).toBe(true);
    expect(readFileSync(path.join(root, 'soa.yml')).equals(expected['soa.yml']!)).toBe(true);
    expect(readFileSync(path.join(root, 'policies/access-control.md')).equals(input['policies/access-control.md']!)).toBe(true);
  });

  it('writes nothing when a file cannot be parsed (exit 2)', async () => {
    const root = makeRepo({ ...input, 'policies/broken.md': '---\nid: [unclosed\n---\n' });
    const result = await run(root, ['migrate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Nothing was written');
    expect(result.stderr).toContain('policies/broken.md: invalid YAML');
    for (const [file, bytes] of Object.entries(input)) expect(readFileSync(path.join(root, file)).equals(bytes), file).toBe(true);
  });
});

const HOUSE = path.join(FIXTURES, 'house-2013');
const houseInput = readTree(path.join(HOUSE, 'input'));
const houseExpected = readTree(path.join(HOUSE, 'expected'));

describe('isms migrate on a 2013 ISMS in another house style (edition 2013, ids without A., objectives, clauses)', () => {
  it('rewrites controls, clauses, the editions and loose notation byte for byte (CRLF, BOM, single quotes, comments kept)', async () => {
    const root = makeRepo(houseInput);
    const result = await run(root, ['migrate']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const [file, bytes] of Object.entries(houseExpected)) {
      expect(readFileSync(path.join(root, file)).toString('latin1'), file).toBe(bytes.toString('latin1'));
    }
    expect(result.stdout).toContain('A.16.1 → A.5.24, A.6.8, A.5.25, A.5.26, A.5.27, A.5.28 (2013 objective');
    expect(result.stdout).toContain('9.2.2 → A.5.18\n');
    expect(result.stdout).toContain('A.6.1 → A.5.2, A.5.3, A.5.5, A.5.6, A.5.8');
    expect(result.stdout).toContain('clause 10.1 → 10.2 (2013 numbering)');
    expect(result.stdout).toContain('clause 10.2 → 10.1 (2013 numbering)');
    expect(result.stdout).toContain('clause 9.2 c → 9.2.2 (2013 numbering)');
    expect(result.stdout).toContain('clause 10.1 a → 10.2 a (2013 numbering)');
    expect(result.stdout).toContain('A 5.23 → A.5.23');
    expect(result.stdout).toContain('.isms.yml\n  edition 2013 → 2022');
    // The eleven controls with no 2013 predecessor, named as ones to consider.
    expect(result.stdout).toContain('consider these 11 controls');
    for (const id of ['A.5.7', 'A.5.23', 'A.5.30', 'A.7.4', 'A.8.9', 'A.8.10', 'A.8.11', 'A.8.12', 'A.8.16', 'A.8.23', 'A.8.28']) expect(result.stdout).toContain(`  ${id} `);
    expect(result.stdout).toContain('Migrated 4 of 4 files');
  });

  it('before: every document is reported as 2013; after: no 2013 or notation finding, and a second run changes nothing', async () => {
    const rules = ['control-legacy', 'control-unknown', 'clause-unknown'];
    const findings = async (root: string) => {
      const result = await run(root, ['check', '--today', '2026-11-24', '--format', 'json']);
      return (JSON.parse(result.stdout) as { findings: Array<{ rule: string; file: string }> }).findings.filter((finding) => rules.includes(finding.rule));
    };
    const before = await findings(makeRepo(houseInput));
    expect(new Set(before.map((finding) => finding.file))).toEqual(new Set(['policies/incident.md', 'policies/access.md', 'soa.yml']));
    const root = makeRepo(houseExpected);
    expect(await findings(root)).toEqual([]);
    const again = await run(root, ['migrate']);
    expect(again.stdout).toBe('No ISO/IEC 27001:2013 control ids in 3 files: nothing to migrate.\n');
  });

  it('a run over some paths leaves .isms.yml and says how to keep the migrated documents read as 2022', async () => {
    const root = makeRepo(houseInput);
    const result = await run(root, ['migrate', 'policies/access.md']);
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(root, '.isms.yml')).equals(houseInput['.isms.yml']!)).toBe(true);
    expect(result.stdout).toContain('.isms.yml still sets `edition: 2013`: run `isms migrate` without paths');
  });
});

describe('migrateText', () => {
  const policy = (controls: string) => `---\nid: POL-X-001\niso27001:\n  controls: ${controls}\n---\nbody\n`;
  const migrated = (text: string) => {
    const result = migrateText('policy', text);
    if (!result.ok) throw new Error(result.message);
    return result;
  };

  it('turns a lone 2013 id into its 2022 id, or a list when it was split', () => {
    expect(migrated(policy('A.9.2.3')).text).toBe(policy('A.8.2'));
    expect(migrated(policy('"A.18.2.3"')).text).toBe(policy('["A.5.36", "A.8.8"]'));
  });

  it('removes a merged flow item with its comma, wherever it stands', () => {
    expect(migrated(policy('[A.5.15, A.9.1.1]')).text).toBe(policy('[A.5.15]'));
    expect(migrated(policy('[A.9.1.1, A.9.1.2, A.8.2]')).text).toBe(policy('[A.5.15, A.8.2]'));
    expect(migrated(policy('[ A.9.1.1 ,A.9.1.2 ]')).text).toBe(policy('[ A.5.15 ]'));
  });

  it('keeps a multi-line flow list multi-line', () => {
    expect(migrated(policy('[\n    A.9.1.1,\n    A.9.1.2,\n    A.8.2,\n  ]')).text).toBe(policy('[\n    A.5.15,\n    A.8.2,\n  ]'));
  });

  it('leaves lists without 2013 ids alone, even with duplicates, and aliases as written', () => {
    const untouched = policy('[A.5.15, A.5.15]');
    expect(migrated(untouched)).toEqual({ ok: true, text: untouched, notes: [], from2013: false });
    expect(migrated(`---\nid: &x A.9.1.1\niso27001:\n  controls: [*x, A.9.2.3]\n---\n`).text).toBe(`---\nid: &x A.9.1.1\niso27001:\n  controls: [*x, A.8.2]\n---\n`);
  });

  it('writes loose notation exactly and leaves digits that are also a clause', () => {
    expect(migrated(policy('[A 5.15, A5.16, "8.24", A.05.17]')).text).toBe(policy('[A.5.15, A.5.16, "A.8.24", A.5.17]'));
    const clauseOrControl = policy('["5.2", A.5.15]');
    expect(migrated(clauseOrControl).text).toBe(clauseOrControl);
  });

  it('rewrites an ambiguous id as 2013 only when the edition is declared', () => {
    const guessed = migrated(policy('[A.9.1.1, A.8.2]'));
    expect(guessed.text).toBe(policy('[A.5.15, A.8.2]'));
    expect(guessed.notes).toContain(
      "A.8.2 left as written: it is a 2022 control, but in 2013 the objective of A.8.2.1, A.8.2.2, A.8.2.3 (→ A.5.12, A.5.13, A.5.10); this document's other ids are 2013, so check which is meant (set `iso27001.edition: 2013` and run migrate again to rewrite it as 2013)",
    );
    const declared = `---\niso27001:\n  edition: 2013\n  controls: [A.9.1.1, A.8.2]\n---\n`;
    expect(migrated(declared).text).toBe(`---\niso27001:\n  edition: 2022\n  controls: [A.5.15, A.5.12, A.5.13, A.5.10]\n---\n`);
    expect(migrateText('policy', policy('[A.8.2]'), { edition: 2013 })).toMatchObject({ text: policy('[A.5.12, A.5.13, A.5.10]'), from2013: true });
  });

  it('leaves clauses of a 2022 document as written', () => {
    const text = `---\niso27001:\n  clauses: ["10.1", "9.2 c"]\n---\n`;
    expect(migrated(text).text).toBe(text);
    expect(migrateText('policy', text, { edition: 2013 })).toMatchObject({ text: `---\niso27001:\n  clauses: ["10.2", "9.2.2"]\n---\n` });
  });

  it('does not touch ids outside iso27001.controls', () => {
    const text = `---\nid: POL-X-001\nmaps_to:\n  other: [A.9.1.1]\niso27001:\n  clauses: ["5.2"]\n---\nA.9.1.1 in the body\n`;
    expect(migrated(text).text).toBe(text);
  });

  it('merges SoA entries with the same decision written in another order, keeping their comment', () => {
    const soa = 'controls:\n  A.9.1.1: { applicable: true, implementation: partial }\n  A.9.1.2: { implementation: partial, applicable: true }  # networks\n';
    const result = migrateText('soa', soa);
    expect(result.ok && result.text).toBe('controls:\n  A.5.15: { applicable: true, implementation: partial }\n  # A.9.1.2 (2013), merged into A.5.15: networks\n');
  });

  it('copies a split SoA decision under each new key, flow maps too', () => {
    const soa = 'controls: { A.18.2.3: { applicable: true }, A.5.1: { applicable: true } }\n';
    const result = migrateText('soa', soa);
    expect(result.ok && result.text).toBe('controls: { A.5.36: { applicable: true }, A.8.8: { applicable: true }, A.5.1: { applicable: true } }\n');
  });
});

describe('unifiedDiff', () => {
  it('writes hunks with context like diff -u', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\ni\n';
    const after = 'a\nb\nc\nd\nE\nf\ng\nh\ni\nj\n';
    expect(unifiedDiff(before, after, 'x.md')).toBe('--- a/x.md\n+++ b/x.md\n@@ -2,8 +2,9 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n i\n+j\n');
    expect(unifiedDiff(before, before, 'x.md')).toBe('');
  });

  it('marks a missing newline at the end', () => {
    expect(unifiedDiff('a', 'b', 'x')).toBe('--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n');
  });

  it('patches written to a file apply', () => {
    const root = makeRepo({ 'f.txt': 'one\ntwo\nthree\n' });
    const patch = unifiedDiff('one\ntwo\nthree\n', 'one\n2\nthree\nfour\n', 'f.txt');
    writeFileSync(path.join(root, 'p.diff'), patch);
    const git = spawnSync('git', ['apply', 'p.diff'], { cwd: root });
    if (git.error) return;
    expect(readFileSync(path.join(root, 'f.txt'), 'utf8')).toBe('one\n2\nthree\nfour\n');
  });
});
