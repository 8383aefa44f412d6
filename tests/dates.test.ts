/**
 * Dates and review cadences (the front-matter reference in the README): dates as written, calendar months
 * clamped to the month's end, the cadence syntaxes, the computed next review and
 * the review-state boundaries the reminders and `isms due` depend on.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { defaultConfig } from '../src/config/load.js';
import {
  addDays,
  addDuration,
  addMonths,
  compareDates,
  daysBetween,
  formatDate,
  parseDate,
  parseDuration,
  readDuration,
  todayUtc,
  type CalendarDate,
} from '../src/model/dates.js';
import { reviewFacts, reviewState } from '../src/model/policy.js';
import { runCli } from '../src/cli/run.js';
import { makeRepo } from './support/repo.js';

function date(text: string): CalendarDate {
  const parsed = parseDate(text);
  if (!parsed) throw new Error(`test date ${text} is invalid`);
  return parsed;
}

/** `start` plus the cadence `every`, as `YYYY-MM-DD`. */
function plus(start: string, every: string): string {
  const duration = parseDuration(every);
  if (!duration) throw new Error(`test cadence ${every} is invalid`);
  const moved = addDuration(date(start), duration);
  if (!moved) throw new Error(`test date ${start} + ${every} leaves the calendar`);
  return formatDate(moved);
}

/** A computed date as text, or `none` when the computation left years 1-9999. */
function shown(value: CalendarDate | undefined): string {
  return value ? formatDate(value) : 'none';
}

describe('parseDate', () => {
  it.each(['2026-01-01', '2026-12-31', '2024-02-29', '2000-02-29', '2026-04-30'])('accepts %s', (text) => {
    expect(formatDate(date(text))).toBe(text);
  });

  it.each([
    ['2026-02-29', 'not a leap year'],
    ['1900-02-29', 'century, not a leap year'],
    ['2026-02-30', 'no 30th of February'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-13-01', 'no 13th month'],
    ['2026-00-10', 'no month 0'],
    ['2026-01-00', 'no day 0'],
    ['2026-1-5', 'digits missing'],
    ['26-01-05', 'two-digit year'],
    ['2026/01/05', 'slashes'],
    ['2026-01-05T00:00:00Z', 'a timestamp'],
    [' 2026-01-05', 'leading space'],
    ['', 'empty'],
    ['0000-01-01', 'year 0 is before the calendar'],
    ['0000-02-29', 'year 0'],
    ['99999-01-01', 'five-digit year'],
    ['+10000-01-01', 'signed year'],
  ])('rejects %j (%s)', (text) => {
    expect(parseDate(text)).toBeUndefined();
  });

  it.each(['0001-01-01', '9999-12-31', '0004-02-29', '0400-02-29'])('accepts the edge year date %s', (text) => {
    expect(formatDate(date(text))).toBe(text);
  });

  it('rejects 0100-02-29 (a century, not a leap year), which Date.UTC would read as 1900', () => {
    expect(parseDate('0100-02-29')).toBeUndefined();
  });
});

describe('dates stay in years 1 to 9999, never NaN', () => {
  it('counts days across years below 100, which Date.UTC reads as 1900-1999', () => {
    expect(daysBetween(date('0099-12-31'), date('0100-01-01'))).toBe(1);
    expect(shown(addDays(date('0099-12-31'), 1))).toBe('0100-01-01');
    expect(shown(addMonths(date('0099-12-31'), 2))).toBe('0100-02-28');
    expect(daysBetween(date('0001-01-01'), date('9999-12-31'))).toBe(3_652_058);
  });

  it('a computation past 9999-12-31 or before 0001-01-01 has no result', () => {
    expect(shown(addDuration(date('9999-06-01'), parseDuration('1 year')!))).toBe('none');
    expect(shown(addDuration(date('9999-12-31'), parseDuration('1 day')!))).toBe('none');
    expect(shown(addDuration(date('9990-01-01'), parseDuration('10 years')!))).toBe('none');
    expect(shown(addDuration(date('9989-12-31'), parseDuration('10 years')!))).toBe('9999-12-31');
    expect(shown(addDays(date('0001-01-01'), -1))).toBe('none');
    expect(shown(addMonths(date('2026-01-01'), Number.MAX_VALUE))).toBe('none');
    expect(shown(addDays(date('2026-01-01'), Infinity))).toBe('none');
  });

  it('never formats NaN, whatever a cadence adds', () => {
    for (const every of ['10 years', '120 months', '3652 days', 'P10Y', '521 weeks']) {
      for (const start of ['0001-01-01', '2026-02-28', '9989-12-31', '9999-12-31']) {
        const moved = addDuration(date(start), parseDuration(every)!);
        expect(moved === undefined || /^\d{4}-\d{2}-\d{2}$/.test(formatDate(moved)), `${start} + ${every}`).toBe(true);
      }
    }
  });
});

describe('calendar arithmetic', () => {
  it('adds months clamped to the end of the month', () => {
    expect(plus('2026-05-31', '4 months')).toBe('2026-09-30');
    expect(plus('2026-01-31', '1 month')).toBe('2026-02-28');
    expect(plus('2026-03-31', 'P1M')).toBe('2026-04-30');
    expect(plus('2026-08-31', '6 months')).toBe('2027-02-28');
    expect(plus('2026-12-15', '1 month')).toBe('2027-01-15');
    expect(plus('2026-01-15', '36 months')).toBe('2029-01-15');
  });

  it('handles leap years', () => {
    expect(plus('2028-01-31', '1 month')).toBe('2028-02-29');
    expect(plus('2024-02-29', '1 year')).toBe('2025-02-28');
    expect(plus('2024-02-29', 'P4Y')).toBe('2028-02-29');
    expect(plus('2024-02-28', '1 day')).toBe('2024-02-29');
    expect(plus('2026-02-28', '1 day')).toBe('2026-03-01');
    expect(plus('2099-02-28', 'P1D')).toBe('2099-03-01');
  });

  it('adds days and weeks across months and years', () => {
    expect(plus('2026-01-01', '90 days')).toBe('2026-04-01');
    expect(plus('2026-01-01', 'P90D')).toBe('2026-04-01');
    expect(plus('2026-12-25', '2 weeks')).toBe('2027-01-08');
    expect(plus('2026-12-25', 'P2W')).toBe('2027-01-08');
    expect(shown(addDays(date('2026-03-01'), -1))).toBe('2026-02-28');
  });

  it('adds months before days in a combined cadence', () => {
    expect(plus('2026-01-31', 'P1M15D')).toBe('2026-03-15');
    expect(plus('2026-05-31', 'P1Y6M')).toBe('2027-11-30');
  });

  it('counts days between dates and compares them', () => {
    expect(daysBetween(date('2026-11-24'), date('2026-12-24'))).toBe(30);
    expect(daysBetween(date('2026-11-24'), date('2026-11-23'))).toBe(-1);
    expect(daysBetween(date('2024-01-01'), date('2025-01-01'))).toBe(366);
    expect(compareDates(date('2026-01-02'), date('2026-01-01'))).toBeGreaterThan(0);
    expect(compareDates(date('2026-01-01'), date('2026-01-01'))).toBe(0);
    expect(compareDates(date('2025-12-31'), date('2026-01-01'))).toBeLessThan(0);
    expect(shown(addMonths(date('2026-11-30'), 3))).toBe('2027-02-28');
  });

  it('today is the UTC date', () => {
    expect(todayUtc(new Date('2026-11-24T23:59:59Z'))).toBe('2026-11-24');
    expect(todayUtc(new Date('2026-11-24T23:59:59-05:00'))).toBe('2026-11-25');
  });
});

describe('parseDuration', () => {
  it.each([
    ['P1Y', 12, 0],
    ['P6M', 6, 0],
    ['P90D', 0, 90],
    ['P2W', 0, 14],
    ['P1Y6M', 18, 0],
    ['p1y', 12, 0],
    ['1 year', 12, 0],
    ['2 years', 24, 0],
    ['12 months', 12, 0],
    ['1 month', 1, 0],
    ['2 weeks', 0, 14],
    ['1 week', 0, 7],
    ['90 days', 0, 90],
    ['1 day', 0, 1],
    ['6 Months', 6, 0],
    ['  12 months ', 12, 0],
    ['12months', 12, 0],
  ])('%j is %i months and %i days', (text, months, days) => {
    expect(parseDuration(text)).toMatchObject({ months, days });
  });

  it('keeps the text as written (trimmed) for messages', () => {
    expect(parseDuration(' 6 months ')?.text).toBe('6 months');
  });

  it.each([
    ['', 'empty'],
    ['12', 'no unit'],
    ['monthly', 'a word'],
    ['0 months', 'zero'],
    ['P0D', 'zero'],
    ['P', 'nothing'],
    ['-1 months', 'negative'],
    ['1.5 years', 'fraction'],
    ['P1.5Y', 'fraction'],
    ['PT12H', 'a time duration'],
    ['P1Y2H', 'hours'],
    ['12 fortnights', 'an unknown unit'],
    ['1 year 6 months', 'two units in words'],
    ['0 years', 'zero'],
    ['0 days', 'zero'],
    ['P0Y0M', 'zero'],
    ['P0W', 'zero'],
  ])('rejects %j (%s)', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it.each([
    ['10 years', 120, 0],
    ['120 months', 120, 0],
    ['P10Y', 120, 0],
    ['P9Y12M', 120, 0],
    ['3652 days', 0, 3652],
    ['521 weeks', 0, 3647],
  ])('accepts %j, within the 10-year maximum', (text, months, days) => {
    expect(parseDuration(text)).toMatchObject({ months, days });
  });

  it.each([
    '999999999999 years',
    '11 years',
    '121 months',
    '3653 days',
    '522 weeks',
    'P99999999Y',
    'P10Y1D',
    'P10Y1M',
    'P119M31D',
    `${'9'.repeat(400)} days`,
  ])('rejects %j: longer than 10 years', (text) => {
    expect(parseDuration(text)).toBeUndefined();
    expect(readDuration(text)).toEqual({ ok: false, problem: 'too-long' });
  });

  it('says why a cadence is refused: too long, zero or unreadable', () => {
    expect(readDuration('0 months')).toEqual({ ok: false, problem: 'zero' });
    expect(readDuration('P0D')).toEqual({ ok: false, problem: 'zero' });
    expect(readDuration('monthly')).toEqual({ ok: false, problem: 'syntax' });
  });
});

describe('next_review', () => {
  const config = defaultConfig('/repo');

  it('is last_reviewed + review_every, the config default being 12 months', () => {
    const facts = reviewFacts({ last_reviewed: '2026-05-31', review_every: '4 months' }, config);
    expect(formatDate(facts.nextReview!)).toBe('2026-09-30');
    expect(formatDate(reviewFacts({ last_reviewed: '2026-05-31' }, config).nextReview!)).toBe('2027-05-31');
  });

  it('follows the config\'s review_every', () => {
    const sixMonthly = { ...config, reviewEvery: parseDuration('6 months')! };
    expect(formatDate(reviewFacts({ last_reviewed: '2026-08-31' }, sixMonthly).nextReview!)).toBe('2027-02-28');
  });

  it('an explicit next_review wins; the computed one is kept for the consistency check', () => {
    const facts = reviewFacts({ last_reviewed: '2026-01-10', next_review: '2026-07-01' }, config);
    expect(formatDate(facts.nextReview!)).toBe('2026-07-01');
    expect(formatDate(facts.computedNextReview!)).toBe('2027-01-10');
  });

  it('an invalid date or cadence falls back instead of guessing', () => {
    expect(reviewFacts({ last_reviewed: '2026-02-30' }, config).nextReview).toBeUndefined();
    expect(formatDate(reviewFacts({ last_reviewed: '2026-01-10', review_every: 'often' }, config).nextReview!)).toBe('2027-01-10');
    expect(formatDate(reviewFacts({ last_reviewed: '2026-01-10', next_review: '2026-02-30' }, config).nextReview!)).toBe('2027-01-10');
  });
});

describe('review state', () => {
  const today = date('2026-11-24');
  const state = (next: string | undefined, within = 30, status: string | null = 'approved') =>
    reviewState(status, next === undefined ? undefined : date(next), today, within);

  it('due today is due-soon, yesterday is overdue', () => {
    expect(state('2026-11-24')).toBe('due-soon');
    expect(state('2026-11-23')).toBe('overdue');
  });

  it('the window includes its last day and not the day after', () => {
    expect(state('2026-12-24')).toBe('due-soon');
    expect(state('2026-12-25')).toBe('ok');
    expect(state('2026-11-25', 0)).toBe('ok');
    expect(state('2026-11-24', 0)).toBe('due-soon');
  });

  it('drafts and retired documents are never due; an unreviewed one in force is overdue', () => {
    expect(state('2020-01-01', 30, 'draft')).toBe('draft');
    expect(state('2020-01-01', 30, 'retired')).toBe('retired');
    expect(state(undefined)).toBe('overdue');
    expect(state('2027-06-01', 30, 'review')).toBe('ok');
  });
});

describe('review findings through the checker', () => {
  const findings = async (lastReviewed: string, today: string, extra = '') => {
    const root = makeRepo({
      '.isms.yml': 'rules:\n  clause-uncovered: off\n',
      'policies/a.md': `---\nid: POL-A-001\ntitle: A\nowners: ["@alice"]\napprover: "@bob"\nstatus: approved\nlast_reviewed: ${lastReviewed}\n${extra}iso27001:\n  controls: [A.5.15]\n---\n`,
    });
    const result = await check({ root, today });
    return result.findings.map((finding) => `${finding.rule} ${finding.line}:${finding.column} ${finding.message}`);
  };

  it('names the due date: due today, due yesterday', async () => {
    expect(await findings('2025-11-24', '2026-11-24')).toEqual([expect.stringMatching(/^review-due-soon 7:16 Review due on 2026-11-24 \(today\)/)]);
    expect(await findings('2025-11-23', '2026-11-24')).toEqual([expect.stringMatching(/^review-overdue 7:16 Review overdue since 2026-11-23 \(1 day;/)]);
  });

  it('uses the month-end clamp for the due date', async () => {
    expect(await findings('2026-05-31', '2026-10-01', 'review_every: 4 months\n')).toEqual([
      expect.stringMatching(/^review-overdue 7:16 Review overdue since 2026-09-30 \(1 day;.*every 4 months/),
    ]);
  });

  it('a review in the future is an error', async () => {
    expect(await findings('2026-11-25', '2026-11-24')).toEqual([expect.stringMatching(/^review-date-future 7:16 .*2026-11-25/)]);
  });
});

describe('cadences that would never fall due, through the checker and `isms due`', () => {
  const policy = (frontMatter: string) =>
    `---\nid: POL-A-001\ntitle: A\nowners: ["@alice"]\napprover: "@bob"\nstatus: approved\n${frontMatter}iso27001:\n  controls: [A.5.15]\n---\n`;
  const repoWith = (frontMatter: string, config = '') =>
    makeRepo({ '.isms.yml': `rules:\n  clause-uncovered: off\n${config}`, 'policies/a.md': policy(frontMatter) });
  const checked = async (frontMatter: string, today = '2026-11-24') => {
    const result = await check({ root: repoWith(frontMatter), today });
    return {
      findings: result.findings.map((finding) => `${finding.rule} ${finding.line}:${finding.column} ${finding.message}`),
      next: result.policies[0]!.next_review,
      state: result.policies[0]!.review_state,
    };
  };
  const due = async (root: string, today = '2026-11-24') => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['due', '--today', today], {
      cwd: root,
      env: {},
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      isTTY: false,
    });
    return { code, stdout, stderr };
  };

  it.each(['999999999999 years', 'P99999999Y', '11 years'])(
    '`review_every: %s` is field-invalid and the review falls due on the 12-month default',
    async (every) => {
      const result = await checked(`last_reviewed: 2025-01-10\nreview_every: ${every}\n`);
      expect(result.findings).toContainEqual(
        `field-invalid 8:15 Unexpected \`review_every\` \`${every}\`, expected a cadence of at most 10 years such as \`12 months\``,
      );
      expect(result.next).toBe('2026-01-10');
      expect(result.state).toBe('overdue');
      expect(result.findings).toContainEqual(expect.stringMatching(/^review-overdue 7:16 Review overdue since 2026-01-10/));
    },
  );

  it('`isms due` lists the policy with the huge cadence as overdue, with a real date', async () => {
    const result = await due(repoWith('last_reviewed: 2025-01-10\nreview_every: 999999999999 years\n'));
    expect(result.stdout).not.toMatch(/NaN/);
    expect(result.stdout).toMatch(/^overdue +2026-01-10 +318d overdue +POL-A-001/m);
    expect(result.stdout).toContain('1 overdue, 0 due within 30 days, of 1 policies');
  });

  it.each(['0 months', 'P0D'])('a zero cadence (`%s`) is field-invalid', async (every) => {
    const result = await checked(`last_reviewed: 2026-01-10\nreview_every: ${every}\n`);
    expect(result.findings).toContainEqual(expect.stringMatching(/^field-invalid 8:15 Unexpected `review_every` `.*`, expected a cadence of at least one day/));
    expect(result.next).toBe('2027-01-10');
  });

  it('a next review past 9999-12-31 is a finding and the policy is due now, not `ok`', async () => {
    const result = await checked('last_reviewed: 9995-06-01\nreview_every: 10 years\n', '9999-01-01');
    expect(result.findings).toContainEqual(
      'field-invalid 8:15 Unexpected `review_every`: 9995-06-01 + 10 years is after 9999-12-31, the last date a review can fall due; set `last_reviewed` to the day of the last review',
    );
    expect(result.next).toBeNull();
    expect(result.state).toBe('overdue');
    const listed = await due(repoWith('last_reviewed: 9995-06-01\nreview_every: 10 years\n'), '9999-01-01');
    expect(listed.stdout).not.toMatch(/NaN|10005/);
    expect(listed.stdout).toMatch(/^overdue .*POL-A-001/m);
  });

  it.each([
    ['last_reviewed: 0000-01-01\n', 'last_reviewed', '0000-01-01'],
    ['last_reviewed: 2026-01-10\nnext_review: 99999-01-01\n', 'next_review', '99999-01-01'],
  ])('a year outside 0001-9999 is date-invalid (%j)', async (frontMatter, field, value) => {
    const result = await checked(frontMatter);
    expect(result.findings).toContainEqual(expect.stringMatching(new RegExp(`^date-invalid \\d+:\\d+ Unexpected date \`${value}\` in \`${field}\``)));
    expect(result.next ?? 'none').not.toMatch(/NaN|99999/);
  });

  it('`review_every` in .isms.yml longer than 10 years is a usage error that says the maximum', async () => {
    const root = repoWith('last_reviewed: 2026-01-10\n', 'review_every: 999999999999 years\n');
    await expect(check({ root, today: '2026-11-24' })).rejects.toThrow(
      '.isms.yml: `review_every` "999999999999 years" is invalid, expected a cadence of at most 10 years such as `12 months`',
    );
    const result = await due(root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected a cadence of at most 10 years');
  });
});
