/**
 * next-review-inconsistent: an explicit `next_review` must come after
 * `last_reviewed` and no later than `last_reviewed + review_every`, or the
 * written date quietly stretches the review cycle.
 */
import { compareDates, formatDate, parseDate } from '../model/dates.js';
import { reviewFacts } from '../model/policy.js';
import type { FileRule } from './types.js';

export const nextReviewInconsistent: FileRule = {
  id: 'next-review-inconsistent',
  scope: 'file',
  defaultSeverity: 'warning',
  summary: '`next_review` is not after `last_reviewed`, or later than `last_reviewed + review_every`.',
  docs: 'Remove `next_review` to let it be computed, or set it within the cadence. Months are calendar months, clamped to the month end (2026-05-31 + 4 months = 2026-09-30).',
  examples: {
    ok: [{ name: 'an earlier review planned', text: '---\nlast_reviewed: 2026-05-31\nreview_every: 4 months\nnext_review: 2026-09-30\n---\n' }],
    notOk: [
      {
        name: 'past the cadence',
        text: '---\nlast_reviewed: 2026-05-31\nreview_every: 4 months\nnext_review: 2026-10-01\n---\n',
        expected: ['4:14 expected 2026-09-30 at the latest'],
      },
      { name: 'before the last review', text: '---\nlast_reviewed: 2026-05-31\nnext_review: 2026-05-01\n---\n', expected: ['3:14 not after'] },
    ],
  },
  check({ frontMatter, config, report }) {
    const written = frontMatter.data.next_review;
    if (typeof written !== 'string') return;
    const next = parseDate(written);
    const facts = reviewFacts(frontMatter.data, config);
    if (!next || !facts.lastReviewed || !facts.computedNextReview) return;
    const position = frontMatter.valuePosition(['next_review']);
    if (compareDates(next, facts.lastReviewed) <= 0) {
      report(`Unexpected \`next_review\` ${written}, not after \`last_reviewed\` ${formatDate(facts.lastReviewed)}: remove it or set a later date`, position);
    } else if (compareDates(next, facts.computedNextReview) > 0) {
      report(
        `Unexpected \`next_review\` ${written}, expected ${formatDate(facts.computedNextReview)} at the latest (\`last_reviewed\` + ${facts.reviewEvery.text})`,
        position,
      );
    }
  },
};
