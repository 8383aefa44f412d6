/**
 * date-invalid: dates are real calendar dates written `YYYY-MM-DD`. They are
 * validated as written: `2026-02-30` is an error, never rolled over to March.
 */
import { parseDate } from '../model/dates.js';
import { historyEntries } from '../model/document-control.js';
import { DATE_FIELDS, show } from './fields.js';
import type { FileRule } from './types.js';

export const dateInvalid: FileRule = {
  id: 'date-invalid',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'A date field that is not a real `YYYY-MM-DD` date (`2026-02-30`).',
  docs: `Checked fields: ${DATE_FIELDS.map((field) => `\`${field}\``).join(', ')} and the \`date\` of each \`history\` entry. Write the date as \`2026-03-31\`: four-digit year, two-digit month and day.`,
  examples: {
    ok: [{ name: 'a leap day', text: '---\nlast_reviewed: 2024-02-29\n---\n' }],
    notOk: [
      { name: 'the 30th of February', text: '---\nlast_reviewed: 2026-02-30\n---\n', expected: ['2:16 Unexpected date `2026-02-30`'] },
      { name: 'a day-first date', text: '---\nnext_review: 31/03/2027\n---\n', expected: ['2:14 YYYY-MM-DD'] },
      { name: 'a number', text: '---\napproved_on: 20260101\n---\n', expected: ['2:14'] },
      { name: 'a day-first effective date', text: '---\neffective_date: 01.02.2026\n---\n', expected: ['2:17 Unexpected date `01.02.2026` in `effective_date`'] },
      {
        name: 'a history entry on the 31st of April',
        text: '---\nhistory:\n  - version: "1.0"\n    date: 2026-04-31\n    summary: First issue\n---\n',
        expected: ['4:11 Unexpected date `2026-04-31` in `history` entry 1'],
      },
    ],
  },
  check({ frontMatter, report }) {
    for (const field of DATE_FIELDS) {
      const value = frontMatter.data[field];
      if (value === undefined || value === null || value === '') continue;
      if (typeof value === 'string' && parseDate(value.trim())) continue;
      report(
        `Unexpected date ${show(value)} in \`${field}\`, expected a real date written YYYY-MM-DD (e.g. 2026-03-31)`,
        frontMatter.valuePosition([field]),
      );
    }
    for (const located of historyEntries(frontMatter)) {
      // An entry without a date is field-invalid's.
      const value = located.dateValue;
      if (value === undefined || value === null || value === '') continue;
      if (typeof value === 'string' && parseDate(value.trim())) continue;
      report(`Unexpected date ${show(value)} in \`history\` entry ${located.index}, expected a real date written YYYY-MM-DD (e.g. 2026-03-31)`, located.datePosition);
    }
  },
};
