/**
 * Auditor-facing renderings of a check result: the Statement of Applicability
 * and the self-contained HTML report. Placeholders with the agreed signatures
 * until the SoA work (issue 5) lands.
 */
import type { CheckResult } from '../check.js';

export type SoaFormat = 'markdown' | 'csv' | 'json';

export function renderSoa(_result: CheckResult, _format: SoaFormat): string {
  throw new Error('the Statement of Applicability is not available in this version yet');
}

export function renderHtmlReport(_result: CheckResult): string {
  throw new Error('the HTML report is not available in this version yet');
}

/** A compact Markdown picture of Annex A coverage (93 cells) with counts, for summaries and comments. */
export function coverageMarkdown(_result: CheckResult): string {
  return '';
}
