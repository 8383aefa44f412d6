/**
 * The job summary: the whole picture of one run, visible on the run's page even with a
 * read-only token (fork PRs). Totals, every finding with a link to its line (up to a row
 * limit), the policies a PR touches, the reviews due, coverage and its change, the reminder
 * digest on a schedule, and notes on what was skipped and why. Kept under GitHub's 1 MiB
 * per step whatever the repository's size.
 */
import type { CheckResult } from '../check.js';
import { changedFirst } from '../format/annotations.js';
import { markdownMessage } from '../format/markdown-escape.js';
import { coverageIndex } from '../model/coverage.js';
import { TOOL_NAME, TOOL_URL, TOOL_VERSION } from '../version.js';
import type { LinkTo } from './links.js';
import {
  coverageCounts,
  coverageDeltaLines,
  dueTable,
  findingsTable,
  fitMarkdown,
  headline,
  policyChangesTable,
  type CoverageComparison,
  type PolicyChange,
} from './report-sections.js';

/** GitHub's limit is 1 MiB per step; stay clear of it. */
export const MAX_SUMMARY_BYTES = 1_000_000;

export interface JobSummaryInput {
  result: CheckResult;
  linkTo: LinkTo | null;
  changedFiles?: ReadonlySet<string>;
  /** Pull requests only. */
  changes?: PolicyChange[] | null;
  comparison?: CoverageComparison;
  /** `coverageMarkdown(result)` when it could be rendered. */
  coverageMarkdown?: string;
  /** The review-reminder digest on a schedule. */
  reminders?: string;
  /** Lines about what was not done and why (read-only token, annotations not shown...). */
  notes?: readonly string[];
  maxFindingRows?: number;
  maxBytes?: number;
}

export function renderJobSummary(input: JobSummaryInput): string {
  const { result, linkTo } = input;
  const lines: string[] = ['## ISMS check', '', headline(result), ''];
  for (const note of input.notes ?? []) lines.push(`> ${markdownMessage(note, { table: false })}`, '');

  if (result.findings.length > 0) {
    lines.push(`### Findings (${result.findings.length})`, '');
    lines.push(...findingsTable(changedFirst(result.findings, input.changedFiles), linkTo, input.maxFindingRows ?? 2000, 'see the JSON report (the `report` output)'), '');
  }
  if (input.changes !== undefined) {
    lines.push('### Policies in this pull request', '');
    lines.push(...(input.changes ? policyChangesTable(input.changes, linkTo, 500) : ['_The pull request\'s files could not be listed._']), '');
  }
  lines.push('### Reviews due', '', ...dueTable(result, linkTo, 500), '');
  if (input.comparison) lines.push('### Coverage change', '', ...coverageDeltaLines(input.comparison), '');
  // The report module's picture has its own heading and counts; without it, the counts alone.
  if (input.coverageMarkdown) lines.push(input.coverageMarkdown.trimEnd(), '');
  else lines.push('### Coverage', '', coverageCounts(coverageIndex(result.policies, result.soa).coverage), '');
  if (input.reminders) lines.push('### Review reminders', '', input.reminders.trimEnd(), '');
  lines.push(`<sub>[${TOOL_NAME}](${TOOL_URL}) ${TOOL_VERSION}</sub>`);

  return fitMarkdown(
    `${lines.join('\n')}\n`,
    input.maxBytes ?? MAX_SUMMARY_BYTES,
    '_… cut here to stay under GitHub\'s 1 MiB limit for a job summary: every finding is in the JSON report (the `report` output)._',
    (text) => Buffer.byteLength(text, 'utf8'),
  );
}
