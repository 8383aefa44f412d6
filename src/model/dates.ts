/**
 * Calendar dates as written (`YYYY-MM-DD`) and review cadences. Dates are plain
 * strings validated here, never JavaScript Dates rolled over by a parser:
 * `2026-02-30` is invalid, not the 2nd of March.
 */

export interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses a real calendar date written as `YYYY-MM-DD`; anything else is undefined. */
export function parseDate(text: string): CalendarDate | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function formatDate(date: CalendarDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Today in UTC as `YYYY-MM-DD`. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const ms = Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day);
  return Math.round(ms / 86_400_000);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** Adds calendar months, clamping to the last day of the target month (05-31 + 4 months = 09-30). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** A review cadence: whole months (years are 12 months) and days (weeks are 7 days). */
export interface Duration {
  months: number;
  days: number;
  /** As the user wrote it, for messages. */
  text: string;
}

const WORDS_PATTERN = /^(\d+)\s*(day|week|month|year)s?$/i;
const ISO_PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/**
 * Parses `N days|weeks|months|years` (singular too) or an ISO 8601 date duration
 * (`P1Y`, `P6M`, `P90D`, `P1Y6M`). Zero-length cadences are invalid.
 */
export function parseDuration(text: string): Duration | undefined {
  const trimmed = text.trim();
  const words = WORDS_PATTERN.exec(trimmed);
  if (words) {
    const count = Number(words[1]);
    const unit = words[2]!.toLowerCase();
    if (count === 0) return undefined;
    if (unit === 'day') return { months: 0, days: count, text: trimmed };
    if (unit === 'week') return { months: 0, days: count * 7, text: trimmed };
    if (unit === 'month') return { months: count, days: 0, text: trimmed };
    return { months: count * 12, days: 0, text: trimmed };
  }
  const iso = ISO_PATTERN.exec(trimmed.toUpperCase());
  if (iso && trimmed.length > 1) {
    const [, years, months, weeks, days] = iso;
    const duration = {
      months: Number(years ?? 0) * 12 + Number(months ?? 0),
      days: Number(weeks ?? 0) * 7 + Number(days ?? 0),
      text: trimmed,
    };
    if (duration.months === 0 && duration.days === 0) return undefined;
    return duration;
  }
  return undefined;
}

export function addDuration(date: CalendarDate, duration: Duration): CalendarDate {
  return addDays(addMonths(date, duration.months), duration.days);
}
