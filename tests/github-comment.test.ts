/**
 * The summary comment and the job summary as text: the sticky-comment plan, escaping of
 * hostile policy text, GitHub's size limits, links, and the policies a PR touches.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { check, type CheckResult } from '../src/check.js';
import { renderJobSummary } from '../src/github/job-summary.js';
import { encodePath, linkBuilder } from '../src/github/links.js';
import { renderPrComment } from '../src/github/pr-comment.js';
import { coverageDeltaLines, policyChanges } from '../src/github/report-sections.js';
import { computeCoverage, coverageDelta } from '../src/model/coverage.js';
import { coverageMarkdown } from '../src/report/index.js';
import { MAX_COMMENT_LENGTH, planComment, SUMMARY_MARKER } from '../src/github/sticky-comment.js';
import type { Finding } from '../src/model/finding.js';
import { makeRepo } from './support/repo.js';

const HOSTILE = '<img src=x onerror=alert(1)> @everyone | #1 [x](javascript:alert(1))';

let result: CheckResult;

beforeAll(async () => {
  const root = makeRepo({
    'policies/a.md': [
      '---',
      'id: POL-A-001',
      `title: "${HOSTILE}"`,
      'owners: ["@alice", "@org/security"]',
      'status: approved',
      'approver: "@ciso"',
      'last_reviewed: 2025-12-01',
      'iso27001:',
      '  controls: [A.5.1]',
      '---',
      '',
    ].join('\n'),
  });
  result = await check({ root, today: '2026-11-24' });
});

const link = linkBuilder({ serverUrl: 'https://github.com', owner: 'octo-org', repo: 'isms', sha: 'abc123' });

function comment(overrides: Partial<Parameters<typeof renderPrComment>[0]> = {}): string {
  return renderPrComment({
    result,
    linkTo: link,
    changedFiles: new Set(['policies/a.md']),
    changes: policyChanges([{ filename: 'policies/a.md', status: 'added' }], result, null),
    comparison: { kind: 'unavailable', reason: 'the base commit 123 is not in the checkout' },
    onDiffLines: 0,
    ...overrides,
  });
}

describe('planComment', () => {
  const body = `${SUMMARY_MARKER}\nhello`;
  it('creates when there is no comment of ours', () => {
    expect(planComment([{ id: 1, body: 'unrelated', author: 'github-actions[bot]' }], 'github-actions[bot]', body)).toEqual({ kind: 'create', body });
  });
  it('ignores the marker in a comment by anyone else', () => {
    expect(planComment([{ id: 1, body, author: 'mallory' }], 'github-actions[bot]', body).kind).toBe('create');
  });
  it('updates our earliest marked comment, and skips when the body is the same', () => {
    const comments = [
      { id: 9, body: `${SUMMARY_MARKER}\nnewer`, author: 'GitHub-Actions[bot]' },
      { id: 5, body: `${SUMMARY_MARKER}\nold`, author: 'github-actions[bot]' },
    ];
    expect(planComment(comments, 'github-actions[bot]', body)).toEqual({ kind: 'update', commentId: 5, body });
    expect(planComment([{ id: 5, body: `${body.replace('\n', '\r\n')}\n`, author: 'github-actions[bot]' }], 'github-actions[bot]', body)).toEqual({
      kind: 'unchanged',
      commentId: 5,
    });
  });
});

describe('renderPrComment', () => {
  it('shows the 93-cell Annex A coverage picture, folded', () => {
    const body = comment();
    expect(body).toContain('<details><summary>Annex A coverage at the head of this pull request</summary>');
    const grid = body.slice(body.indexOf('<details>'), body.indexOf('</details>'));
    expect([...grid.matchAll(/🟩|🟨|🟥|⬜/gu)].length).toBe(93 + 4); // 93 cells and the 4 legend marks
    expect(grid).toContain('🟩 1 covered');
  });

  it('starts with the hidden marker and is the same text on every run', () => {
    expect(comment().startsWith(`${SUMMARY_MARKER}\n`)).toBe(true);
    expect(comment()).toBe(comment());
  });

  it('keeps hostile policy text inert: no HTML, no mention, no link, no broken table', () => {
    const body = comment();
    expect(body).not.toContain('<img');
    // Owners are code spans (GitHub notifies nobody there, and they paste back as written).
    expect(body.replace(/`[^`\n]*`/g, '')).not.toMatch(/@everyone|@org\/security|@alice/);
    expect(body).not.toContain('](javascript:');
    expect(body).toContain('&lt;img src=x onerror=alert\\(1\\)&gt; @\u200deveryone \\| \\#1');
    // Every table row keeps its column count (the coverage grid, checked above, has its own).
    const tables = body.slice(0, body.indexOf('<details>'));
    for (const line of tables.split('\n').filter((row) => row.startsWith('| '))) {
      const cells = line.replace(/\\\|/g, '').split('|').length;
      expect([6, 7]).toContain(cells);
    }
  });

  it('says why the coverage change is missing', () => {
    expect(comment()).toContain('_Coverage change not shown: the base commit 123 is not in the checkout._');
  });

  it('stays under 65,536 characters however many findings, with a note', () => {
    const many: Finding[] = Array.from({ length: 5000 }, (_, index) => ({
      rule: 'owner-invalid',
      severity: 'error',
      file: `policies/p${index}.md`,
      line: index + 1,
      column: 1,
      message: `${HOSTILE} `.repeat(40),
    }));
    const changed = new Set(many.map((item) => item.file!));
    const body = comment({
      result: { ...result, findings: many },
      changedFiles: changed,
      maxChangedRows: 100_000,
      notes: ['x'.repeat(100)],
    });
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(body.length).toBeGreaterThan(60_000);
    expect(body).toContain('cut here to fit GitHub\'s 65,536-character limit');
    expect(body.startsWith(SUMMARY_MARKER)).toBe(true);
  });
});

describe('renderJobSummary', () => {
  it('stays under 1 MiB in bytes (multi-byte text included), with a note', () => {
    const many: Finding[] = Array.from({ length: 20_000 }, (_, index) => ({
      rule: 'owner-invalid',
      severity: 'warning',
      file: `policies/ü${index}.md`,
      line: 1,
      column: 1,
      message: 'Ünïcödé '.repeat(20),
    }));
    const summary = renderJobSummary({ result: { ...result, findings: many }, linkTo: link, maxFindingRows: 100_000 });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1_000_000);
    expect(summary).toContain('cut here to stay under GitHub\'s 1 MiB limit');
  });

  it('lists the reviews due with owners as code (nobody is notified)', () => {
    const summary = renderJobSummary({ result, linkTo: link });
    expect(summary).toMatch(/### Reviews due[\s\S]*`@alice`, `@org\/security`[\s\S]*due in 7 days/);
  });
});

describe('links and PR policy changes', () => {
  it('links to the line at the head commit, encoding odd file names', () => {
    expect(link('policies/a b (draft)#1.md', 7)).toBe('https://github.com/octo-org/isms/blob/abc123/policies/a%20b%20%28draft%29%231.md#L7');
    expect(encodePath('x/[y].md')).toBe('x/%5By%5D.md');
  });

  it('names renamed and removed policies', () => {
    const changes = policyChanges(
      [
        { filename: 'policies/a.md', status: 'renamed', previous_filename: 'policies/old.md' },
        { filename: 'policies/gone.md', status: 'removed' },
        { filename: 'README.md', status: 'modified' },
      ],
      result,
      null,
    );
    expect(changes.map((change) => [change.change, change.file, change.previousFile])).toEqual([
      ['renamed', 'policies/a.md', 'policies/old.md'],
      ['removed', 'policies/gone.md', undefined],
    ]);
  });

  it('renders a delta with no change as one line', () => {
    const coverage = {
      controls: [],
      clauses: [],
      counts: { controls: 93, applicable: 0, covered: 1, overdueOnly: 0, draftOnly: 0, uncovered: 92, excluded: 0, undecided: 0, requiredClauses: 14, requiredClausesCovered: 0, requiredClausesDraftOnly: 0 },
    };
    const lines = coverageDeltaLines({
      kind: 'delta',
      baseSha: 'abcdef1234',
      base: coverage,
      head: coverage,
      delta: { controlsGained: [], controlsLost: [], controlsChanged: [], clausesGained: [], clausesLost: [] },
    });
    expect(lines.join('\n')).toContain('No control or clause changes its coverage.');
  });

  it('shows a control a PR maps only in a draft as "only by drafts", never as covered, in the grid and the delta', async () => {
    const soa = 'controls:\n  A.5.1: { applicable: true, implementation: implemented }\n  A.5.2: { applicable: true, implementation: planned }\n';
    const approved = '---\nid: POL-A-001\ntitle: A\nowners: ["@alice"]\napprover: "@bob"\nstatus: approved\nlast_reviewed: 2026-06-01\niso27001:\n  controls: [A.5.1]\n---\n';
    const draft = '---\nid: POL-D-001\ntitle: D\nowners: ["@alice"]\nstatus: draft\niso27001:\n  controls: [A.5.2]\n  clauses: [10.2]\n---\n';
    const base = await check({ root: makeRepo({ 'soa.yml': soa, 'policies/a.md': approved }), today: '2026-11-24' });
    const head = await check({ root: makeRepo({ 'soa.yml': soa, 'policies/a.md': approved, 'policies/d.md': draft }), today: '2026-11-24' });
    const before = computeCoverage(base.policies, base.soa);
    const after = computeCoverage(head.policies, head.soa);
    const delta = coverageDelta(before, after);
    expect(delta.controlsGained).toEqual([]);
    expect(delta.controlsChanged).toEqual([{ id: 'A.5.2', from: 'uncovered', to: 'draft-only' }]);
    const text = coverageDeltaLines({ kind: 'delta', baseSha: 'abcdef1234', base: before, head: after, delta }).join('\n');
    expect(text).toContain('controls covered 1 → 1 of 93 (only by drafts 0 → 1)');
    expect(text).toContain('required clauses mapped 1 → 1 of 14 (only by drafts 0 → 1)');
    expect(text).toContain('`A.5.2` uncovered → only by drafts');
    expect(text).not.toContain('Controls now covered');
    const grid = coverageMarkdown(head);
    expect(grid).toContain('🟩 1 covered · 🟨 0 only by overdue policies · 🟦 1 only by drafts · 🟥 0 not covered · ⬜ 0 not applicable · 🟪 91 undecided · of 93 controls');
    expect(grid).toMatch(/\| A\.5 Organizational \(37\) \| 🟩🟦🟪🟪🟪 /u);
    expect(grid).toContain('- Only by drafts (not in force until approved): `A.5.2`');
    expect(grid).toContain('only by drafts `10.2`');
    const comment = renderPrComment({ result: head, linkTo: null, changedFiles: new Set(['policies/d.md']), changes: [], comparison: { kind: 'delta', baseSha: 'abcdef1234', base: before, head: after, delta }, onDiffLines: 0 });
    expect(comment).toContain('🟦 1 only by drafts');
    expect(comment).toContain('(only by drafts 0 → 1)');
  });
});
