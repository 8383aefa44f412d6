/**
 * The body of the one summary comment on a pull request. It holds what a reviewer needs
 * without leaving the conversation: the findings in the PR's files (with links to the lines
 * at the head commit) and elsewhere, the policies the PR adds, changes or removes, the
 * reviews due, and what the PR does to control and clause coverage against the base.
 *
 * The body depends only on the repository's content, never on the time of the run, so a
 * re-run with nothing new leaves the comment untouched.
 */
import type { CheckResult } from '../check.js';
import { changedFirst } from '../format/annotations.js';
import { markdownMessage } from '../format/markdown-escape.js';
import { TOOL_NAME, TOOL_URL, TOOL_VERSION } from '../version.js';
import type { LinkTo } from './links.js';
import {
  coverageDeltaLines,
  dueTable,
  findingsTable,
  fitMarkdown,
  headline,
  policyChangesTable,
  type CoverageComparison,
  type PolicyChange,
} from './report-sections.js';
import { coverageMarkdown } from '../report/index.js';
import { MAX_COMMENT_LENGTH, SUMMARY_MARKER } from './sticky-comment.js';

export interface PrCommentInput {
  result: CheckResult;
  linkTo: LinkTo | null;
  /** Repo-relative files the PR changed (empty when the listing could not be read). */
  changedFiles: ReadonlySet<string>;
  /** Null when the PR's file listing could not be read. */
  changes: PolicyChange[] | null;
  comparison: CoverageComparison;
  /** Findings that sit on lines of the diff (posted, or already posted, as line comments). */
  onDiffLines: number;
  /** Lines saying what could not be done, e.g. a rejected review. */
  notes?: readonly string[];
  /** Row limits; defaults keep a comment readable. */
  maxChangedRows?: number;
  maxOtherRows?: number;
  /** Default GitHub's 65,536 characters. */
  maxLength?: number;
}

/** The 93-cell coverage grid, demoted one heading level; empty when it cannot be rendered. */
function coveragePicture(result: CheckResult): string {
  try {
    return coverageMarkdown(result).trim().replace(/^### .*\n+/, '');
  } catch {
    return '';
  }
}

export function renderPrComment(input: PrCommentInput): string {
  const { result, linkTo } = input;
  const lines: string[] = [SUMMARY_MARKER, '## ISMS review', '', headline(result), ''];
  for (const note of input.notes ?? []) lines.push(`> ${markdownMessage(note, { table: false })}`, '');

  const ordered = changedFirst(result.findings, input.changedFiles);
  const inPr = ordered.filter((finding) => finding.file !== null && input.changedFiles.has(finding.file));
  const elsewhere = ordered.slice(inPr.length);
  if (inPr.length > 0) {
    lines.push(`### Findings in files of this pull request (${inPr.length})`, '');
    lines.push(...findingsTable(inPr, linkTo, input.maxChangedRows ?? 100));
    if (input.onDiffLines > 0) {
      lines.push('', `_${input.onDiffLines === 1 ? 'One of them is' : `${input.onDiffLines} of them are`} on changed lines and also a review comment there._`);
    }
    lines.push('');
  }
  if (elsewhere.length > 0) {
    lines.push(`### Findings elsewhere in the ISMS (${elsewhere.length})`, '');
    lines.push(...findingsTable(elsewhere, linkTo, input.maxOtherRows ?? 20), '');
  }

  lines.push('### Policies in this pull request', '');
  lines.push(...(input.changes ? policyChangesTable(input.changes, linkTo, 100) : ['_The pull request\'s files could not be listed._']), '');
  lines.push('### Reviews due', '', ...dueTable(result, linkTo, 25), '');
  lines.push('### Coverage change', '', ...coverageDeltaLines(input.comparison), '');
  const picture = coveragePicture(result);
  if (picture) lines.push('<details><summary>Annex A coverage at the head of this pull request</summary>', '', picture, '', '</details>', '');
  lines.push(`<sub>[${TOOL_NAME}](${TOOL_URL}) ${TOOL_VERSION} · the exit status of the check decides whether this PR may merge.</sub>`);

  return fitMarkdown(
    `${lines.join('\n')}\n`,
    (input.maxLength ?? MAX_COMMENT_LENGTH) - 100,
    '_… cut here to fit GitHub\'s 65,536-character limit for comments: every finding is in the job summary and the JSON report._',
  );
}
