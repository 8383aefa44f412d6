/**
 * The line comments of one pull-request review, planned as data before anything is sent:
 * findings + the PR's file patches + the review comments already there -> the comments to
 * post, and the findings that cannot be line comments (they go into the summary comment).
 *
 * A finding becomes a line comment only when its file is part of the PR and its line is an
 * added or context line of the diff (GitHub rejects the whole review otherwise). A comment
 * is not posted again when one by our identity already sits on the same path and line and
 * carries the rule's marker.
 */
import type { Finding } from '../model/finding.js';
import { markdownMessage } from '../format/markdown-escape.js';
import { TOOL_URL } from '../version.js';
import { commentableLines } from './diff.js';

export interface PullFileInfo {
  filename: string;
  status: string;
  patch?: string | null;
  previous_filename?: string;
}

export interface ExistingReviewComment {
  /** Comment id and the review it belongs to, when listed from GitHub (to remove a duplicate). */
  id?: number;
  reviewId?: number | null;
  path: string;
  /** Current line on the right side; null when the comment is outdated (its line left the diff). */
  line: number | null;
  side?: string | null;
  body: string;
  author: string | null;
}

export interface PlannedComment {
  path: string;
  line: number;
  side: 'RIGHT';
  body: string;
  /** The findings this comment reports (one comment per line). */
  findings: Finding[];
}

export interface ReviewPlan {
  comments: PlannedComment[];
  /** Findings on diff lines whose comment was posted by an earlier run. */
  alreadyPosted: Finding[];
  /** Findings in files the PR changed, on lines outside the diff. */
  outsideDiff: Finding[];
  /** Findings on diff lines left out because a review carries at most `maxComments`. */
  overLimit: Finding[];
}

export interface ReviewPlanInput {
  findings: readonly Finding[];
  files: readonly PullFileInfo[];
  existing: readonly ExistingReviewComment[];
  /** Login of the token; comments by anyone else never count as posted. */
  identity: string;
  /** Default 50: a longer review is noise; the rest are in the summary comment. */
  maxComments?: number;
}

const MARKER_PREFIX = 'isms-as-code:finding';

/** The hidden marker a line comment carries for each rule it reports. */
export function findingMarker(rule: string): string {
  return `<!-- ${MARKER_PREFIX} ${rule} -->`;
}

export function renderLineComment(findings: readonly Finding[]): string {
  const parts = findings.map((finding) => {
    const icon = finding.severity === 'error' ? '❌ **Error**' : '⚠️ **Warning**';
    return `${icon} ([\`${finding.rule}\`](${TOOL_URL}#${finding.rule})): ${markdownMessage(finding.message, { table: false })}`;
  });
  const markers = [...new Set(findings.map((finding) => finding.rule))].map(findingMarker);
  return `${parts.join('\n\n')}\n\n<sub>isms-as-code</sub>\n${markers.join('\n')}`;
}

/** `path\nline\nrule` for each finding marker in a comment's body. */
export function postedKeys(comment: Pick<ExistingReviewComment, 'path' | 'line' | 'body'>): string[] {
  if (comment.line === null) return [];
  return [...comment.body.matchAll(/<!-- isms-as-code:finding ([a-z0-9-]+) -->/g)].map((match) => `${comment.path}\n${comment.line}\n${match[1]}`);
}

/** Whether any comment in `existing` carries a finding marker (then whose they are matters). */
export function anyMarked(existing: readonly ExistingReviewComment[]): boolean {
  return existing.some((comment) => comment.body.includes(`<!-- ${MARKER_PREFIX} `));
}

function sameLogin(a: string | null, b: string): boolean {
  return a !== null && a.toLowerCase() === b.toLowerCase();
}

export function planReview(input: ReviewPlanInput): ReviewPlan {
  const maxComments = input.maxComments ?? 50;
  const lines = new Map<string, Set<number>>();
  for (const file of input.files) {
    if (file.status === 'removed') continue;
    lines.set(file.filename, commentableLines(file.patch));
  }
  const posted = new Set<string>();
  for (const comment of input.existing) {
    if (!sameLogin(comment.author, input.identity) || comment.line === null) continue;
    if (comment.side && comment.side !== 'RIGHT') continue;
    for (const key of postedKeys(comment)) posted.add(key);
  }

  const plan: ReviewPlan = { comments: [], alreadyPosted: [], outsideDiff: [], overLimit: [] };
  const byLine = new Map<string, PlannedComment>();
  for (const finding of input.findings) {
    if (finding.file === null) continue;
    const fileLines = lines.get(finding.file);
    if (!fileLines) continue; // not a file of this PR
    if (!fileLines.has(finding.line)) {
      plan.outsideDiff.push(finding);
      continue;
    }
    if (posted.has(`${finding.file}\n${finding.line}\n${finding.rule}`)) {
      plan.alreadyPosted.push(finding);
      continue;
    }
    const key = `${finding.file}\n${finding.line}`;
    const existing = byLine.get(key);
    if (existing) {
      existing.findings.push(finding);
      continue;
    }
    if (byLine.size >= maxComments) {
      plan.overLimit.push(finding);
      continue;
    }
    const comment: PlannedComment = { path: finding.file, line: finding.line, side: 'RIGHT', body: '', findings: [finding] };
    byLine.set(key, comment);
    plan.comments.push(comment);
  }
  for (const comment of plan.comments) comment.body = renderLineComment(comment.findings);
  return plan;
}
