/**
 * Template placeholders: `{{ name }}` (double braces, optional spaces, a name of
 * letters, digits, `_`, `-` or `.` starting with a letter). Templates use them for
 * what a person must fill in; `isms new` / `isms init` fill the ones they know
 * (`id`, `title`, `owner`, `organization`, `today`) and `placeholder-left` reports
 * the rest. `${{ ... }}` is a GitHub Actions expression, not a placeholder.
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

export interface PlaceholderMatch {
  text: string;
  name: string;
  /** Offset in the searched text. */
  index: number;
}

/** Every placeholder in `text`, in order. */
export function findPlaceholders(text: string): PlaceholderMatch[] {
  const found: PlaceholderMatch[] = [];
  for (const match of text.matchAll(PATTERN)) {
    found.push({ text: match[0], name: match[1]!, index: match.index });
  }
  return found;
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
 */
export function placeholdersOutside(
  body: string,
  masked: ReadonlyArray<readonly [number, number]>,
  startLine: number,
  matches: PlaceholderMatch[] = findPlaceholders(body),
): PlaceholderFact[] {
  if (matches.length === 0) return [];
  const lineStarts = [0];
  for (let index = body.indexOf('\n'); index !== -1; index = body.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const facts: PlaceholderFact[] = [];
  for (const match of matches) {
    if (masked.some(([start, end]) => match.index >= start && match.index < end)) continue;
    const line = lineIndexOf(lineStarts, match.index);
    facts.push({ text: match.text, name: match.name, line: startLine + line, column: match.index - lineStarts[line]! + 1 });
  }
  return facts;
}

/** Index of the last line start at or before `offset` (binary search). */
function lineIndexOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
