/**
 * Plans `isms review`: set `last_reviewed` (and `next_review` when the file has
 * one) in the front matter, as text edits, so the pull request shows exactly the
 * date lines and nothing else.
 */
import { isMap, isScalar, type Node, type Scalar } from 'yaml';
import { addDuration, formatDate, parseDate, parseDuration, type CalendarDate, type Duration } from '../model/dates.js';
import { renderLike } from './scalar.js';
import { frontMatterYaml, pairOf } from './source.js';
import { applyEdits, eolAt, lineEnd, lineStart, trimEnd, type TextEdit } from './text.js';

export interface FieldChange {
  field: 'last_reviewed' | 'next_review';
  from: string | null;
  to: string;
}

export type ReviewResult =
  | { ok: true; text: string; changes: FieldChange[]; previous: CalendarDate | undefined }
  | { ok: false; message: string };

export function recordReview(text: string, date: CalendarDate, defaultEvery: Duration): ReviewResult {
  const parsed = frontMatterYaml(text);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  if (!parsed.region) return { ok: false, message: 'the file has no front matter' };
  const { doc, offset } = parsed.region;
  const root = doc.contents;
  if (!isMap(root)) return { ok: false, message: 'the front matter is not a mapping of fields' };
  const edits: TextEdit[] = [];
  const changes: FieldChange[] = [];
  const dateText = formatDate(date);

  const last = pairOf(root, 'last_reviewed');
  const next = pairOf(root, 'next_review');
  for (const [name, pair] of [['last_reviewed', last], ['next_review', next]] as const) {
    if (pair?.value && !isScalar(pair.value)) return { ok: false, message: `\`${name}\` is not a date: write it as YYYY-MM-DD by hand` };
  }
  const lastValue = last && isScalar(last.value) ? (last.value as Scalar) : undefined;
  const previousText = lastValue && typeof lastValue.value === 'string' ? lastValue.value : null;
  if (last) {
    if (previousText !== dateText) {
      edits.push(replaceValue(text, offset, last.key as Scalar, lastValue, dateText));
      changes.push({ field: 'last_reviewed', from: previousText, to: dateText });
    }
  } else {
    if (root.flow) return { ok: false, message: 'the front matter is a `{ ... }` mapping: add `last_reviewed` by hand' };
    // A new line after `status:` (where readers look for it), else after the last field.
    const anchor = pairOf(root, 'status') ?? root.items[root.items.length - 1];
    const anchorEnd = anchor ? endOf(anchor.value as Node | null, anchor.key as Node) : undefined;
    const at = anchorEnd === undefined ? offset + parsed.region.length : lineEnd(text, trimEnd(text, offset, offset + anchorEnd));
    const indent = anchor ? /^[ \t]*/.exec(text.slice(lineStart(text, offset + (anchor.key as Node).range![0])))![0] : '';
    const eol = eolAt(text, Math.max(0, at - 1));
    edits.push(anchorEnd === undefined ? { start: at, end: at, text: `last_reviewed: ${dateText}${eol}` } : { start: at, end: at, text: `${eol}${indent}last_reviewed: ${dateText}` });
    changes.push({ field: 'last_reviewed', from: null, to: dateText });
  }

  if (next) {
    const every = pairOf(root, 'review_every');
    const everyText = every && isScalar(every.value) && typeof every.value.value === 'string' ? every.value.value : undefined;
    const duration = (everyText ? parseDuration(everyText) : undefined) ?? defaultEvery;
    const nextDate = addDuration(date, duration);
    if (!nextDate) return { ok: false, message: `${formatDate(date)} + ${duration.text} is after 9999-12-31: set \`next_review\` by hand` };
    const nextText = formatDate(nextDate);
    const nextValue = isScalar(next.value) ? (next.value as Scalar) : undefined;
    const current = nextValue && typeof nextValue.value === 'string' ? nextValue.value : null;
    if (current !== nextText) {
      edits.push(replaceValue(text, offset, next.key as Scalar, nextValue, nextText));
      changes.push({ field: 'next_review', from: current, to: nextText });
    }
  }
  return { ok: true, text: applyEdits(text, edits), changes, previous: previousText ? parseDate(previousText) : undefined };
}

/** Replaces a scalar in its own quoting; an empty value (`last_reviewed:`) gets one after the colon. */
function replaceValue(text: string, offset: number, key: Scalar, value: Scalar | undefined, replacement: string): TextEdit {
  if (value?.range && value.range[1] > value.range[0]) {
    return { start: offset + value.range[0], end: offset + value.range[1], text: renderLike(value, replacement) };
  }
  const colon = text.indexOf(':', offset + key.range![1]);
  return { start: colon + 1, end: colon + 1, text: ` ${replacement}` };
}

function endOf(value: Node | null, key: Node): number | undefined {
  return value?.range?.[1] ?? key.range?.[1];
}
