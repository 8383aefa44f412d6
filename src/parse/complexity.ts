/**
 * A linear pre-scan of a Markdown body for the shapes that make CommonMark
 * parsing super-linear (micromark included): thousands of emphasis, link or HTML
 * markers in one paragraph (`*a **a *a ...`, `[a](b[a](b...`), or block quotes
 * and lists nested hundreds deep (`>>>>>...`). A 20 KB file of those takes
 * seconds to parse, and a 1 MiB one would hold a CI job for hours. Real policies
 * stay far below these bounds; a body above them is refused, not parsed.
 */

/** Inline markers in one paragraph (a run of lines without a blank line or a new block). */
export const MAX_INLINE_MARKERS = 1000;
/** Characters of container prefix (`>`, list markers, indentation) on one line. */
export const MAX_CONTAINER_PREFIX = 400;

export interface ComplexityProblem {
  message: string;
  line: number;
  column: number;
}

const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*/;
const MARKERS = /[*_[\]<`]/g;

/** The first reason `body` is too complex to parse, or undefined. `startLine` is its first file line. */
export function bodyComplexity(body: string, startLine: number): ComplexityProblem | undefined {
  let markers = 0;
  let paragraphLine = startLine;
  let fence: string | undefined;
  let lineNumber = startLine;
  for (let start = 0; start <= body.length; lineNumber++) {
    const end = body.indexOf('\n', start);
    const line = body.slice(start, end === -1 ? body.length : end);
    start = end === -1 ? body.length + 1 : end + 1;

    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      // Inside a fenced code block nothing is parsed inline.
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = undefined;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      markers = 0;
      continue;
    }
    const prefixText = CONTAINER_PREFIX.exec(line)![0];
    const rest = line.slice(prefixText.length);
    const prefix = prefixText.length;
    if (prefix > MAX_CONTAINER_PREFIX && rest.trim() !== '') {
      return {
        message: `Markdown too deeply nested to check: block quotes, lists or indentation ${prefix} characters deep (limit ${MAX_CONTAINER_PREFIX}); flatten it`,
        line: lineNumber,
        column: 1,
      };
    }
    // A blank line, a heading or a new list item ends the paragraph; `>` alone does
    // not (`> a` lines continue one quoted paragraph), so quoted text still counts.
    if (rest.trim() === '' || rest.startsWith('#') || /[-+*\d]/.test(prefixText)) {
      markers = 0;
      paragraphLine = lineNumber;
    }
    markers += line.match(MARKERS)?.length ?? 0;
    if (markers > MAX_INLINE_MARKERS) {
      return {
        message: `Markdown too complex to check: over ${MAX_INLINE_MARKERS.toLocaleString('en')} emphasis, link, code or HTML markers (\`*\` \`_\` \`[\` \`]\` \`<\` and backticks) in the paragraph from line ${paragraphLine}; split it into paragraphs or put it in a code block`,
        line: paragraphLine,
        column: 1,
      };
    }
  }
  return undefined;
}
