/**
 * What the rules take from a Markdown document, read two ways for the tests
 * that compare them: by remark (the full CommonMark parser) and by the scanner
 * `isms check` uses (src/parse/markdown-scan.ts). Headings as
 * `line:column hN text` (`required_sections`), links, images and definitions as
 * `line:column kind url` (`link-broken`), sorted.
 */
import type { Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { scanMarkdown } from '../../src/parse/markdown-scan.js';

export interface MarkdownFacts {
  headings: string[];
  links: string[];
}

const parser = unified().use(remarkParse);

/** remark's syntax tree of `text`. */
export function remarkTree(text: string): Root {
  return parser.parse(text) as Root;
}

function plain(node: Root | RootContent): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(plain).join('');
  return '';
}

/** The facts remark reads in `text` (or in its tree, when the caller needs the tree too). */
export function remarkFacts(text: string, tree: Root = remarkTree(text)): MarkdownFacts {
  const facts: MarkdownFacts = { headings: [], links: [] };
  // A stack, not recursion: spec examples and random documents nest deeply.
  const stack: Array<Root | RootContent> = [tree];
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

/** The same facts as the scanner reads them (from its scan, when the caller has one). */
export function scannedFacts(text: string, scanned: ReturnType<typeof scanMarkdown> = scanMarkdown(text, 1)): MarkdownFacts {
  return {
    headings: scanned.headings.map((heading) => `${heading.line}:${heading.column} h${heading.depth} ${heading.text}`),
    links: scanned.links.map((link) => `${link.line}:${link.column} ${link.kind} ${link.url}`).sort(),
  };
}
