/**
 * Every example of the CommonMark spec (0.31.2, the `commonmark-spec` package)
 * read by the Markdown scanner (src/parse/markdown-scan.ts) and by remark, the
 * full CommonMark parser: the facts the rules use must be equal. Those are the
 * headings (depth, text, line and column: `required_sections`) and the
 * destinations of links, images and definitions with their positions
 * (`link-broken`). Examples on which the scanner knowingly differs are listed
 * below with the reason; any other difference fails, and so does an exception
 * that no longer differs (the list must not go stale).
 */
import type { Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
// @ts-expect-error commonmark-spec ships no types: { tests: Array<{ markdown, html, section, number }> }
import commonmark from 'commonmark-spec';
import { scanMarkdown } from '../src/parse/markdown-scan.js';

interface SpecExample {
  markdown: string;
  section: string;
  number: number;
}

const parser = unified().use(remarkParse);

interface Facts {
  headings: string[];
  links: string[];
}

function plain(node: Root | RootContent): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(plain).join('');
  return '';
}

function remarkFacts(text: string): Facts {
  const facts: Facts = { headings: [], links: [] };
  const stack: Array<Root | RootContent> = [parser.parse(text) as Root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const start = node.position?.start;
    if (node.type === 'heading') facts.headings.push(`${start!.line}:${start!.column} h${node.depth} ${plain(node).trim()}`);
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') facts.links.push(`${start!.line}:${start!.column} ${node.type} ${node.url}`);
    if ('children' in node) for (const child of [...(node.children as RootContent[])].reverse()) stack.push(child);
  }
  facts.links.sort();
  return facts;
}

function scannedFacts(text: string): Facts {
  const scanned = scanMarkdown(text, 1);
  return {
    headings: scanned.headings.map((heading) => `${heading.line}:${heading.column} h${heading.depth} ${heading.text}`),
    links: scanned.links.map((link) => `${link.line}:${link.column} ${link.kind} ${link.url}`).sort(),
  };
}

/**
 * Known differences, by example number. Each says which fact differs and why
 * the rules do not need it to match.
 */
const KNOWN_EXCEPTIONS: ReadonlyMap<number, string> = new Map([]);

// The spec writes tabs as `→` so they can be seen.
const examples = (commonmark.tests as SpecExample[]).map((example) => ({ ...example, markdown: example.markdown.replace(/→/g, '\t') }));

describe('CommonMark 0.31.2 spec examples: the scanner extracts what remark does', () => {
  it('has the whole spec to run', () => {
    expect(examples.length).toBeGreaterThan(600);
  });

  it('agrees with remark on headings and link destinations in every example but the known exceptions', () => {
    const differences: string[] = [];
    const staleExceptions: number[] = [];
    for (const example of examples) {
      const expected = remarkFacts(example.markdown);
      const actual = scannedFacts(example.markdown);
      const same = JSON.stringify(actual) === JSON.stringify(expected);
      if (KNOWN_EXCEPTIONS.has(example.number)) {
        if (same) staleExceptions.push(example.number);
        continue;
      }
      if (!same) {
        differences.push(
          `example ${example.number} (${example.section}): ${JSON.stringify(example.markdown)}\n  remark:  ${JSON.stringify(expected)}\n  scanner: ${JSON.stringify(actual)}`,
        );
      }
    }
    expect(differences.join('\n')).toBe('');
    expect(staleExceptions).toEqual([]);
  });
});
