/**
 * One message model feeds every output (terminal, JSON, SARIF, annotations,
 * review comments): one shape for every output.
 */
export type Severity = 'error' | 'warning';
export type SeveritySetting = Severity | 'off';

export interface Finding {
  rule: string;
  severity: Severity;
  /** Repo-relative path with `/` separators; null for findings about the ISMS as a whole with no file. */
  file: string | null;
  line: number;
  column: number;
  message: string;
  /** The policy id, when known. */
  policy?: string;
}

export interface Position {
  line: number;
  column: number;
}

/** Sort key: file (null last), line, column, rule: stable output whatever the file walk order. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) {
    if (a.file === null) return 1;
    if (b.file === null) return -1;
    return a.file < b.file ? -1 : 1;
  }
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const finding of findings) {
    if (finding.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}
