/**
 * Splits a policy file into YAML front matter and Markdown body, and parses the
 * front matter with exact positions. Only YAML is accepted: a `---js`, `---json`
 * or any other language tag is refused before anything looks at the content, so
 * nothing from a (hostile) pull request is ever evaluated.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { Position } from '../model/finding.js';

/** A problem found while reading the file: reported under the named rule. */
export interface ParseProblem {
  rule: 'front-matter-missing' | 'front-matter-invalid' | 'file-too-large' | 'link-broken';
  message: string;
  line: number;
  column: number;
}

export interface SplitFile {
  /** YAML text between the fences, or null when the file has no front matter. */
  yaml: string | null;
  /** 1-based line of the first YAML line (the line after the opening fence). */
  yamlStartLine: number;
  /** Markdown after the closing fence. */
  body: string;
  /** 1-based line where the body starts. */
  bodyStartLine: number;
  /** Offset in the text where the body starts. */
  bodyStartOffset: number;
}

const OPENING_FENCE = /^---[ \t]*$/;
const LANGUAGE_FENCE = /^---[ \t]*([A-Za-z][\w-]*)[ \t]*$/;
const CLOSING_FENCE = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Bounded: a front matter block this long is not a policy header. Generous, since
 * the 1 MiB file limit already bounds the work; a long evidence list must still parse.
 */
export const MAX_FRONT_MATTER_LINES = 10_000;

export type SplitResult = { ok: true; split: SplitFile } | { ok: false; problem: ParseProblem };

export function splitFrontMatter(text: string): SplitResult {
  const firstBreak = text.indexOf('\n');
  const firstLine = (firstBreak === -1 ? text : text.slice(0, firstBreak)).replace(/\r$/, '');
  if (!OPENING_FENCE.test(firstLine)) {
    const language = LANGUAGE_FENCE.exec(firstLine);
    if (language) {
      return {
        ok: false,
        problem: {
          rule: 'front-matter-invalid',
          message: `Unexpected \`---${language[1]}\` front matter, expected YAML: start the file with a plain \`---\` line (other languages are never evaluated)`,
          line: 1,
          column: 4,
        },
      };
    }
    return {
      ok: false,
      problem: {
        rule: 'front-matter-missing',
        message: 'Missing front matter: start the file with a `---` line, the YAML fields (id, title, owners, status ...) and a closing `---` line',
        line: 1,
        column: 1,
      },
    };
  }
  if (firstBreak === -1) {
    return { ok: false, problem: unclosed() };
  }
  let lineStart = firstBreak + 1;
  let line = 2;
  while (lineStart <= text.length && line <= MAX_FRONT_MATTER_LINES + 1) {
    const lineEnd = text.indexOf('\n', lineStart);
    const end = lineEnd === -1 ? text.length : lineEnd;
    const content = text.slice(lineStart, end).replace(/\r$/, '');
    if (CLOSING_FENCE.test(content)) {
      const bodyStartOffset = lineEnd === -1 ? text.length : lineEnd + 1;
      return {
        ok: true,
        split: {
          yaml: text.slice(firstBreak + 1, lineStart),
          yamlStartLine: 2,
          body: text.slice(bodyStartOffset),
          bodyStartLine: line + 1,
          bodyStartOffset,
        },
      };
    }
    if (lineEnd === -1) return { ok: false, problem: unclosed() };
    lineStart = lineEnd + 1;
    line++;
  }
  return { ok: false, problem: unclosed(true) };
}

function unclosed(tooLong = false): ParseProblem {
  return {
    rule: 'front-matter-invalid',
    message: tooLong
      ? `Unclosed front matter: no closing \`---\` line within ${MAX_FRONT_MATTER_LINES.toLocaleString('en')} lines; add it after the last YAML field`
      : 'Unclosed front matter: add a `---` line after the last YAML field',
    line: 1,
    column: 1,
  };
}

/** Parsed front matter: the YAML document with positions, and its plain value. */
export class FrontMatter {
  readonly doc: Document.Parsed;
  readonly data: Record<string, unknown>;
  /** The YAML text, for values as written (`5.2`, not the float 5.2). */
  readonly source: string;
  private readonly lineCounter: LineCounter;
  private readonly lineOffset: number;

  constructor(
    doc: Document.Parsed,
    data: Record<string, unknown>,
    source: string,
    lineCounter: LineCounter,
    startLine: number,
  ) {
    this.doc = doc;
    this.source = source;
    this.data = data;
    this.lineCounter = lineCounter;
    this.lineOffset = startLine - 1;
  }

  /** File position of an offset in the YAML text. */
  positionOf(offset: number): Position {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line: line + this.lineOffset, column: col };
  }

  /** Position of a node's start (a scalar's value, a list item's own line). */
  nodePosition(node: Node | null | undefined): Position {
    return node?.range ? this.positionOf(node.range[0]) : { line: 1, column: 1 };
  }

  /** The top-level key/value pair for `key`, if present. */
  pair(key: string): Pair<Node, Node | null> | undefined {
    const contents = this.doc.contents;
    if (!isMap(contents)) return undefined;
    for (const item of contents.items) {
      if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) {
        return item as Pair<Node, Node | null>;
      }
    }
    return undefined;
  }

  /**
   * An alias (`*name`) as the node it stands for, so `owner: *boss` reads like the
   * value it repeats; positions then point at the anchor. Other nodes unchanged.
   */
  resolve<T extends Node | null | undefined>(node: T): T | Node {
    if (!isAlias(node)) return node;
    return node.resolve(this.doc) ?? node;
  }

  /** The value node at a path of keys (`['iso27001', 'controls']`), aliases resolved. */
  node(path: readonly string[]): Node | null | undefined {
    let current: unknown = this.doc.contents;
    for (const key of path) {
      if (!isMap(current)) return undefined;
      const pair = current.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      if (!pair) return undefined;
      current = this.resolve(pair.value as Node | null);
    }
    return current as Node | null;
  }

  /** Position of the key of a top-level field (where a wrong value is explained). */
  keyPosition(key: string): Position | undefined {
    const pair = this.pair(key);
    return pair ? this.nodePosition(pair.key) : undefined;
  }

  /** Position of a value at a path; for a missing or null value, its key; else line 1. */
  valuePosition(path: readonly string[]): Position {
    const value = this.node(path);
    // An empty value (`owners:` and nothing) has a zero-width node after the colon: use the key instead.
    const empty = isScalar(value) && value.range !== undefined && value.range !== null && value.range[0] === value.range[1];
    if (value?.range && !empty) return this.nodePosition(value);
    const parent = path.length > 1 ? this.node(path.slice(0, -1)) : this.doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === path[path.length - 1]);
      if (pair) return this.nodePosition(pair.key as Node);
    }
    return { line: 1, column: 1 };
  }

  /**
   * The entries of a list at `path` with their positions. A lone scalar counts
   * as a one-item list (`owner: "@alice"`). Non-scalar items keep their position
   * with the value they convert to.
   */
  items(path: readonly string[]): Array<{ value: unknown; position: Position }> {
    const node = this.node(path);
    if (node === undefined || node === null) return [];
    if (isSeq(node)) {
      return node.items.map((entry) => {
        const item = this.resolve(entry as Node | null);
        return {
          value: isScalar(item) ? item.value : item?.toJSON?.() ?? null,
          position: this.nodePosition(entry as Node),
        };
      });
    }
    if (isScalar(node)) return [{ value: node.value, position: this.nodePosition(node) }];
    return [{ value: node.toJSON(), position: this.nodePosition(node) }];
  }
}

/**
 * Bound on nesting: every later step (toJS, the rules, JSON output) may recurse,
 * and no policy field needs more than three levels.
 */
const MAX_YAML_DEPTH = 64;

/** The first collection nested deeper than `limit`, found without recursion. */
function firstNodeDeeperThan(doc: Document.Parsed, limit: number): Node | undefined {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth >= limit) return node;
    for (const item of node.items) {
      if (isPair(item)) {
        stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      } else {
        stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** Bound on alias expansion: far below what a billion-laughs document needs. */
const MAX_ALIAS_COUNT = 100;

export type FrontMatterResult = { ok: true; frontMatter: FrontMatter } | { ok: false; problems: ParseProblem[] };

/** A YAML document parsed with positions, before any check of its shape. */
export interface ParsedYaml {
  doc: Document.Parsed;
  /** The plain value (aliases expanded within bounds); null for an empty document. */
  data: unknown;
  lineCounter: LineCounter;
  /** File position of an offset in the YAML text. */
  at: (offset: number) => Position;
}

export type YamlResult = { ok: true; yaml: ParsedYaml } | { ok: false; problems: ParseProblem[] };

/**
 * Parses YAML text that starts at `startLine` of its file: syntax errors and alias
 * bombs become problems with positions. Shared by policies' front matter and the SoA.
 */
export function parseYamlWithPositions(yamlText: string, startLine: number): YamlResult {
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + startLine - 1, column: col };
  };
  const tooDeep = (offset: number): YamlResult => ({
    ok: false,
    problems: [
      {
        rule: 'front-matter-invalid',
        message: `Invalid YAML: nested more than ${MAX_YAML_DEPTH} levels deep; policy fields need at most three levels (\`maps_to: {nist-csf-2.0: [...]}\`)`,
        ...at(offset),
      },
    ],
  });
  let doc: Document.Parsed;
  try {
    doc = parseDocument(yamlText, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
      // Core schema: dates stay the strings they are written as; nothing is typed by guesswork.
      schema: 'core',
      strict: true,
    });
  } catch (error) {
    // The parser is recursive; absurd nesting can still overflow the stack here.
    if (error instanceof RangeError) return tooDeep(0);
    throw error;
  }
  if (doc.errors.length > 0) {
    // The library turns its own stack overflow into errors; say what the user did instead.
    const overflow = doc.errors.find((error) => /call stack/i.test(error.message));
    if (overflow) return tooDeep(overflow.pos[0]);
    const problems: ParseProblem[] = [];
    const seen = new Set<string>();
    for (const error of doc.errors) {
      const problem: ParseProblem = {
        rule: 'front-matter-invalid',
        message: explainYamlError(error.code, error.message, yamlText, error.pos[0]),
        ...at(error.pos[0]),
      };
      const key = `${problem.line}:${problem.column}:${problem.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(problem);
      if (problems.length === 5) break;
    }
    return { ok: false, problems };
  }
  const deepNode = firstNodeDeeperThan(doc, MAX_YAML_DEPTH);
  if (deepNode) return tooDeep(deepNode.range?.[0] ?? 0);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message =
      error instanceof ReferenceError
        ? `Too many YAML aliases (more than ${MAX_ALIAS_COUNT} expansions): write the values out instead of using \`*alias\``
        : `Invalid YAML: ${(error as Error).message.split('\n')[0]}`;
    return { ok: false, problems: [{ rule: 'front-matter-invalid', message, line: startLine, column: 1 }] };
  }
  return { ok: true, yaml: { doc, data: data ?? null, lineCounter, at } };
}

export function parseFrontMatter(yamlText: string, startLine: number): FrontMatterResult {
  const parsed = parseYamlWithPositions(yamlText, startLine);
  if (!parsed.ok) return parsed;
  const { doc, lineCounter, at } = parsed.yaml;
  let data = parsed.yaml.data;
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    const kind = Array.isArray(data) ? 'a list' : `a ${typeof data}`;
    return {
      ok: false,
      problems: [
        {
          rule: 'front-matter-invalid',
          message: `Unexpected ${kind} as front matter, expected a mapping of fields (\`id: POL-XX-001\`, \`title: ...\`)`,
          ...(doc.contents?.range ? at(doc.contents.range[0]) : { line: startLine, column: 1 }),
        },
      ],
    };
  }
  return { ok: true, frontMatter: new FrontMatter(doc, data as Record<string, unknown>, yamlText, lineCounter, startLine) };
}

/** Turns the YAML library's error into a sentence that says how to fix it. */
function explainYamlError(code: string, message: string, text: string, offset: number): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const char = text[offset];
  if (char === '@' || char === '`' || /reserved character [@`]/.test(first)) {
    if (char === '`') return 'Invalid YAML: a value cannot start with a backtick; quote the whole value, e.g. `title: "`code` words"`';
    return 'Invalid YAML: a value cannot start with `@`; quote it, e.g. `owners: ["@alice"]` or `- "@org/team"`';
  }
  if (code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]*/.exec(text.slice(offset))![0].trim();
    return `Invalid YAML: duplicate key \`${key}\`; keep only one of them`;
  }
  if (code === 'TAB_AS_INDENT') {
    return 'Invalid YAML: tabs cannot indent YAML; indent with spaces';
  }
  return `Invalid YAML: ${first}`;
}
