/**
 * Template placeholders: `{{ name }}` (double braces, optional spaces, a name of
 * letters, digits, `_`, `-` or `.` starting with a letter). Templates use them for
 * what a person must fill in; `isms new` / `isms init` fill the ones they know
 * (`id`, `title`, `owner`, `organization`, `today`) and `placeholder-left` reports
 * the rest. `${{ ... }}` is a GitHub Actions expression, not a placeholder.
 *
 * Templates from elsewhere leave other blanks, found here too: Mustache tags
 * (`{{#x}}`, `{{/x}}`, `{{^x}}`, `{{&x}}`, `{{> x}}`, `{{{x}}}`); and, in front
 * matter values, `[YOUR_ORGANISATION_NAME]`, `<your company name>` and a whole
 * value of `TBD`, `TBC`, `TBA`, `XXX` or `TODO`. In the body the Markdown
 * scanner finds the bracketed and angle-bracket forms, since only it knows a
 * link or reference from a blank.
 */
import type { Root, RootContent } from 'mdast';
import type { Position } from '../model/finding.js';

export interface PlaceholderFact extends Position {
  /** The placeholder as written, e.g. `{{ owner }}`. */
  text: string;
  /** Its name, e.g. `owner`. */
  name: string;
}

const PATTERN = /(?<!\$)\{\{[ \t]*([A-Za-z][A-Za-z0-9_.-]*)[ \t]*\}\}/g;
/**
 * `{{{name}}}`, or `{{ name }}` with an optional Mustache sigil: section `#`,
 * closing `/`, inverted `^`, unescaped `&`, partial `>`. Each space run is
 * matched one way only, so a `{{` before a long run of spaces costs that run once.
 */
const MUSTACHE =
  /(?<!\$)\{\{\{[ \t]*([A-Za-z][A-Za-z0-9_.-]*)[ \t]*\}\}\}|(?<!\$)\{\{[ \t]*(?:[#/^&>][ \t]*)?([A-Za-z][A-Za-z0-9_.-]*)[ \t]*\}\}/g;
/** `[YOUR_ORGANISATION_NAME]` in a value: upper case, digits, `_` and spaces, not a link `[X](...)`. */
const BRACKETED = /(?<![\\!\]])\[((?=[A-Z0-9_ ]*[A-Z])[A-Z0-9_ ]{2,100})\](?![(\[:])/g;
/** `<your company name>`. */
const ANGLED = /<([Yy][Oo][Uu][Rr][ _-][^<>\n]{1,100})>/g;
/** A value that is only a marker for "not decided yet". */
const BLANK_VALUE = /^(?:TBD|TBC|TBA|XXX+|TODO)$/i;

export interface PlaceholderMatch {
  text: string;
  name: string;
  /** Offset in the searched text. */
  index: number;
}

/** Every placeholder in `text`, in order. */
export function findPlaceholders(text: string): PlaceholderMatch[] {
  return [...placeholdersIn(text)];
}

/** The placeholders in `text`, in order, one at a time (nothing kept that the caller drops). */
function* placeholdersIn(text: string): Generator<PlaceholderMatch> {
  if (!text.includes('{{')) return;
  for (const match of text.matchAll(MUSTACHE)) yield { text: match[0], name: (match[1] ?? match[2])!, index: match.index };
}

/**
 * Every placeholder in a front matter value as written (`raw`, quotes and
 * all), in order: Mustache, `[UPPER_CASE]`, `<your ...>`, and a value that is
 * only `TBD` / `TBC` / `TBA` / `XXX` / `TODO` (`value`, the parsed string; at
 * the value's start). Not `TBD` inside a sentence: prose may say a date is to
 * be decided, a field may not.
 */
export function findValuePlaceholders(value: string, raw: string = value): PlaceholderMatch[] {
  const trimmed = value.trim();
  if (BLANK_VALUE.test(trimmed)) return [{ text: trimmed, name: trimmed, index: Math.max(0, raw.indexOf(trimmed)) }];
  const found = [...placeholdersIn(raw)];
  if (raw.includes('[')) for (const match of raw.matchAll(BRACKETED)) found.push({ text: match[0], name: match[1]!.trim(), index: match.index });
  if (raw.includes('<')) for (const match of raw.matchAll(ANGLED)) found.push({ text: match[0], name: match[1]!.trim(), index: match.index });
  return found.sort((a, b) => a.index - b.index);
}

/**
 * Replaces the placeholders whose name `values` knows; the others stay as they
 * are, so a later check still reports them.
 */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string | undefined>>): string {
  return text.replace(PATTERN, (whole: string, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return value === undefined ? whole : value;
  });
}

/**
 * Placeholders in a Markdown body that a reader would see: code spans, code
 * blocks and HTML comments are skipped (examples and guidance, not content).
 * Positions are in the whole file: the body starts at `startLine`, column 1.
 */
export function bodyPlaceholders(body: string, tree: Root, startLine: number): PlaceholderFact[] {
  const matches = findPlaceholders(body);
  if (matches.length === 0) return [];
  const masked: Array<[number, number]> = [];
  // An explicit stack, not recursion: deeply nested hostile Markdown must not overflow the call stack.
  const stack: Array<Root | RootContent> = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const skip =
      node.type === 'code' ||
      node.type === 'inlineCode' ||
      (node.type === 'html' && node.value.trimStart().startsWith('<!--'));
    if (skip) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) masked.push([start, end]);
      continue;
    }
    if ('children' in node) for (const child of node.children) stack.push(child as RootContent);
  }
  return placeholdersOutside(body, masked, startLine, matches);
}

/**
 * Placeholders in `body` outside the `masked` `[start, end)` ranges (code and
 * HTML comments, as src/parse/markdown-scan.ts finds them without a syntax tree).
 *
 * Linear after one sort of the ranges: placeholders and ranges are walked
 * together in offset order, never every range per placeholder (a 1 MiB body of
 * `` `a` {{b}} `` has a hundred thousand of each). Placeholders are taken one
 * at a time, so masked ones are never kept.
 */
export function placeholdersOutside(
  body: string,
  masked: ReadonlyArray<readonly [number, number]>,
  startLine: number,
  matches: Iterable<PlaceholderMatch> = placeholdersIn(body),
): PlaceholderFact[] {
  if (!body.includes('{{') || (Array.isArray(matches) && matches.length === 0)) return [];
  // The scanner masks block code first and code spans after; order them by start once.
  const ranges = [...masked].sort((a, b) => a[0] - b[0]);
  let range = 0;
  /** The furthest end of the ranges that start at or before the placeholder. */
  let coveredUntil = -1;
  let line = 0;
  let lineStart = 0;
  let nextLineStart = lineEndAfter(body, 0);
  const facts: PlaceholderFact[] = [];
  for (const match of matches) {
    while (range < ranges.length && ranges[range]![0] <= match.index) {
      coveredUntil = Math.max(coveredUntil, ranges[range]![1]);
      range++;
    }
    if (match.index < coveredUntil) continue;
    // Matches come in offset order, so the line only ever moves forward.
    while (nextLineStart <= match.index) {
      line++;
      lineStart = nextLineStart;
      nextLineStart = lineEndAfter(body, lineStart);
    }
    facts.push({ text: match.text, name: match.name, line: startLine + line, column: match.index - lineStart + 1 });
  }
  return facts;
}

/** The offset just after the line break that ends the line starting at `from` (Infinity on the last line). */
function lineEndAfter(body: string, from: number): number {
  const end = body.indexOf('\n', from);
  return end === -1 ? Infinity : end + 1;
}
