/**
 * Facts the rules need from the Markdown body: headings and link targets, each
 * with its position in the whole file. The syntax tree itself is dropped here so
 * that checking thousands of files never holds more than one tree at a time.
 */
import type { Heading, Link, Image, Definition, Root, RootContent, PhrasingContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Position } from '../model/finding.js';

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
}

const parser = unified().use(remarkParse);

/** Parses the body; `startLine` is the file line the body begins on. */
export function parseBody(body: string, startLine: number): BodyFacts {
  const tree = parser.parse(body) as Root;
  const facts: BodyFacts = { headings: [], links: [] };
  const offset = startLine - 1;
  const visit = (node: Root | RootContent) => {
    const start = node.position?.start;
    const line = (start?.line ?? 1) + offset;
    const column = start?.column ?? 1;
    if (node.type === 'heading') {
      facts.headings.push({ depth: (node as Heading).depth, text: plainText(node as Heading).trim(), line, column });
    } else if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      facts.links.push({ url: (node as Link | Image | Definition).url, kind: node.type, line, column });
    }
    if ('children' in node) {
      for (const child of node.children) visit(child as RootContent);
    }
  };
  visit(tree);
  return facts;
}

function plainText(node: Heading | PhrasingContent): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return node.children.map((child) => plainText(child as PhrasingContent)).join('');
  return '';
}
