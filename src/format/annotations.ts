/**
 * Findings as GitHub annotations (`::error file=...,line=...,col=...,title=rule::message`).
 *
 * GitHub shows at most 10 error and 10 warning annotations per step and drops the rest
 * without a word. So the plan puts findings on files the pull request changed first (those
 * are what the author can fix now), keeps to the budget, and hands back the rest so the log
 * and the summary can say how many were not shown.
 *
 * `@actions/core` escapes what the workflow-command syntax needs (`%`, CR and LF in the message;
 * also `:` and `,` in the properties). Before that, every value goes through `safeText`, the
 * guard of all text output: escape bytes and other control characters from policy text are
 * shown visibly (`\x1b`), never passed to the log viewer. See tests/action-annotations.test.ts.
 */
import type { Finding } from '../model/finding.js';
import { safeText } from './terminal.js';

export const ANNOTATIONS_PER_STEP = 10;

export interface Annotation {
  level: 'error' | 'warning';
  message: string;
  properties: { title: string; file?: string; startLine?: number; startColumn?: number };
  finding: Finding;
}

export interface AnnotationPlan {
  shown: Annotation[];
  /** Findings over the budget, in the same order: printed as plain log lines instead. */
  hidden: Finding[];
  hiddenErrors: number;
  hiddenWarnings: number;
}

export interface AnnotationOptions {
  /** Repo-relative files the pull request changed: their findings come first. */
  changedFiles?: ReadonlySet<string>;
  maxErrors?: number;
  maxWarnings?: number;
}

/** Findings on changed files first; otherwise the order they came in (file, line, column). */
export function changedFirst(findings: readonly Finding[], changedFiles: ReadonlySet<string> | undefined): Finding[] {
  if (!changedFiles || changedFiles.size === 0) return [...findings];
  const inChanged = (finding: Finding) => finding.file !== null && changedFiles.has(finding.file);
  return [...findings.filter(inChanged), ...findings.filter((finding) => !inChanged(finding))];
}

export function toAnnotation(finding: Finding): Annotation {
  const properties: Annotation['properties'] = { title: finding.rule };
  if (finding.file !== null) {
    properties.file = safeText(finding.file);
    properties.startLine = finding.line;
    properties.startColumn = finding.column;
  }
  return { level: finding.severity, message: safeText(finding.message), properties, finding };
}

export function planAnnotations(findings: readonly Finding[], options: AnnotationOptions = {}): AnnotationPlan {
  const budget = {
    error: Math.max(0, options.maxErrors ?? ANNOTATIONS_PER_STEP),
    warning: Math.max(0, options.maxWarnings ?? ANNOTATIONS_PER_STEP),
  };
  const plan: AnnotationPlan = { shown: [], hidden: [], hiddenErrors: 0, hiddenWarnings: 0 };
  for (const finding of changedFirst(findings, options.changedFiles)) {
    if (budget[finding.severity] > 0) {
      budget[finding.severity]--;
      plan.shown.push(toAnnotation(finding));
    } else {
      plan.hidden.push(finding);
      if (finding.severity === 'error') plan.hiddenErrors++;
      else plan.hiddenWarnings++;
    }
  }
  return plan;
}

/**
 * One plain log line for a finding that is not an annotation. Line breaks and control
 * characters are shown visibly (`safeText`), so policy text can never start a line with `::`
 * and smuggle in a workflow command.
 */
export function logLine(finding: Finding): string {
  const where = finding.file === null ? 'ISMS' : `${finding.file}:${finding.line}:${finding.column}`;
  return safeText(`${where}  ${finding.severity}  ${finding.message}  ${finding.rule}`);
}

/** "3 errors and 12 warnings were not shown as annotations (...)", or null when all were. */
export function hiddenNote(plan: Pick<AnnotationPlan, 'hiddenErrors' | 'hiddenWarnings'>): string | null {
  const parts: string[] = [];
  if (plan.hiddenErrors > 0) parts.push(`${plan.hiddenErrors} error${plan.hiddenErrors === 1 ? '' : 's'}`);
  if (plan.hiddenWarnings > 0) parts.push(`${plan.hiddenWarnings} warning${plan.hiddenWarnings === 1 ? '' : 's'}`);
  if (parts.length === 0) return null;
  return `${parts.join(' and ')} ${plan.hiddenErrors + plan.hiddenWarnings === 1 ? 'was' : 'were'} not shown as annotations: GitHub shows at most ${ANNOTATIONS_PER_STEP} errors and ${ANNOTATIONS_PER_STEP} warnings per step. Every finding is in the log, the job summary and the JSON report.`;
}
