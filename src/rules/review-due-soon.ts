/**
 * review-due-soon: the next review falls within `remind_within_days` of today
 * (today included), early enough to plan it.
 */
import type { FileRule } from './types.js';

export const reviewDueSoon: FileRule = {
  id: 'review-due-soon',
  scope: 'file',
  defaultSeverity: 'warning',
  summary: '`next_review` is within `remind_within_days` of today (today included).',
  docs: 'Plan the review with the owners; the scheduled action opens a reminder issue for it. The window is `remind_within_days` in `.isms.yml` (default 30).',
  examples: {
    ok: [{ name: 'due in months', text: '---\nstatus: approved\nlast_reviewed: 2026-06-01\n---\n' }],
    notOk: [
      {
        name: 'due in three weeks',
        text: '---\nstatus: approved\nlast_reviewed: 2025-12-15\n---\n',
        expected: ['3:16 Review due on 2026-12-15 (in 21 days)'],
      },
      { name: 'due today', text: '---\nstatus: approved\nlast_reviewed: 2025-11-24\n---\n', expected: ['3:16 Review due on 2026-11-24 (today)'] },
    ],
  },
  check({ frontMatter, policy, report }) {
    if (policy.review_state !== 'due-soon' || !policy.next_review) return;
    const days = policy.days_until_review ?? 0;
    const field = frontMatter.data.next_review !== undefined ? 'next_review' : 'last_reviewed';
    report(
      `Review due on ${policy.next_review} (${days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`}): plan the review with the owners and then update \`last_reviewed\``,
      frontMatter.valuePosition([field]),
    );
  },
};
