/**
 * Facts the rules need from the Markdown body: headings, link targets and
 * unfilled placeholders, each with its position in the whole file. Read by the
 * linear scanner in markdown-scan.ts, which keeps no syntax tree at all: checking
 * thousands of files never holds more than one body at a time, and no input can
 * make it slow or overflow the stack.
 */
import type { Position } from '../model/finding.js';
import { scanMarkdown } from './markdown-scan.js';
import { placeholdersOutside, type PlaceholderFact } from './placeholders.js';

export interface HeadingFact extends Position {
  depth: number;
  text: string;
}

export interface LinkFact extends Position {
  url: string;
  kind: 'link' | 'image' | 'definition';
}

export interface BodyFacts {
  headings: HeadingFact[];
  links: LinkFact[];
  /** Unfilled template placeholders outside code and HTML comments (rule placeholder-left). */
  placeholders: PlaceholderFact[];
}

/** Parses the body; `startLine` is the file line the body begins on. */
export function parseBody(body: string, startLine: number): BodyFacts {
  const scanned = scanMarkdown(body, startLine);
  return {
    headings: scanned.headings,
    links: scanned.links,
    placeholders: placeholdersOutside(body, scanned.masked, startLine),
  };
}
