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
import { describe, expect, it } from 'vitest';
// @ts-expect-error commonmark-spec ships no types: { tests: Array<{ markdown, html, section, number }> }
import commonmark from 'commonmark-spec';
import { remarkFacts, scannedFacts } from './support/markdown-facts.js';

interface SpecExample {
  markdown: string;
  section: string;
  number: number;
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
