/**
 * Calendar dates as written (`YYYY-MM-DD`) and review cadences. Dates are plain
 * strings validated here, never JavaScript Dates rolled over by a parser:
 * `2026-02-30` is invalid, not the 2nd of March.
 *
 * Arithmetic is on day numbers of the proleptic Gregorian calendar, not on
 * `Date.UTC` (which reads years 0-99 as 1900-1999 and gives NaN past year
 * 275760). Every date here is in years 1 to 9999, the years `YYYY` can write: a
 * computation that would leave them returns undefined, so a caller reports it
 * instead of printing `0NaN-NaN-NaN` or a five-digit year.
 */

export interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** Whether `date` is a real calendar date in years 1 to 9999. */
export function isValidDate(date: CalendarDate): boolean {
  const { year, month, day } = date;
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Parses a real calendar date written as `YYYY-MM-DD` (years 0001-9999); anything else is undefined. */
export function parseDate(text: string): CalendarDate | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isValidDate(date) ? date : undefined;
}

export function formatDate(date: CalendarDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Today in UTC as `YYYY-MM-DD`. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Days since 1970-01-01 (negative before), for any year (H. Hinnant's days_from_civil). */
function dayNumber(date: CalendarDate): number {
  const year = date.month <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5) + date.day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The date of a day number (the inverse of dayNumber). */
function fromDayNumber(days: number): CalendarDate {
  const shifted = days + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** `date` plus `days` (may be negative); undefined outside years 1 to 9999. */
export function addDays(date: CalendarDate, days: number): CalendarDate | undefined {
  if (!Number.isSafeInteger(days)) return undefined;
  const moved = fromDayNumber(dayNumber(date) + days);
  return isValidDate(moved) ? moved : undefined;
}

/**
 * Adds calendar months, clamping to the last day of the target month (05-31 + 4
 * months = 09-30); undefined outside years 1 to 9999.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate | undefined {
  if (!Number.isSafeInteger(months)) return undefined;
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  if (year < MIN_YEAR || year > MAX_YEAR) return undefined;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** A review cadence: whole months (years are 12 months) and days (weeks are 7 days). */
export interface Duration {
  months: number;
  days: number;
  /** As the user wrote it, for messages. */
  text: string;
}

/**
 * The longest cadence: 10 years. A longer one is a typo or a way to make an
 * approved document never fall due, and far enough out it leaves the calendar.
 */
export const MAX_CADENCE_YEARS = 10;

/** Why a cadence was refused, as the end of a message: "expected ...". */
export type CadenceProblem = 'syntax' | 'zero' | 'too-long';

export type CadenceReading = { ok: true; duration: Duration } | { ok: false; problem: CadenceProblem };

const WORDS_PATTERN = /^(\d+)\s*(day|week|month|year)s?$/i;
const ISO_PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/**
 * Whether months and days stay within 10 years: in days of the average
 * Gregorian year (146097 days in 4800 months), so `120 months`, `P10Y` and
 * `3652 days` pass and `P10Y1D` or `3653 days` do not.
 */
function withinMaximum(months: number, days: number): boolean {
  return months * 146097 + days * 4800 <= MAX_CADENCE_YEARS * 12 * 146097;
}

/**
 * Reads `N days|weeks|months|years` (singular too) or an ISO 8601 date duration
 * (`P1Y`, `P6M`, `P90D`, `P1Y6M`): a cadence from one day to 10 years.
 */
export function readDuration(text: string): CadenceReading {
  const trimmed = text.trim();
  let months: number;
  let days: number;
  const words = WORDS_PATTERN.exec(trimmed);
  const iso = words ? null : ISO_PATTERN.exec(trimmed.toUpperCase());
  if (words) {
    const count = Number(words[1]);
    const unit = words[2]!.toLowerCase();
    months = unit === 'year' ? count * 12 : unit === 'month' ? count : 0;
    days = unit === 'week' ? count * 7 : unit === 'day' ? count : 0;
  } else if (iso && trimmed.length > 1) {
    const [, years, isoMonths, weeks, isoDays] = iso;
    months = Number(years ?? 0) * 12 + Number(isoMonths ?? 0);
    days = Number(weeks ?? 0) * 7 + Number(isoDays ?? 0);
  } else {
    return { ok: false, problem: 'syntax' };
  }
  if (months === 0 && days === 0) return { ok: false, problem: 'zero' };
  // Also catches numbers too long for a double (`999...9 years` reads as Infinity).
  if (!withinMaximum(months, days)) return { ok: false, problem: 'too-long' };
  return { ok: true, duration: { months, days, text: trimmed } };
}

/** A valid cadence, or undefined (readDuration says why). */
export function parseDuration(text: string): Duration | undefined {
  const reading = readDuration(text);
  return reading.ok ? reading.duration : undefined;
}

/** What a message expects instead of a refused cadence. */
export function cadenceExpectation(problem: CadenceProblem): string {
  if (problem === 'too-long') return `a cadence of at most ${MAX_CADENCE_YEARS} years such as \`12 months\``;
  if (problem === 'zero') return `a cadence of at least one day (and at most ${MAX_CADENCE_YEARS} years) such as \`12 months\``;
  return `a cadence of at most ${MAX_CADENCE_YEARS} years such as \`12 months\`, \`6 months\`, \`90 days\` or \`P1Y\``;
}

/** Months first, then days; undefined when the result leaves years 1 to 9999. */
export function addDuration(date: CalendarDate, duration: Duration): CalendarDate | undefined {
  const moved = addMonths(date, duration.months);
  return moved && addDays(moved, duration.days);
}
