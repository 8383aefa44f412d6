/**
 * history-invalid: the version history tells what happened, in order. An entry
 * dated after today records a change that has not happened; an entry out of
 * order makes the latest version hard to find and suggests a wrong date.
 *
 * Oldest-first and newest-first are both in use, so the order is the one most
 * neighbouring entries follow (oldest first on a tie); an entry is out of order
 * when it breaks that order against the entry just before it, so one misplaced
 * entry is one finding. Entries without a valid date are other rules' findings.
 */
import { compareDates, formatDate, parseDate } from '../model/dates.js';
import { historyEntries } from '../model/document-control.js';
import type { FileRule } from './types.js';

export const historyInvalid: FileRule = {
  id: 'history-invalid',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'A `history` entry is dated after today, or is out of date order.',
  docs: [
    'Each `history` entry records a change that happened: its `date` is today or earlier. Entries are listed in date order, oldest first or newest first (the order most of the entries follow); an entry that breaks it is reported with both dates.',
    'Fix the date, or move the entry to its place. A planned change belongs in the document once it is made; the date a document takes effect is `effective_date`.',
  ].join('\n\n'),
  examples: {
    ok: [
      {
        name: 'oldest first',
        text: '---\nhistory:\n  - { version: "0.9", date: 2025-11-02, summary: Draft }\n  - { version: "1.0", date: 2026-01-15, summary: First issue }\n---\n',
      },
      {
        name: 'newest first',
        text: '---\nhistory:\n  - { version: "1.1", date: 2026-06-01, summary: Remote access }\n  - { version: "1.0", date: 2026-01-15, summary: First issue }\n  - { version: "0.9", date: 2025-11-02, summary: Draft }\n---\n',
      },
    ],
    notOk: [
      {
        name: 'an entry out of order',
        text: '---\nhistory:\n  - { version: "0.9", date: 2025-11-02, summary: Draft }\n  - { version: "1.1", date: 2026-06-01, summary: Remote access }\n  - { version: "1.0", date: 2026-01-15, summary: First issue }\n---\n',
        expected: ['5:5 `history` entry 3 (2026-01-15) is dated before entry 2 (2026-06-01)'],
      },
      {
        name: 'an entry dated after today',
        today: '2026-11-24',
        text: '---\nhistory:\n  - version: "1.0"\n    date: 2026-01-15\n    summary: First issue\n  - version: "2.0"\n    date: 2027-01-01\n    summary: Planned rewrite\n---\n',
        expected: ['7:11 `history` entry 2 is dated 2027-01-01, after today (2026-11-24)'],
      },
    ],
  },
  check({ frontMatter, report, today }) {
    const dated = historyEntries(frontMatter).flatMap((located) => {
      const date = typeof located.dateValue === 'string' ? parseDate(located.dateValue.trim()) : undefined;
      return date ? [{ ...located, date }] : [];
    });
    for (const entry of dated) {
      if (compareDates(entry.date, today) > 0) {
        report(
          `\`history\` entry ${entry.index} is dated ${formatDate(entry.date)}, after today (${formatDate(today)}): history records changes that were made; fix the date or remove the entry until the change is made`,
          entry.datePosition,
        );
      }
    }
    let ascending = 0;
    let descending = 0;
    for (let index = 1; index < dated.length; index++) {
      const order = compareDates(dated[index - 1]!.date, dated[index]!.date);
      if (order < 0) ascending++;
      else if (order > 0) descending++;
    }
    const newestFirst = descending > ascending;
    for (let index = 1; index < dated.length; index++) {
      const previous = dated[index - 1]!;
      const entry = dated[index]!;
      const order = compareDates(previous.date, entry.date);
      if (newestFirst ? order >= 0 : order <= 0) continue;
      report(
        `\`history\` entry ${entry.index} (${formatDate(entry.date)}) is dated ${newestFirst ? 'after' : 'before'} entry ${previous.index} (${formatDate(previous.date)}), but the history is listed ${newestFirst ? 'newest' : 'oldest'} first: move the entry to its place or fix its date`,
        entry.position,
      );
    }
  },
};
