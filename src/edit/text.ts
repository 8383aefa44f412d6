/**
 * Edits to a file's text at exact offsets. Rewriting a file through a YAML
 * serialiser would change quoting, comments and spacing the owner chose; these
 * edits change only the characters they name and leave every other byte alone.
 */

export interface TextEdit {
  /** Offset of the first replaced character. */
  start: number;
  /** Offset after the last replaced character (start === end inserts). */
  end: number;
  text: string;
}

/** Applies non-overlapping edits (any order); throws on overlap, a bug in the planner. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start) {
      throw new Error(`Overlapping edits at offset ${edit.start}`);
    }
    result += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/** Offset of the first character of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the line break (`\r\n` or `\n`) ending the line holding `offset`, or the text's end. */
export function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline === -1) return text.length;
  return newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline;
}

/** Offset of the next line's start, or the text's end on the last line. */
export function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** The line break the line holding `offset` ends with; the file's first one when it has none. */
export function eolAt(text: string, offset: number): string {
  const newline = text.indexOf('\n', offset);
  const at = newline === -1 ? text.indexOf('\n') : newline;
  if (at === -1) return '\n';
  return at > 0 && text[at - 1] === '\r' ? '\r\n' : '\n';
}

/** Moves `offset` back over whitespace, so a range ends at its last visible character. */
export function trimEnd(text: string, start: number, offset: number): number {
  let end = offset;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/**
 * When only spaces separate `at` from a `# comment` on the same line, an edit
 * that widens (delta > 0) or narrows that gap, keeping at least one space: so an
 * aligned comment stays in its column after the text before it changed length.
 */
export function adjustCommentGap(text: string, at: number, delta: number): TextEdit | null {
  if (delta === 0) return null;
  const gap = /^( +)#/.exec(text.slice(at, lineEnd(text, at)));
  if (!gap) return null;
  const width = Math.max(1, gap[1]!.length + delta);
  return width === gap[1]!.length ? null : { start: at, end: at + gap[1]!.length, text: ' '.repeat(width) };
}

/** Replaces `[start, end)` and keeps a following aligned comment in its column. */
export function replaceKeepingComment(text: string, start: number, end: number, replacement: string): TextEdit {
  const gap = adjustCommentGap(text, end, end - start - replacement.length);
  return gap ? { start, end: gap.end, text: replacement + gap.text } : { start, end, text: replacement };
}
