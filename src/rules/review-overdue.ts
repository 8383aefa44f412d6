/**
 * review-overdue: the policy's next review date has passed. ISO/IEC 27001 asks
 * for policies to be reviewed at planned intervals (5.2, A.5.1).
 */
import type { FileRule } from './types.js';

export const reviewOverdue: FileRule = {
  id: 'review-overdue',
  scope: 'file',
  defaultSeverity: 'error',
  summary: '`next_review` is before today.',
  docs: 'Review the document, then record it: set `last_reviewed` to the review date (or run `isms review <id>`). `next_review`, when written, must move too. Drafts and retired documents are never overdue.',
  examples: {
    ok: [
      { name: 'reviewed this year', text: '---\nstatus: approved\nlast_reviewed: 2026-03-01\n---\n' },
      { name: 'a draft', text: '---\nstatus: draft\nlast_reviewed: 2020-01-01\n---\n' },
    ],
    notOk: [
      {
        name: 'twelve months passed',
        text: '---\nstatus: approved\nlast_reviewed: 2025-10-31\n---\n',
        expected: ['3:16 Review overdue since 2026-10-31'],
      },
      {
        name: 'an explicit next_review in the past',
        text: '---\nstatus: review\nlast_reviewed: 2026-01-10\nnext_review: 2026-06-30\n---\n',
        expected: ['4:14 Review overdue since 2026-06-30'],
      },
    ],
  },
  check({ frontMatter, policy, report }) {
    if (policy.status === 'draft' || policy.status === 'retired') return;
    if (policy.review_state !== 'overdue' || !policy.next_review) return;
    const days = -(policy.days_until_review ?? 0);
    const field = frontMatter.data.next_review !== undefined ? 'next_review' : 'last_reviewed';
    report(
      `Review overdue since ${policy.next_review} (${days} day${days === 1 ? '' : 's'}; last reviewed ${policy.last_reviewed}, every ${policy.review_every}): review the document and update \`last_reviewed\``,
      frontMatter.valuePosition([field]),
    );
  },
};
