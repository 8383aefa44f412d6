/**
 * Facts the rules need from the Markdown body: headings (and bold lines used
 * as headings), link targets, control citations and unfilled placeholders,
 * each with its position in the whole file. Read by the
 * linear scanner in markdown-scan.ts, which keeps no syntax tree at all: checking
 * thousands of files never holds more than one body at a time, and no input can
 * make it slow or overflow the stack.
 */
import type { Position } from '../model/finding.js';
import { scanMarkdown, type ScannedText } from './markdown-scan.js';
import { placeholdersOutside, type PlaceholderFact } from './placeholders.js';

export interface HeadingFact extends Position {
  depth: number;
  text: string;
}

export interface LinkFact extends Position {
  url: string;
  kind: 'link' | 'image' | 'definition';
}

export type TextFact = ScannedText;

export interface BodyFacts {
  headings: HeadingFact[];
  /** One-line paragraphs all in strong emphasis (`**Purpose**`): headings in documents exported from Word. */
  boldLines: TextFact[];
  links: LinkFact[];
  /** Annex A ids cited in the text a reader sees, one per citation (`A.5.16`, `A.7.1 – A.7.14`). */
  citations: TextFact[];
  /**
   * Unfilled template placeholders outside code and HTML comments (rule
   * placeholder-left), in reading order: `{{ name }}` and Mustache tags,
   * `[YOUR_ORGANISATION_NAME]`, `<your company name>`.
   */
  placeholders: PlaceholderFact[];
}

/**
 * Parses the body; `startLine` is the file line the body begins on.
 *
 * A lone CR ends a line, as CommonMark (and so GitHub) and editors read it; the passes below
 * split at LF. Each lone CR becomes an LF first, one character for one, so every offset and
 * column stays the file's: otherwise one CR would join lines, and `    code\r{{ x }}` would
 * hide the placeholder in what the scanner takes for a code block while GitHub shows it.
 */
export function parseBody(rawBody: string, startLine: number): BodyFacts {
  const body = rawBody.replace(/\r(?!\n)/g, '\n');
  const scanned = scanMarkdown(body, startLine);
  return {
    headings: scanned.headings,
    boldLines: scanned.boldLines,
    links: scanned.links,
    citations: scanned.citations,
    placeholders: inReadingOrder(placeholdersOutside(body, scanned.masked, startLine), scanned.placeholders),
  };
}

/** Two lists each in reading order, merged (linear). */
function inReadingOrder(a: readonly PlaceholderFact[], b: readonly PlaceholderFact[]): PlaceholderFact[] {
  if (b.length === 0) return [...a];
  if (a.length === 0) return [...b];
  const merged: PlaceholderFact[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && (x.line < y.line || (x.line === y.line && x.column <= y.column)))) {
      merged.push(x!);
      i++;
    } else {
      merged.push(y);
      j++;
    }
  }
  return merged;
}
