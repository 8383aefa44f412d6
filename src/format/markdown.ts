/**
 * `isms check --format markdown`: a summary and a findings table that reads well
 * in a job summary, a PR comment or a wiki. Every piece of policy text is escaped.
 */
import type { CheckResult } from '../check.js';
import { escapeMarkdown, markdownMessage } from './markdown-escape.js';

export interface MarkdownOptions {
  /** Builds a link to `file` at `line` (e.g. at the PR's head commit); plain text without it. */
  linkTo?: (file: string, line: number) => string;
  /** At most this many finding rows (the rest are counted). Default 500. */
  maxRows?: number;
}

export function formatMarkdown(result: CheckResult, options: MarkdownOptions = {}): string {
  const { policies, errors, warnings } = result.summary;
  const lines: string[] = ['## ISMS check', ''];
  lines.push(
    errors === 0 && warnings === 0
      ? `✅ ${policies} policies checked: no problems (today ${result.today}).`
      : `${errors > 0 ? '❌' : '⚠️'} ${policies} policies checked: **${errors}** error${errors === 1 ? '' : 's'}, **${warnings}** warning${warnings === 1 ? '' : 's'} (today ${result.today}).`,
  );
  lines.push('', ...findingsTable(result, options));
  return `${lines.join('\n')}\n`;
}

export function findingsTable(result: CheckResult, options: MarkdownOptions = {}): string[] {
  if (result.findings.length === 0) return [];
  const maxRows = options.maxRows ?? 500;
  const lines = ['| | Where | Problem | Rule |', '|---|---|---|---|'];
  for (const finding of result.findings.slice(0, maxRows)) {
    const icon = finding.severity === 'error' ? '❌' : '⚠️';
    const label = finding.file ? `${escapeMarkdown(finding.file)}:${finding.line}` : 'ISMS';
    const where = finding.file && options.linkTo ? `[${label}](${options.linkTo(finding.file, finding.line)})` : label;
    lines.push(`| ${icon} | ${where} | ${markdownMessage(finding.message)} | \`${finding.rule}\` |`);
  }
  if (result.findings.length > maxRows) {
    lines.push('', `_${result.findings.length - maxRows} more findings are not shown; see the JSON report._`);
  }
  return lines;
}
