/**
 * A linear-time scanner for the two things the rules need from a Markdown body:
 * headings (for `required_sections`) and link targets (for `link-broken`), each
 * with its position in the file.
 *
 * Why not the full CommonMark parser (remark / micromark)? It builds a complete
 * syntax tree, and it is the bulk of `isms check`'s time (about 4 ms for a 3 KB
 * policy) and has inputs on which it is quadratic (thousands of lists, deep
 * nesting). This scanner follows the CommonMark block structure that decides
 * where headings and links can be: fenced and indented code, HTML blocks and
 * comments, block quotes and list items, ATX and setext headings, link reference
 * definitions, code spans, autolinks, escapes and inline links and images, with
 * positions exactly as remark gives them (line, and column in UTF-16 code units),
 * and the ranges of code and HTML comments (where placeholders are examples).
 * tests/parse-markdown.test.ts compares it with remark on real and random documents.
 *
 * Like remark's tree, reference-style links (`[text][label]`) are not links (their
 * definitions are). Known differences, all in heading text only: emphasis pairing
 * skips CommonMark's "rule of three". Character references are decoded with the
 * table remark uses. tests/commonmark-conformance.test.ts runs every CommonMark
 * spec example against remark. Bounds for hostile input: 100 nested containers, 2 KiB link
 * destinations, 1,000 emphasis markers in one heading, 1,000 to 2,000 open brackets
 * kept, 64 lines for a link reference definition.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import type { Position } from '../model/finding.js';

export interface ScannedHeading extends Position {
  depth: number;
  text: string;
}

export interface ScannedLink extends Position {
  url: string;
  kind: 'link' | 'image' | 'definition';
}

/** Text seen at a position: a control citation, a bold line used as a heading. */
export interface ScannedText extends Position {
  text: string;
}

/** A placeholder only the Markdown structure can tell: `[YOUR_ORGANISATION_NAME]`, `<your company name>`. */
export interface ScannedPlaceholder extends Position {
  text: string;
  name: string;
}

export interface ScannedMarkdown {
  headings: ScannedHeading[];
  links: ScannedLink[];
  /**
   * Annex A control citations in the text a reader sees (headings and
   * paragraphs, not code, comments, link destinations or HTML): one per
   * citation as written, `A.5.16`, `A.7.1 – A.7.14`, `A.5.15, A.8.3 and A.8.5`.
   */
  citations: ScannedText[];
  /**
   * Paragraphs of one line that are all strong emphasis (`**Purpose**`,
   * `__2. Scope:__`) outside any container: documents exported from Word
   * use them as headings. Text with the markup removed.
   */
  boldLines: ScannedText[];
  /** Bracketed upper-case tokens that are no link or reference, and `<your ...>`. */
  placeholders: ScannedPlaceholder[];
  /**
   * `[start, end)` offsets in the body of code (blocks and spans) and HTML
   * comments: text a reader does not see as content (placeholders there are examples).
   */
  masked: Array<[number, number]>;
}

/** A line of inline content: its text and where that text starts in the file. */
interface Segment {
  text: string;
  line: number;
  /** 0-based column in the file line where `text` starts. */
  column: number;
}

interface Paragraph {
  segments: Segment[];
  /** How many containers (block quotes, list items) it is inside. */
  depth: number;
}

/** Longest link destination or title looked at: bounds the work on hostile input. */
const MAX_DESTINATION = 2048;
const MAX_PAREN_DEPTH = 32;
/** Deeper block quotes and list items are read as text: each line walks the open ones. */
const MAX_CONTAINERS = 100;
const MAX_EMPHASIS_TOKENS = 1000;
/** `[` open at once that are kept: a link's text nested deeper than this is read as text. */
const MAX_OPEN_BRACKETS = 1000;
/** Lines a link reference definition may span (its title may go over several). */
const MAX_DEFINITION_LINES = 64;

const ATX = /^(#{1,6})(?=[ \t]|$)/;
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
const THEMATIC_BREAK = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SETEXT = /^(=+|-+)[ \t]*$/;
const LIST_MARKER = /^([-+*]|(\d{1,9})[.)])(?=[ \t]|$)/;
const LIST_MARKER_AT = /([-+*]|(\d{1,9})[.)])(?=[ \t]|$)/y;
const BLANK_REST_AT = /[ \t]*$/y;
/** A link reference definition at the start of a paragraph; destination and title may be on the next lines. */
const DEFINITION =
  /^\[((?:[^\\[\]]|\\.){1,999})\]:[ \t]*\n?[ \t]*(?:<([^<>\n]*)>|([^\s<]\S*))(?:(?:[ \t]*\n[ \t]*|[ \t]+)(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?[ \t]*(?:\n|$)/;
const HTML_BLOCK_1 = /^<(?:script|pre|style|textarea)(?:[ \t>]|$)/i;
const HTML_BLOCK_1_END = /<\/(?:script|pre|style|textarea)>/i;
const HTML_BLOCK_6 =
  /^<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t>]|\/>|$)/i;
/** An open or closing HTML tag (CommonMark's raw HTML). */
const HTML_TAG = String.raw`<(?:[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>${'`'}]+|'[^']*'|"[^"]*"))?)*\s*\/?|\/[A-Za-z][A-Za-z0-9-]*\s*)>`;
const HTML_BLOCK_7 = new RegExp(`^(?:${HTML_TAG})[ \\t]*$`);
const HTML_TAG_AT_START = new RegExp(`^(?:${HTML_TAG})`);
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>\u0000-\u001f]*)>/y;
const EMAIL_AUTOLINK =
  /<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/y;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
/** One Annex A id (`A.5.16`, 2013 `A.9.2.3`), not part of a longer number or word. */
const CITED_ID = /(?<![A-Za-z0-9.])A\.\d{1,2}\.\d{1,2}(?:\.\d{1,2})?(?![A-Za-z0-9]|\.\d)/g;
/** After an id: the rest of a range (`– A.7.14`, `-A.7.14`, `to A.7.14`, `through 7.14`). */
const CITED_RANGE_END = /[ \t]{0,3}(?:[-\u2013\u2014]|to|through)[ \t\n]{0,3}(?:A\.)?\d{1,2}\.\d{1,2}(?:\.\d{1,2})?(?![A-Za-z0-9]|\.\d)/y;
/** After an id or range: a separator before the next id of the same citation (`, `, ` and `, `; `, `/`). */
const CITED_SEPARATOR = /[ \t]{0,3}(?:,[ \t\n]{0,3}(?:and[ \t\n]{1,3}|or[ \t\n]{1,3})?|;[ \t\n]{0,3}|\/[ \t\n]{0,3}|&[ \t\n]{0,3}|[ \t\n](?:and|or)[ \t\n]{1,3})(?=A\.\d)/y;
/** Words before an `A.x.y` that make it a document's own numbering, not a control. */
const NOT_A_CONTROL_BEFORE = /(?:appendix|section|chapter|table|figure)[ \t]*$/i;
/** A bracketed upper-case token: the inside of `[YOUR_ORGANISATION_NAME]`, `[TBD]`. */
const BRACKET_PLACEHOLDER = /^(?=[A-Z0-9_ ]*[A-Z])[A-Z0-9_ ]{2,100}$/;
/** `<your company name>`: what a template asks the reader to write (checked before raw HTML). */
const ANGLE_PLACEHOLDER = /<([Yy][Oo][Uu][Rr][ _-][^<>\n]{1,100})>/y;
/** A one-line paragraph that is all strong emphasis, with an optional colon after it. */
const BOLD_LINE = /^(\*\*|__)(?:(?!\1)[^\n])+\1[ \t]*(?::[ \t]*)?$/;

type HtmlEnd = RegExp | 'blank';

/** An open container: a block quote, or a list item whose content starts `width` columns in. */
type Container = { kind: 'quote' } | { kind: 'item'; width: number };

/** A line being read: its text, and the offset and visual column reached so far. */
interface Cursor {
  text: string;
  offset: number;
  column: number;
}

/** Scans `body`, which starts at file line `startLine` (column 1). */
export function scanMarkdown(body: string, startLine: number): ScannedMarkdown {
  const result: ScannedMarkdown = { headings: [], links: [], citations: [], boldLines: [], placeholders: [], masked: [] };
  const lines = body.split('\n');
  const lineStarts: number[] = [];
  for (let index = 0, offset = 0; index < lines.length; index++) {
    lineStarts.push(offset);
    offset += lines[index]!.length + 1;
  }
  /** Masks `[start, end)` of the body, merging with the previous range when they touch. */
  const mask = (start: number, end: number) => {
    const last = result.masked[result.masked.length - 1];
    if (last && start <= last[1] + 1 && start >= last[0]) last[1] = Math.max(last[1], end);
    else result.masked.push([start, end]);
  };
  /** Masks the rest of line `index` from `offset`. */
  const maskLine = (index: number, offset: number) => mask(lineStarts[index]! + offset, lineStarts[index]! + lines[index]!.length);
  const containers: Container[] = [];
  /** The open paragraph and the leaf blocks that swallow lines; `depth` is their container count. */
  let paragraph: Paragraph | null = null;
  let fence: { char: string; length: number; depth: number } | null = null;
  let html: { end: HtmlEnd; depth: number; comment: boolean } | null = null;

  // Inline content is scanned after the block pass, when every reference definition is known.
  const jobs: Array<
    | { kind: 'paragraph'; segments: Segment[]; depth: number }
    | { kind: 'heading'; segments: Segment[]; heading: ScannedHeading }
    | { kind: 'definition'; link: ScannedLink; label: string }
  > = [];

  /** Moves the reference definitions at the start of a paragraph to `jobs`; returns the rest. */
  const takeDefinitions = (segments: Segment[]): Segment[] => {
    let first = 0;
    while (first < segments.length && segments[first]!.text.startsWith('[')) {
      const window = (lines: number) =>
        segments
          .slice(first, first + lines)
          .map((segment) => segment.text)
          .join('\n');
      // Label, destination and title fit in 4 lines but for a title over more lines. Only a
      // failed 4-line window looks further, once per paragraph, so this stays linear.
      let match = DEFINITION.exec(window(4));
      if (!match && segments.length - first > 4) match = DEFINITION.exec(window(MAX_DEFINITION_LINES));
      if (!match || match[1]!.trim() === '') break;
      const segment = segments[first]!;
      jobs.push({
        kind: 'definition',
        label: normaliseLabel(match[1]!),
        link: { url: decodeUrl(match[2] ?? match[3] ?? ''), kind: 'definition', line: segment.line, column: segment.column + 1 },
      });
      first += match[0].split('\n').length - (match[0].endsWith('\n') ? 1 : 0);
    }
    return first === 0 ? segments : segments.slice(first);
  };
  /** Ends the open paragraph: reference definitions at its start, then its inline content. */
  const flush = () => {
    if (!paragraph) return;
    const segments = takeDefinitions(paragraph.segments);
    const depth = paragraph.depth;
    paragraph = null;
    if (segments.length > 0) jobs.push({ kind: 'paragraph', segments, depth });
  };

  for (let index = 0; index < lines.length; index++) {
    const text = lines[index]!.endsWith('\r') ? lines[index]!.slice(0, -1) : lines[index]!;
    const lineNumber = startLine + index;
    const cursor: Cursor = { text, offset: 0, column: 0 };
    const blank = text.trim() === '';

    // 1. Which open containers does this line continue?
    let matched = 0;
    for (const container of containers) {
      if (container.kind === 'quote') {
        if (!takeQuoteMarker(cursor)) break;
      } else if (!blank) {
        if (indentAt(cursor, container.width) < container.width) break;
        advanceColumns(cursor, container.width);
      }
      matched++;
    }

    // 2. Leaf blocks that swallow lines: fenced code and HTML blocks.
    if (fence) {
      if (matched >= fence.depth) {
        const match = indentAt(cursor, 4) <= 3 ? /^[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(rest(cursor)) : null;
        maskLine(index, cursor.offset);
        if (match && match[1]![0] === fence.char && match[1]!.length >= fence.length) fence = null;
        continue;
      }
      fence = null; // its container ended, so did the fence
    }
    if (html) {
      if (matched >= html.depth) {
        if (html.comment) maskLine(index, cursor.offset);
        if (html.end === 'blank' ? blank : html.end.test(rest(cursor))) html = null;
        continue;
      }
      html = null;
    }

    // 3. A line that leaves containers can still continue their paragraph ("lazy" line).
    if (matched < containers.length) {
      const probe = { ...cursor };
      skipIndent(probe, 3);
      if (paragraph && !blank && isLazy(rest(probe))) {
        paragraph.segments.push({ text: rest(probe), line: lineNumber, column: probe.offset });
        continue;
      }
      if (paragraph && paragraph.depth > matched) flush();
      containers.length = matched;
    }
    if (blank) {
      flush();
      continue;
    }

    // 4. New containers: block quotes and list items.
    let thematicBreak: ((from: number) => boolean) | undefined;
    while (containers.length < MAX_CONTAINERS) {
      if (indentAt(cursor, 4) >= 4) break;
      const probe = { ...cursor };
      if (takeQuoteMarker(probe)) {
        flush();
        Object.assign(cursor, probe);
        containers.push({ kind: 'quote' });
        continue;
      }
      skipIndent(probe, 3);
      // Sticky regexes at the cursor, no slicing: a long line of markers must stay linear.
      LIST_MARKER_AT.lastIndex = probe.offset;
      const marker = LIST_MARKER_AT.exec(probe.text);
      if (!marker) break;
      thematicBreak ??= thematicBreakTail(probe.text);
      if (thematicBreak(probe.offset)) break;
      BLANK_REST_AT.lastIndex = probe.offset + marker[0].length;
      const empty = BLANK_REST_AT.test(probe.text);
      // A list item interrupts a paragraph only when it has content (and, ordered, starts at 1).
      if (paragraph && paragraph.depth === containers.length && (empty || (marker[2] !== undefined && Number(marker[2]) !== 1))) break;
      flush();
      probe.offset += marker[0].length;
      probe.column += marker[0].length;
      const contentStart = { ...probe };
      const spaces = indentAt(contentStart, 5);
      const width = empty || spaces > 4 ? 1 : spaces;
      advanceColumns(probe, width);
      containers.push({ kind: 'item', width: probe.column - cursor.column });
      Object.assign(cursor, probe);
      if (empty) break;
    }

    // 5. The leaf block on what is left.
    const depth = containers.length;
    const indent = indentAt(cursor);
    if (indent >= 4) {
      // Indented code cannot interrupt a paragraph: there the line continues it.
      if (paragraph && paragraph.depth === depth) {
        skipIndent(cursor, indent);
        paragraph.segments.push({ text: rest(cursor), line: lineNumber, column: cursor.offset });
      } else {
        maskLine(index, cursor.offset);
      }
      continue;
    }
    skipIndent(cursor, 3);
    const line = rest(cursor);
    const column = cursor.offset;
    if (line.trim() === '') {
      flush();
      continue;
    }
    const fenceMatch = FENCE_OPEN.exec(line);
    if (fenceMatch && !(fenceMatch[1]![0] === '`' && fenceMatch[2]!.includes('`'))) {
      flush();
      fence = { char: fenceMatch[1]![0]!, length: fenceMatch[1]!.length, depth };
      maskLine(index, column);
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      flush();
      // Closing sequence: spaces, then #s, at the end.
      const content = line.slice(atx[1]!.length).replace(/(?:^|[ \t]+)#+[ \t]*$/, '').replace(/^[ \t]+|[ \t]+$/g, '');
      const offset = content === '' ? atx[1]!.length : line.indexOf(content, atx[1]!.length);
      const segment: Segment = { text: content, line: lineNumber, column: column + offset };
      jobs.push({ kind: 'heading', segments: [segment], heading: { depth: atx[1]!.length, text: '', line: lineNumber, column: column + 1 } });
      continue;
    }
    if (paragraph && paragraph.depth === depth && SETEXT.test(line)) {
      // remark starts the heading where the paragraph started, on a definition before it too.
      const start = paragraph.segments[0]!;
      const segments = takeDefinitions(paragraph.segments);
      paragraph = null;
      if (segments.length > 0) {
        jobs.push({ kind: 'heading', segments, heading: { depth: line[0] === '=' ? 1 : 2, text: '', line: start.line, column: start.column + 1 } });
        continue;
      }
      // The paragraph was only definitions: the line is no underline; read on as what else it is.
    }
    if (THEMATIC_BREAK.test(line)) {
      flush();
      continue;
    }
    const htmlEnd = htmlBlockEnd(line, paragraph !== null && paragraph.depth === depth);
    if (htmlEnd) {
      flush();
      const comment = line.startsWith('<!--');
      if (comment) maskLine(index, column);
      // `<your company name>` alone on a line is an HTML block to CommonMark, and a blank to a reader.
      ANGLE_PLACEHOLDER.lastIndex = 0;
      const angle = ANGLE_PLACEHOLDER.exec(line);
      if (angle) result.placeholders.push({ text: angle[0], name: angle[1]!.trim(), line: lineNumber, column: column + 1 });
      if (htmlEnd === 'blank' || !htmlEnd.test(line)) html = { end: htmlEnd, depth, comment };
      continue;
    }
    if (paragraph && paragraph.depth !== depth) flush();
    if (!paragraph) paragraph = { segments: [], depth };
    paragraph.segments.push({ text: line, line: lineNumber, column });
  }
  flush();

  /** Masks a range given as file positions of its first and last character. */
  const maskSegments = (from: Position, to: Position) => {
    mask(lineStarts[from.line - startLine]! + from.column - 1, lineStarts[to.line - startLine]! + to.column);
  };
  const definitions = new Set(jobs.flatMap((job) => (job.kind === 'definition' ? [job.label] : [])));
  const found: InlineFacts = { links: result.links, citations: result.citations, placeholders: result.placeholders };
  for (const job of jobs) {
    if (job.kind === 'definition') {
      result.links.push(job.link);
    } else if (job.kind === 'paragraph') {
      const bold = job.depth === 0 && job.segments.length === 1 && BOLD_LINE.test(job.segments[0]!.text);
      const text = scanInline(job.segments, found, definitions, bold, maskSegments).trim();
      if (bold && text !== '') result.boldLines.push({ text, line: job.segments[0]!.line, column: job.segments[0]!.column + 1 });
    } else {
      job.heading.text = scanInline(job.segments, found, definitions, true, maskSegments).trim();
      result.headings.push(job.heading);
    }
  }
  // HTML-block placeholders were found in the block pass, the others after it: put them in reading order.
  result.placeholders.sort((a, b) => a.line - b.line || a.column - b.column);
  return result;
}

function rest(cursor: Cursor): string {
  return cursor.text.slice(cursor.offset);
}

/**
 * Visual width of the whitespace at the cursor (tabs to the next multiple of 4),
 * counted only up to `limit`: each of 100 open containers asks on every line,
 * and a line of a megabyte of spaces must not be read 100 times.
 */
function indentAt(cursor: Cursor, limit = Infinity): number {
  let column = cursor.column;
  const stop = cursor.column + limit;
  for (let offset = cursor.offset; offset < cursor.text.length && column < stop; offset++) {
    const char = cursor.text[offset];
    if (char === ' ') column++;
    else if (char === '\t') column += 4 - (column % 4);
    else break;
  }
  return column - cursor.column;
}

/**
 * Whether the line from an offset on is a thematic break (three or more of one
 * of `-`, `*`, `_`, with only spaces and tabs between, to the end). Worked out
 * once per line from its end: asking at each of a hundred list markers on a
 * line (`- - - ... x`) must not read the rest of the line each time. Offsets
 * asked in increasing order cost nothing more; a smaller one counts again.
 */
function thematicBreakTail(text: string): (from: number) => boolean {
  let start = text.length;
  let char = '';
  let count = 0;
  for (let index = text.length - 1; index >= 0; index--) {
    const current = text[index]!;
    if (current === ' ' || current === '\t') {
      start = index;
      continue;
    }
    if (char === '' && (current === '-' || current === '*' || current === '_')) char = current;
    if (current !== char) break;
    count++;
    start = index;
  }
  let counted = start;
  let before = 0;
  return (from) => {
    if (char === '' || from < start || text[from] !== char) return false;
    if (from < counted) {
      counted = start;
      before = 0;
    }
    for (; counted < from; counted++) if (text[counted] === char) before++;
    return count - before >= 3;
  };
}

/** Moves the cursor over up to `columns` columns of whitespace. */
function advanceColumns(cursor: Cursor, columns: number): void {
  const target = cursor.column + columns;
  while (cursor.column < target && cursor.offset < cursor.text.length) {
    const char = cursor.text[cursor.offset];
    if (char === ' ') cursor.column++;
    else if (char === '\t') cursor.column += 4 - (cursor.column % 4);
    else break;
    cursor.offset++;
  }
}

/** Moves the cursor over at most `columns` columns of leading whitespace. */
function skipIndent(cursor: Cursor, columns: number): void {
  advanceColumns(cursor, Math.min(columns, indentAt(cursor, columns)));
}

/** Takes a `>` (up to three spaces before it, one optional space after) from the cursor. */
function takeQuoteMarker(cursor: Cursor): boolean {
  if (indentAt(cursor, 4) > 3) return false;
  const probe = { ...cursor };
  skipIndent(probe, 3);
  if (probe.text[probe.offset] !== '>') return false;
  probe.offset++;
  probe.column++;
  const next = probe.text[probe.offset];
  if (next === ' ') {
    probe.offset++;
    probe.column++;
  } else if (next === '\t') {
    probe.offset++;
    probe.column += 4 - (probe.column % 4);
  }
  Object.assign(cursor, probe);
  return true;
}

/**
 * Whether a line outside a paragraph's containers can still continue it lazily:
 * plain text, not the start of a block. A list marker never is: out there it
 * starts a new list, even one that could not interrupt the paragraph in place.
 */
function isLazy(text: string): boolean {
  // A setext underline (`===`) can be lazy, but then it is text, never an underline.
  return text.trim() !== '' && !startsBlock(text) && !LIST_MARKER.test(text);
}

/** Whether a line (indentation removed) would start a block rather than continue a paragraph. */
function startsBlock(text: string): boolean {
  if (ATX.test(text) || THEMATIC_BREAK.test(text) || text[0] === '>') return true;
  const fenceMatch = FENCE_OPEN.exec(text);
  if (fenceMatch && !(fenceMatch[1]![0] === '`' && fenceMatch[2]!.includes('`'))) return true;
  const marker = LIST_MARKER.exec(text);
  if (marker && text.slice(marker[0].length).trim() !== '' && (marker[2] === undefined || Number(marker[2]) === 1)) return true;
  return htmlBlockEnd(text, true) !== undefined;
}

/** How an HTML block starting on this line ends, or undefined when it does not start one. */
function htmlBlockEnd(text: string, inParagraph: boolean): HtmlEnd | undefined {
  if (text[0] !== '<') return undefined;
  if (HTML_BLOCK_1.test(text)) return HTML_BLOCK_1_END;
  if (text.startsWith('<!--')) return /-->/;
  if (text.startsWith('<?')) return /\?>/;
  if (text.startsWith('<![CDATA[')) return /\]\]>/;
  if (/^<![A-Za-z]/.test(text)) return />/;
  if (HTML_BLOCK_6.test(text)) return 'blank';
  // Type 7 (any other complete tag alone on its line) cannot interrupt a paragraph.
  if (!inParagraph && HTML_BLOCK_7.test(text)) return 'blank';
  return undefined;
}

/**
 * The open `[` and `![` of a text, as a stack of parallel number arrays rather
 * than one object each: a line of a hundred thousand `[` must not fill the
 * young generation with objects that the garbage collector copies again and
 * again (that made the scan superlinear).
 */
class OpenerStack {
  /** Offset in the joined text. */
  private readonly at: number[] = [];
  private readonly image: boolean[] = [];
  /** Index in `tokens` of the opener's own text. */
  private readonly token: number[] = [];
  /** How many links were found before it (an image's alt text hides the links in it). */
  private readonly links: number[] = [];

  get length(): number {
    return this.at.length;
  }

  /**
   * Pushes an opener. Past MAX_OPEN_BRACKETS open at once the oldest half is
   * dropped (they could only close over more than that many nested brackets);
   * returns how many were dropped, so stack positions held elsewhere can move.
   */
  push(at: number, image: boolean, token: number, links: number): number {
    let dropped = 0;
    if (this.at.length >= 2 * MAX_OPEN_BRACKETS) {
      dropped = MAX_OPEN_BRACKETS;
      for (const list of [this.at, this.image, this.token, this.links] as unknown[][]) list.splice(0, dropped);
    }
    this.at.push(at);
    this.image.push(image);
    this.token.push(token);
    this.links.push(links);
    return dropped;
  }

  /** Removes the top opener and returns it (a fresh object: one per `]`, not per `[`). */
  pop(): Opener | undefined {
    if (this.at.length === 0) return undefined;
    return { at: this.at.pop()!, image: this.image.pop()!, token: this.token.pop()!, links: this.links.pop()! };
  }
}

interface Opener {
  at: number;
  image: boolean;
  token: number;
  links: number;
}

/** A piece of heading text: literal text, or a run of `*` / `_` that may be emphasis. */
type Token = { text: string } | { text: string; delimiter: '*' | '_'; open: boolean; close: boolean };

/** Where scanInline puts what it finds. */
interface InlineFacts {
  links: ScannedLink[];
  citations: ScannedText[];
  placeholders: ScannedPlaceholder[];
}

/**
 * Scans inline content spread over `segments` (one per line) for links and
 * images, control citations and bracketed placeholders, pushing them to
 * `found`. With `wantText`, also returns the plain text
 * (what a heading reads as in remark: markup removed, code and link text kept,
 * images dropped, character references decoded).
 */
function scanInline(
  segments: readonly Segment[],
  found: InlineFacts,
  definitions: ReadonlySet<string>,
  wantText: boolean,
  mask: (from: Position, to: Position) => void,
): string {
  const text = segments.map((segment) => segment.text).join('\n');
  const starts: number[] = [];
  let total = 0;
  for (const segment of segments) {
    starts.push(total);
    total += segment.text.length + 1;
  }
  const positionOf = (offset: number): Position => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    const segment = segments[low]!;
    return { line: segment.line, column: segment.column + (offset - starts[low]!) + 1 };
  };

  const closers = backtickRuns(text);
  const tokens: Token[] = [];
  const openers = new OpenerStack();
  /** Stack positions below this hold `[` openers that can no longer make links. */
  let deadBelow = 0;
  let noCommentEndFrom = Infinity;
  let index = 0;
  let plainFrom = 0;
  const links = found.links;
  const citations = citationFinder(text, positionOf, found.citations);
  const emitPlain = (end: number) => {
    if (end <= plainFrom) return;
    citations(plainFrom, end);
    // A loop, not push(...spread): a spread of a huge array overflows the stack.
    if (wantText) for (const token of plainTokens(text, plainFrom, end)) tokens.push(token);
  };
  const emit = (literal: string) => {
    if (wantText) tokens.push({ text: literal });
  };

  while (index < text.length) {
    const char = text[index]!;
    if (char === '\\' && index + 1 < text.length && ASCII_PUNCTUATION.test(text[index + 1]!)) {
      emitPlain(index);
      emit(text[index + 1]!);
      index += 2;
      plainFrom = index;
      continue;
    }
    if (char === '`') {
      let run = 1;
      while (text[index + run] === '`') run++;
      const close = closers.next(run, index + run);
      if (close === undefined) {
        index += run;
        continue;
      }
      emitPlain(index);
      mask(positionOf(index), positionOf(close + run - 1));
      let code = text.slice(index + run, close).replace(/\n/g, ' ');
      if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') code = code.slice(1, -1);
      emit(code);
      index = close + run;
      plainFrom = index;
      continue;
    }
    if (char === '<') {
      AUTOLINK.lastIndex = index;
      EMAIL_AUTOLINK.lastIndex = index;
      const auto = AUTOLINK.exec(text) ?? EMAIL_AUTOLINK.exec(text);
      if (auto) {
        const isEmail = !/^[A-Za-z][A-Za-z0-9+.-]{1,31}:/.test(auto[1]!);
        links.push({ url: isEmail ? `mailto:${auto[1]!}` : auto[1]!, kind: 'link', ...positionOf(index) });
        emitPlain(index);
        emit(auto[1]!);
        index += auto[0].length;
        plainFrom = index;
        continue;
      }
      ANGLE_PLACEHOLDER.lastIndex = index;
      const angle = ANGLE_PLACEHOLDER.exec(text);
      if (angle) {
        found.placeholders.push({ text: angle[0], name: angle[1]!.trim(), ...positionOf(index) });
        emitPlain(index);
        emit(angle[0]);
        index += angle[0].length;
        plainFrom = index;
        continue;
      }
      if (text.startsWith('<!--', index) && index < noCommentEndFrom) {
        const end = text.indexOf('-->', index + 4);
        if (end === -1) {
          // No comment closes after here: later `<!--` need not look again.
          noCommentEndFrom = index;
        } else {
          emitPlain(index);
          mask(positionOf(index), positionOf(end + 2));
          emit(text.slice(index, end + 3));
          index = end + 3;
          plainFrom = index;
          continue;
        }
      }
      // Bounded: an unclosed attribute quote must not make every `<` scan to the end.
      const tag = HTML_TAG_AT_START.exec(text.slice(index, index + MAX_DESTINATION));
      if (tag) {
        emitPlain(index);
        emit(tag[0]);
        index += tag[0].length;
        plainFrom = index;
        continue;
      }
      index++;
      continue;
    }
    if (char === '[' || (char === '!' && text[index + 1] === '[')) {
      const image = char === '!';
      emitPlain(index);
      deadBelow = Math.max(0, deadBelow - openers.push(index, image, tokens.length, links.length));
      emit(image ? '![' : '[');
      index += image ? 2 : 1;
      plainFrom = index;
      continue;
    }
    if (char === ']') {
      const opener = openers.pop();
      // Openers below `deadBelow` were inside a link that formed: links cannot contain links.
      const dead = opener !== undefined && !opener.image && openers.length < deadBelow;
      deadBelow = Math.min(deadBelow, openers.length);
      if (!opener || dead) {
        index++;
        continue;
      }
      const inline = text[index + 1] === '(' ? parseDestination(text, index + 2) : undefined;
      const end = inline?.end ?? referenceEnd(text, index, opener, definitions);
      if (end === undefined) {
        // Brackets that make no link: `[YOUR_ORGANISATION_NAME]` is a template's blank (not `[x]`, `[^1]`, `[A](`, `[A][b]`).
        const next = text[index + 1];
        if (!opener.image && index - opener.at <= 101 && next !== '(' && next !== '[') {
          const inner = text.slice(opener.at + 1, index);
          if (BRACKET_PLACEHOLDER.test(inner) && inner.trim().length >= 2) {
            found.placeholders.push({ text: `[${inner}]`, name: inner.trim(), ...positionOf(opener.at) });
          }
        }
        index++;
        continue;
      }
      emitPlain(index);
      // An image's description is plain alt text in remark: links inside it are not links.
      if (opener.image) links.length = opener.links;
      if (inline) links.push({ url: inline.url, kind: opener.image ? 'image' : 'link', ...positionOf(opener.at) });
      if (opener.image) {
        // remark's heading text has no image alt text.
        tokens.length = Math.min(tokens.length, opener.token);
      } else {
        if (wantText) tokens[opener.token] = { text: '' };
        // Links cannot contain links: every `[` opener still open is dead.
        deadBelow = openers.length;
      }
      index = end;
      plainFrom = index;
      continue;
    }
    index++;
  }
  emitPlain(text.length);
  return wantText ? resolveEmphasis(tokens) : '';
}

/**
 * The control citations of a text, asked for one plain stretch `[start, end)`
 * at a time in increasing order: a citation never spans code, a link
 * destination or markup. Linear: the next id is looked for once and kept
 * until a stretch reaches it, so text without ids is read once, however many
 * stretches it is cut into.
 */
function citationFinder(text: string, positionOf: (offset: number) => Position, out: ScannedText[]): (start: number, end: number) => void {
  if (!text.includes('A.')) return () => {};
  const ids = new RegExp(CITED_ID.source, 'g');
  let next: RegExpExecArray | null | undefined;
  return (start, end) => {
    if (next === null) return;
    if (next === undefined || next.index < start) {
      ids.lastIndex = start;
      next = ids.exec(text);
    }
    while (next && next.index + next[0].length <= end) {
      const from = next.index;
      let to = from + next[0].length;
      const before = text.slice(Math.max(start, from - 12), from);
      // An id, then its range end, then more ids after separators, all inside the stretch.
      for (;;) {
        CITED_RANGE_END.lastIndex = to;
        const range = CITED_RANGE_END.exec(text);
        if (range && range.index + range[0].length <= end) to += range[0].length;
        CITED_SEPARATOR.lastIndex = to;
        const separator = CITED_SEPARATOR.exec(text);
        if (!separator) break;
        ids.lastIndex = to + separator[0].length;
        const more = ids.exec(text);
        if (!more || more.index !== to + separator[0].length || more.index + more[0].length > end) break;
        to = more.index + more[0].length;
      }
      if (!NOT_A_CONTROL_BEFORE.test(before)) out.push({ text: text.slice(from, to), ...positionOf(from) });
      ids.lastIndex = to;
      next = ids.exec(text);
    }
  };
}

/**
 * The end of a reference link (`[text][label]`, `[text][]`, `[text]`) whose label
 * is defined, or undefined. Reference links are not reported (their definitions
 * are), but they hide their brackets from heading text and nest like links.
 */
function referenceEnd(text: string, close: number, opener: Opener, definitions: ReadonlySet<string>): number | undefined {
  if (definitions.size === 0 || close - opener.at > 1001) return undefined;
  const inner = text.slice(opener.at + (opener.image ? 2 : 1), close);
  if (text[close + 1] === '[') {
    const labelEnd = text.slice(close + 2, close + 1002).indexOf(']') + close + 2;
    if (labelEnd !== close + 1 && !text.slice(close + 2, labelEnd).includes('[')) {
      const label = text.slice(close + 2, labelEnd);
      const key = normaliseLabel(label.trim() === '' ? inner : label);
      if (definitions.has(key)) return labelEnd + 1;
      if (label.trim() !== '') return undefined;
    }
  }
  return definitions.has(normaliseLabel(inner)) ? close + 1 : undefined;
}

/** CommonMark label matching: case-insensitive, whitespace collapsed. */
function normaliseLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase();
}

const PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/;

/** Plain text split into literal text and `*` / `_` runs with CommonMark's flanking rules. */
function plainTokens(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  const pattern = /\*+|_+/g;
  pattern.lastIndex = start;
  let from = start;
  for (let match = pattern.exec(text); match && match.index < end; match = pattern.exec(text)) {
    const runEnd = Math.min(match.index + match[0].length, end);
    if (match.index > from) tokens.push({ text: decodeEntities(text.slice(from, match.index)) });
    const before = text[match.index - 1] ?? ' ';
    const after = text[runEnd] ?? ' ';
    const beforeSpace = WHITESPACE.test(before);
    const afterSpace = WHITESPACE.test(after);
    const beforePunct = PUNCTUATION.test(before);
    const afterPunct = PUNCTUATION.test(after);
    const left = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
    const right = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
    const delimiter = match[0][0] as '*' | '_';
    const run = text.slice(match.index, runEnd);
    tokens.push(
      delimiter === '*'
        ? { text: run, delimiter, open: left, close: right }
        : { text: run, delimiter, open: left && (!right || beforePunct), close: right && (!left || afterPunct) },
    );
    from = runEnd;
  }
  if (from < end) tokens.push({ text: decodeEntities(text.slice(from, end)) });
  return tokens;
}

/** Emphasis pairing (CommonMark's process-emphasis, without the rule of three): matched markers go. */
function resolveEmphasis(tokens: Token[]): string {
  // Pairing is quadratic in the markers; a heading with thousands is not text to read, only to survive.
  if (tokens.length > MAX_EMPHASIS_TOKENS) return tokens.map((token) => ('delimiter' in token ? '' : token.text)).join('');
  const remaining = tokens.map((token) => token.text.length);
  /** Markers inside a matched pair can no longer pair across it: they stay as text. */
  const dead = tokens.map(() => false);
  for (let closer = 0; closer < tokens.length; closer++) {
    const token = tokens[closer]!;
    if (!('delimiter' in token) || !token.close) continue;
    for (let opener = closer - 1; opener >= 0 && remaining[closer]! > 0; opener--) {
      const candidate = tokens[opener]!;
      if (dead[opener] || !('delimiter' in candidate) || !candidate.open || candidate.delimiter !== token.delimiter || remaining[opener] === 0) continue;
      const used = remaining[opener]! >= 2 && remaining[closer]! >= 2 ? 2 : 1;
      remaining[opener]! -= used;
      remaining[closer]! -= used;
      for (let between = opener + 1; between < closer; between++) dead[between] = true;
      // Try the same opener again while both still have markers (`***a***`).
      if (remaining[opener]! > 0) opener++;
    }
  }
  return tokens.map((token, index) => ('delimiter' in token ? token.text.slice(0, remaining[index]) : token.text)).join('');
}

/**
 * A character reference: decimal (up to 7 digits), hexadecimal (up to 6) or
 * named (up to 31 alphanumerics), always with its `;` (CommonMark).
 */
const CHARACTER_REFERENCE = /&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z0-9]{1,31}));/g;

/**
 * Character references (`&amp;`, `&szlig;`, `&#169;`, `&#xA9;`) as text. Names
 * come from the full HTML table remark decodes with (decode-named-character-reference);
 * an unknown name stays as written. Numbers that are no safe character (NUL and
 * other controls, surrogates, non-characters, past U+10FFFF) become U+FFFD, as
 * micromark decodes them: never a control character in a heading or a path.
 */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(CHARACTER_REFERENCE, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) {
      const decoded = decodeNamedCharacterReference(name);
      return decoded === false ? whole : decoded;
    }
    return decodeNumericReference(decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16));
  });
}

function decodeNumericReference(code: number): string {
  const unsafe =
    code < 9 ||
    code === 11 ||
    (code > 13 && code < 32) ||
    (code > 126 && code < 160) ||
    (code >= 0xd800 && code <= 0xdfff) ||
    (code >= 0xfdd0 && code <= 0xfdef) ||
    (code & 0xfffe) === 0xfffe ||
    code > 0x10ffff;
  return unsafe ? '\uFFFD' : String.fromCodePoint(code);
}

/**
 * Parses `(destination "title")` after `](`, from `start` (just after the `(`).
 * Returns the decoded URL and the offset after `)`, or undefined when it is not one.
 */
function parseDestination(text: string, start: number): { url: string; end: number } | undefined {
  const limit = Math.min(text.length, start + MAX_DESTINATION);
  let index = skipSpace(text, start, limit);
  if (index === undefined) return undefined;
  let url = '';
  if (text[index] === '<') {
    // Up to the first unescaped `>`; a line break or another `<` first means no destination. Each
    // scan stops at the next `<`, so the scans of all destinations together read the text once.
    let close = index + 1;
    while (close < limit && text[close] !== '>') {
      if (text[close] === '\n' || text[close] === '<') return undefined;
      close += text[close] === '\\' && close + 1 < limit && text[close + 1] !== '\n' ? 2 : 1;
    }
    if (close >= limit) return undefined;
    url = text.slice(index + 1, close);
    index = close + 1;
  } else if (text[index] !== ')') {
    let depth = 0;
    const begin = index;
    while (index < limit) {
      const char = text[index]!;
      if (char === '\\' && index + 1 < limit && ASCII_PUNCTUATION.test(text[index + 1]!)) {
        index += 2;
        continue;
      }
      if (char === '(') {
        depth++;
        if (depth > MAX_PAREN_DEPTH) return undefined;
      } else if (char === ')') {
        if (depth === 0) break;
        depth--;
      } else if (char === ' ' || char === '\t' || char === '\n' || char.charCodeAt(0) < 0x20) {
        break;
      }
      index++;
    }
    if (depth !== 0 || index >= limit) return undefined;
    url = text.slice(begin, index);
  }
  const afterUrl = skipSpace(text, index, limit);
  if (afterUrl === undefined) return undefined;
  index = afterUrl;
  const opening = text[index];
  if (opening === '"' || opening === "'" || opening === '(') {
    // A title must be separated from the destination by whitespace.
    if (url !== '' && !/[ \t\n]/.test(text[index - 1]!)) return undefined;
    const closing = opening === '(' ? ')' : opening;
    let cursor = index + 1;
    while (cursor < limit && text[cursor] !== closing) {
      if (text[cursor] === '\\') cursor++;
      else if (opening === '(' && text[cursor] === '(') return undefined;
      cursor++;
    }
    if (cursor >= limit) return undefined;
    if (/\n[ \t]*\n/.test(text.slice(index, cursor))) return undefined;
    const afterTitle = skipSpace(text, cursor + 1, limit);
    if (afterTitle === undefined) return undefined;
    index = afterTitle;
  }
  if (text[index] !== ')') return undefined;
  return { url: decodeUrl(url), end: index + 1 };
}

/** Skips spaces, tabs and at most one line ending; undefined at a blank line or the limit. */
function skipSpace(text: string, start: number, limit: number): number | undefined {
  let index = start;
  let newlines = 0;
  while (index < limit && (text[index] === ' ' || text[index] === '\t' || text[index] === '\n')) {
    if (text[index] === '\n' && ++newlines > 1) return undefined;
    index++;
  }
  return index < limit ? index : undefined;
}

/** Backslash escapes and character references in a URL, as CommonMark decodes them (one pass: `\\&amp;` stays `&amp;`). */
function decodeUrl(url: string): string {
  if (!url.includes('\\') && !url.includes('&')) return url;
  return url.replace(/\\([!-/:-@[-`{-~])|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z0-9]{1,31});/g, (whole, escaped: string | undefined) =>
    escaped !== undefined ? escaped : decodeEntities(whole),
  );
}

/**
 * The backtick runs of a text, by length, for code-span matching in linear time:
 * `next(length, from)` is the offset of the first run of exactly `length`
 * backticks at or after `from`.
 */
function backtickRuns(text: string): { next(length: number, from: number): number | undefined } {
  const runs = new Map<number, number[]>();
  for (let index = text.indexOf('`'); index !== -1; ) {
    let end = index;
    while (text[end] === '`') end++;
    // A backslash before a run escapes its first backtick only when opening; closers are never escaped.
    const list = runs.get(end - index) ?? [];
    list.push(index);
    runs.set(end - index, list);
    index = text.indexOf('`', end);
  }
  const cursors = new Map<number, number>();
  return {
    next(length, from) {
      const list = runs.get(length);
      if (!list) return undefined;
      let cursor = cursors.get(length) ?? 0;
      while (cursor < list.length && list[cursor]! < from) cursor++;
      cursors.set(length, cursor);
      return list[cursor];
    },
  };
}
