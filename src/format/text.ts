/**
 * Compiler-style text output: findings grouped by file, one per line as
 * `file:line:col severity message rule-id`, then a one-line summary.
 */
import type { CheckResult } from '../check.js';
import { coverageIndex } from '../model/coverage.js';
import type { Finding } from '../model/finding.js';
import { plain, safeText, type Style } from './terminal.js';

export function formatText(result: CheckResult, style: Style = plain): string {
  const lines: string[] = [];
  let currentFile: string | null | undefined;
  for (const finding of result.findings) {
    if (finding.file !== currentFile) {
      if (currentFile !== undefined) lines.push('');
      lines.push(style.underline(safeText(finding.file ?? '(ISMS)')));
      currentFile = finding.file;
    }
    lines.push(formatFindingLine(finding, style));
  }
  if (lines.length > 0) lines.push('');
  lines.push(summaryLine(result, style));
  if (result.policies.length > 0) lines.push(style.dim(coverageLine(result)));
  return `${lines.join('\n')}\n`;
}

export function formatFindingLine(finding: Finding, style: Style = plain): string {
  const where = `${safeText(finding.file ?? '(ISMS)')}:${finding.line}:${finding.column}`;
  const severity = finding.severity === 'error' ? style.red('error') : style.yellow('warning');
  return `${where} ${severity} ${safeText(finding.message)} ${style.dim(finding.rule)}`;
}

export function summaryLine(result: CheckResult, style: Style = plain): string {
  const { policies, errors, warnings } = result.summary;
  const counted = `${policies} ${policies === 1 ? 'policy' : 'policies'} checked`;
  if (errors === 0 && warnings === 0) return style.green(`✔ ${counted}: no problems`);
  const parts = [`${errors} ${errors === 1 ? 'error' : 'errors'}`, `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`];
  const text = `✖ ${counted}: ${parts.join(', ')}`;
  return errors > 0 ? style.red(style.bold(text)) : style.yellow(style.bold(text));
}

/**
 * Coverage at a glance, with or without an SoA (clause coverage is always checked).
 * "Mapped" counts policies in force (overdue ones included, and said); controls and
 * clauses mapped only by drafts are counted apart, and undecided controls are never
 * counted as applicable.
 */
export function coverageLine(result: CheckResult): string {
  const { counts } = coverageIndex(result.policies, result.soa).coverage;
  const mapped = counts.covered + counts.overdueOnly;
  const notes = (parts: Array<string | false>) => parts.filter((part): part is string => part !== false).join(', ');
  const coverageNotes = [
    counts.overdueOnly > 0 && `${counts.overdueOnly} only by overdue policies`,
    counts.draftOnly > 0 && `${counts.draftOnly} only by drafts`,
  ];
  const controls = result.soa
    ? `${mapped}/${counts.applicable} applicable Annex A controls mapped (${notes([`${counts.excluded} not applicable`, counts.undecided > 0 && `${counts.undecided} undecided`, ...coverageNotes])})`
    : `${mapped}/${counts.controls} Annex A controls mapped (${notes(['no SoA file', ...coverageNotes])})`;
  const clauseNote = counts.requiredClausesDraftOnly > 0 ? ` (${counts.requiredClausesDraftOnly} only by drafts)` : '';
  return `Coverage: ${controls}; ${counts.requiredClausesCovered}/${counts.requiredClauses} clauses that require documented information${clauseNote}`;
}
