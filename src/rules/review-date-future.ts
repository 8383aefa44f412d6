/**
 * review-date-future: a review cannot have happened after today. Usually a typo
 * in the year, which would silently push the next review a year out.
 */
import { compareDates, parseDate } from '../model/dates.js';
import type { FileRule } from './types.js';

export const reviewDateFuture: FileRule = {
  id: 'review-date-future',
  scope: 'file',
  defaultSeverity: 'error',
  summary: '`last_reviewed` is after today.',
  docs: 'Set `last_reviewed` to the day the review took place. Runs use today in UTC, or `--today` / `ISMS_TODAY`.',
  examples: {
    ok: [{ name: 'reviewed today', text: '---\nlast_reviewed: 2026-11-24\n---\n' }],
    notOk: [{ name: 'a year typo', text: '---\nlast_reviewed: 2027-11-01\n---\n', expected: ['2:16 `last_reviewed` 2027-11-01 is after today (2026-11-24)'] }],
  },
  check({ frontMatter, policy, today, report }) {
    if (!policy.last_reviewed) return;
    if (compareDates(parseDate(policy.last_reviewed)!, today) <= 0) return;
    const todayText = `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`;
    report(
      `Unexpected \`last_reviewed\` ${policy.last_reviewed} is after today (${todayText}): set it to the day the review took place`,
      frontMatter.valuePosition(['last_reviewed']),
    );
  },
};
