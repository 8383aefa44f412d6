/**
 * The one summary comment on a pull request: found again by a hidden marker *and* by its
 * author being the token's own identity (anybody can paste the marker into a comment; only
 * we can author as ourselves), created once, then edited in place, and left alone when its
 * body would not change.
 */

export const SUMMARY_MARKER = '<!-- isms-as-code:summary -->';

/**
 * The head commit a summary comment reports, as a second hidden marker: a run for an older
 * commit that finishes last must not overwrite the newer results.
 */
export function headMarker(sha: string): string {
  return `<!-- isms-as-code:head ${sha} -->`;
}

const HEAD_MARKER = /\n?<!-- isms-as-code:head ([0-9a-f]{7,64}) -->/;

/** The head commit recorded in a summary comment, if any. */
export function recordedHead(body: string | null): string | undefined {
  return HEAD_MARKER.exec(body ?? '')?.[1];
}

/** Our marked comments, oldest first. */
export function ownComments(comments: readonly IssueCommentInfo[], identity: string): IssueCommentInfo[] {
  const login = identity.toLowerCase();
  return comments
    .filter((comment) => comment.author?.toLowerCase() === login && (comment.body ?? '').includes(SUMMARY_MARKER))
    .sort((a, b) => a.id - b.id);
}

/** GitHub rejects comment bodies over 65,536 characters. */
export const MAX_COMMENT_LENGTH = 65_536;

export interface IssueCommentInfo {
  id: number;
  body: string | null;
  author: string | null;
}

export type CommentOperation =
  | { kind: 'create'; body: string }
  | { kind: 'update'; commentId: number; body: string }
  | { kind: 'unchanged'; commentId: number };

/** Our earliest marked comment, if any. */
export function findOwnComment(comments: readonly IssueCommentInfo[], identity: string): IssueCommentInfo | undefined {
  return ownComments(comments, identity)[0];
}

/**
 * GitHub stores bodies with CRLF turned into LF in some paths; compare what a reader sees. The
 * head marker is left out: a new commit with the same findings needs no edit.
 */
function normalise(body: string): string {
  return body.replace(/\r\n/g, '\n').replace(HEAD_MARKER, '').trimEnd();
}

/** Whether two bodies read the same (line ends and the head marker aside). */
export function sameBody(a: string, b: string): boolean {
  return normalise(a) === normalise(b);
}

export function planComment(comments: readonly IssueCommentInfo[], identity: string, body: string): CommentOperation {
  const own = findOwnComment(comments, identity);
  if (!own) return { kind: 'create', body };
  if (normalise(own.body ?? '') === normalise(body)) return { kind: 'unchanged', commentId: own.id };
  return { kind: 'update', commentId: own.id, body };
}
