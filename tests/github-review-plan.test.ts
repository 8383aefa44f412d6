/** The diff-hunk parser and the review planner: which findings become line comments, and which do not. */
import { describe, expect, it } from 'vitest';
import { commentableLines, parseHunks } from '../src/github/diff.js';
import { findingMarker, planReview, type ExistingReviewComment, type PullFileInfo } from '../src/github/review-plan.js';
import type { Finding } from '../src/model/finding.js';

describe('parseHunks', () => {
  it('counts added and context lines on the right, skips removed ones', () => {
    const patch = ['@@ -1,4 +1,5 @@', ' ---', '-id: OLD', '+id: NEW', '+title: T', ' status: approved', ' ---'].join('\n');
    expect([...commentableLines(patch)]).toEqual([1, 2, 3, 4, 5]);
    expect(parseHunks(patch)[0]?.added).toEqual([2, 3]);
  });

  it('follows several hunks and their right-side starts', () => {
    const patch = ['@@ -2,3 +2,3 @@ title', ' a', '-b', '+B', ' c', '@@ -20,2 +20,3 @@', ' x', '+y', ' z'].join('\n');
    expect([...commentableLines(patch)]).toEqual([2, 3, 4, 20, 21, 22]);
  });

  it('reads a hunk header without counts as one line, and a new file from +1', () => {
    expect([...commentableLines('@@ -0,0 +1 @@\n+only line')]).toEqual([1]);
    expect([...commentableLines('@@ -3 +3 @@\n-old\n+new')]).toEqual([3]);
  });

  it('ignores "\\ No newline at end of file" and anything past a hunk\'s counts', () => {
    const patch = ['@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+c', '\\ No newline at end of file', ''].join('\n');
    expect([...commentableLines(patch)]).toEqual([1, 2]);
  });

  it('treats a context line whose space was trimmed as context, and CRLF content as lines', () => {
    expect([...commentableLines('@@ -1,3 +1,3 @@\n a\r\n\n+b\r\n-c\r')]).toEqual([1, 2, 3]);
  });

  it('gives no lines for binary files and huge diffs (no patch)', () => {
    expect(commentableLines(undefined).size).toBe(0);
    expect(commentableLines(null).size).toBe(0);
    expect(commentableLines('Binary files differ').size).toBe(0);
  });

  it('handles a deletion-only hunk (nothing to comment on the right but its context)', () => {
    expect([...commentableLines('@@ -5,3 +5,2 @@\n x\n-gone\n y')]).toEqual([5, 6]);
  });
});

const finding = (file: string | null, line: number, rule = 'owner-invalid', severity: Finding['severity'] = 'error'): Finding => ({
  rule,
  severity,
  file,
  line,
  column: 3,
  message: `Problem at ${line} <b>@team</b>`,
});

const FILES: PullFileInfo[] = [
  { filename: 'policies/a.md', status: 'modified', patch: '@@ -1,3 +1,4 @@\n ---\n+owner: x\n id: A\n title: T' },
  { filename: 'policies/new.md', status: 'added', patch: '@@ -0,0 +1,2 @@\n+---\n+id: N' },
  { filename: 'policies/gone.md', status: 'removed', patch: '@@ -1,1 +0,0 @@\n----' },
  { filename: 'policies/binary.md', status: 'modified' },
];

describe('planReview', () => {
  it('comments on diff lines of PR files only; other PR-file findings are outside the diff', () => {
    const plan = planReview({
      findings: [finding('policies/a.md', 2), finding('policies/a.md', 9), finding('policies/new.md', 1), finding('policies/other.md', 1), finding(null, 1), finding('policies/binary.md', 1)],
      files: FILES,
      existing: [],
      identity: 'github-actions[bot]',
    });
    expect(plan.comments.map((comment) => `${comment.path}:${comment.line}`)).toEqual(['policies/a.md:2', 'policies/new.md:1']);
    expect(plan.comments.every((comment) => comment.side === 'RIGHT')).toBe(true);
    expect(plan.outsideDiff.map((item) => `${item.file}:${item.line}`)).toEqual(['policies/a.md:9', 'policies/binary.md:1']);
  });

  it('groups findings on one line into one comment with a marker per rule', () => {
    const plan = planReview({
      findings: [finding('policies/a.md', 2), finding('policies/a.md', 2, 'field-unknown', 'warning')],
      files: FILES,
      existing: [],
      identity: 'me',
    });
    expect(plan.comments).toHaveLength(1);
    expect(plan.comments[0]!.body).toContain(findingMarker('owner-invalid'));
    expect(plan.comments[0]!.body).toContain(findingMarker('field-unknown'));
    // Policy text is escaped: no HTML, no mention.
    expect(plan.comments[0]!.body).not.toContain('<b>');
    expect(plan.comments[0]!.body).toContain('@\u200dteam');
  });

  it('does not post again what our identity already posted at the same line for the same rule', () => {
    const existing: ExistingReviewComment[] = [
      { path: 'policies/a.md', line: 2, side: 'RIGHT', body: `old\n${findingMarker('owner-invalid')}`, author: 'github-actions[bot]' },
    ];
    const plan = planReview({ findings: [finding('policies/a.md', 2), finding('policies/a.md', 2, 'field-unknown')], files: FILES, existing, identity: 'github-actions[bot]' });
    expect(plan.alreadyPosted.map((item) => item.rule)).toEqual(['owner-invalid']);
    expect(plan.comments.map((comment) => comment.findings.map((item) => item.rule))).toEqual([['field-unknown']]);
  });

  it('posts again when the earlier comment is by someone else, on another line, or outdated', () => {
    const marker = findingMarker('owner-invalid');
    for (const existing of [
      { path: 'policies/a.md', line: 2, body: marker, author: 'mallory' },
      { path: 'policies/a.md', line: 3, body: marker, author: 'github-actions[bot]' },
      { path: 'policies/a.md', line: null, body: marker, author: 'github-actions[bot]' },
      { path: 'policies/a.md', line: 2, body: 'no marker', author: 'github-actions[bot]' },
    ] satisfies ExistingReviewComment[]) {
      const plan = planReview({ findings: [finding('policies/a.md', 2)], files: FILES, existing: [existing], identity: 'github-actions[bot]' });
      expect(plan.comments).toHaveLength(1);
    }
  });

  it('keeps a review to maxComments lines and hands back the rest', () => {
    const patch = `@@ -0,0 +1,5 @@\n${['a', 'b', 'c', 'd', 'e'].map((line) => `+${line}`).join('\n')}`;
    const plan = planReview({
      findings: [1, 2, 3, 4, 5].map((line) => finding('policies/n.md', line)),
      files: [{ filename: 'policies/n.md', status: 'added', patch }],
      existing: [],
      identity: 'me',
      maxComments: 3,
    });
    expect(plan.comments).toHaveLength(3);
    expect(plan.overLimit.map((item) => item.line)).toEqual([4, 5]);
  });
});
