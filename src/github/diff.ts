/**
 * The lines of a pull-request file that a review comment may target. GitHub accepts a
 * comment on the right side only on a line the diff shows there: an added (`+`) or a
 * context (` `) line of a hunk. Anything else is a 422, which would sink the whole review.
 *
 * The `patch` comes from the pull-request files listing (unified diff hunks without the
 * `---`/`+++` header). It is absent for binary files and for very large diffs: then no line
 * can be commented on.
 */

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export interface Hunk {
  /** First line of the hunk on the right (new) side, 1-based. */
  newStart: number;
  newLines: number;
  /** Right-side lines of the hunk that may carry a comment: added and context lines. */
  commentable: number[];
  /** Right-side lines the hunk adds. */
  added: number[];
}

/** Parses the hunks of a patch. Lines outside a hunk's counted range are ignored. */
export function parseHunks(patch: string | null | undefined): Hunk[] {
  if (!patch) return [];
  const hunks: Hunk[] = [];
  let current: Hunk | null = null;
  let oldLeft = 0;
  let newLeft = 0;
  let newLine = 0;
  for (const text of patch.split('\n')) {
    const header = HUNK_HEADER.exec(text);
    if (header) {
      oldLeft = header[2] === undefined ? 1 : Number(header[2]);
      newLeft = header[4] === undefined ? 1 : Number(header[4]);
      newLine = Number(header[3]);
      current = { newStart: newLine, newLines: newLeft, commentable: [], added: [] };
      hunks.push(current);
      continue;
    }
    // `\ No newline at end of file` belongs to the line before it.
    if (!current || text.startsWith('\\') || (oldLeft <= 0 && newLeft <= 0)) continue;
    if (text.startsWith('+')) {
      if (newLeft <= 0) continue;
      current.commentable.push(newLine);
      current.added.push(newLine);
      newLine++;
      newLeft--;
    } else if (text.startsWith('-')) {
      oldLeft--;
    } else {
      // A context line (an empty file line arrives as a single space, or as nothing when trimmed).
      if (newLeft > 0) {
        current.commentable.push(newLine);
        newLine++;
        newLeft--;
      }
      oldLeft--;
    }
  }
  return hunks;
}

/** Right-side lines of a patch that a review comment may target. */
export function commentableLines(patch: string | null | undefined): Set<number> {
  const lines = new Set<number>();
  for (const hunk of parseHunks(patch)) for (const line of hunk.commentable) lines.add(line);
  return lines;
}
