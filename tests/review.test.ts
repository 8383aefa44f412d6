/**
 * `isms review <id>`: records a review by changing the date lines only, so the
 * pull request is one line (two when `next_review` is written down).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { makeRepo } from './support/repo.js';

const TODAY = '2026-11-24';

async function run(cwd: string, argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, env, stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), isTTY: false });
  return { code, stdout, stderr };
}

function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return b.flatMap((line, index) => (line === a[index] ? [] : [`${index + 1}: ${a[index]} -> ${line}`]));
}

const policy = (extra = '') =>
  `---\nid: POL-AC-001\ntitle: Access Control Policy\nowners: ["@alice"]\napprover: "@bob"\nstatus: approved\nlast_reviewed: 2025-12-01   # last one\nreview_every: 12 months\n${extra}iso27001:\n  controls: [A.5.15]\n---\n# Access\n\nlast_reviewed: 2025-12-01 in the body stays.\n`;

describe('isms review', () => {
  it('sets last_reviewed in place: exactly one line changes', async () => {
    const root = makeRepo({ 'policies/ac.md': policy() });
    const result = await run(root, ['review', 'POL-AC-001', '--today', TODAY]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('policies/ac.md: recorded the review of POL-AC-001: last_reviewed 2025-12-01 → 2026-11-24.');
    const after = readFileSync(path.join(root, 'policies/ac.md'), 'utf8');
    expect(changedLines(policy(), after)).toEqual(['7: last_reviewed: 2025-12-01   # last one -> last_reviewed: 2026-11-24   # last one']);
  });

  it('recomputes a written next_review from review_every, keeping its quotes', async () => {
    const text = policy('next_review: "2026-12-01"\n').replace('review_every: 12 months', 'review_every: 6 months');
    const root = makeRepo({ 'policies/ac.md': text });
    const result = await run(root, ['review', 'POL-AC-001', '--date', '2026-11-20'], { ISMS_TODAY: TODAY });
    expect(result.code).toBe(0);
    expect(changedLines(text, readFileSync(path.join(root, 'policies/ac.md'), 'utf8'))).toEqual([
      '7: last_reviewed: 2025-12-01   # last one -> last_reviewed: 2026-11-20   # last one',
      '9: next_review: "2026-12-01" -> next_review: "2027-05-20"',
    ]);
    expect((await run(root, ['check', '--today', TODAY])).code).toBe(0);
  });

  it('adds last_reviewed after status when it is missing, keeping CRLF and a BOM', async () => {
    const text = '\uFEFF---\r\nid: POL-AC-001\r\ntitle: T\r\nowners: ["@alice"]\r\nstatus: review\r\niso27001: { controls: [A.5.15] }\r\n---\r\n# T\r\n';
    const root = makeRepo({ 'policies/ac.md': text });
    expect((await run(root, ['review', 'POL-AC-001', '--today', TODAY])).code).toBe(0);
    expect(readFileSync(path.join(root, 'policies/ac.md'), 'utf8')).toBe(text.replace('status: review\r\n', `status: review\r\nlast_reviewed: ${TODAY}\r\n`));
  });

  it('says so when the review is already recorded, and writes nothing', async () => {
    const root = makeRepo({ 'policies/ac.md': policy() });
    const result = await run(root, ['review', 'POL-AC-001', '--date', '2025-12-01', '--today', TODAY]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('already recorded');
    expect(readFileSync(path.join(root, 'policies/ac.md'), 'utf8')).toBe(policy());
  });

  it('exits 2 with a message for an unknown id, a bad date, or a date after today', async () => {
    const root = makeRepo({ 'policies/ac.md': policy() });
    const cases: Array<[string[], string]> = [
      [['review', 'POL-AC-002'], 'Unknown document id `POL-AC-002` (did you mean `POL-AC-001`?)'],
      [['review'], 'Name one document id'],
      [['review', 'POL-AC-001', '--date', '2026-02-30'], 'Invalid --date `2026-02-30`'],
      [['review', 'POL-AC-001', '--date', '2026-11-25'], 'is after today (2026-11-24)'],
      [['review', 'POL-AC-001', '--date', '2025-01-01'], 'is before the review already recorded (2025-12-01)'],
    ];
    for (const [argv, message] of cases) {
      const result = await run(root, [...argv, '--today', TODAY]);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
    }
    expect(readFileSync(path.join(root, 'policies/ac.md'), 'utf8')).toBe(policy());
  });

  it('refuses an id two documents share', async () => {
    const root = makeRepo({ 'policies/a.md': policy(), 'policies/b.md': policy() });
    const result = await run(root, ['review', 'POL-AC-001', '--today', TODAY]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is used by policies/a.md, policies/b.md');
  });
});
