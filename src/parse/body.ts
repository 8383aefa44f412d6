/**
 * Facts the rules need from the Markdown body: headings and link targets, each
 * with its position in the whole file. The syntax tree itself is dropped here so
 * that checking thousands of files never holds more than one tree at a time.
 */
import type { Heading, Link, Image, Definition, Root, RootContent, PhrasingContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Position } from '../model/finding.js';
import { bodyPlaceholders, type PlaceholderFact } from './placeholders.js';

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

const parser = unified().use(remarkParse);

/** Parses the body; `startLine` is the file line the body begins on. */
export function parseBody(body: string, startLine: number): BodyFacts {
  const tree = parser.parse(body) as Root;
  const facts: BodyFacts = { headings: [], links: [], placeholders: bodyPlaceholders(body, tree, startLine) };
  const offset = startLine - 1;
  // An explicit stack, not recursion: a hostile body (10,000 nested `>`) must not overflow the call stack.
  const stack: Array<Root | RootContent> = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const start = node.position?.start;
    const line = (start?.line ?? 1) + offset;
    const column = start?.column ?? 1;
    if (node.type === 'heading') {
      facts.headings.push({ depth: (node as Heading).depth, text: plainText(node as Heading).trim(), line, column });
    } else if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      facts.links.push({ url: (node as Link | Image | Definition).url, kind: node.type, line, column });
    }
    if ('children' in node) {
      // Reversed so that nodes come off the stack in document order.
      for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index] as RootContent);
    }
  }
  return facts;
}

/** The text of a heading, its inline children concatenated in order (iteratively, like the walk above). */
function plainText(heading: Heading): string {
  let text = '';
  const stack: PhrasingContent[] = [...heading.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ('value' in node && typeof node.value === 'string') text += node.value;
    else if ('children' in node) for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index] as PhrasingContent);
  }
  return text;
}
