/** The JSON report of SPEC section 6: stable field order, one object per run. */
import type { CheckResult } from '../check.js';
import type { PolicyRecord } from '../model/policy.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

export interface JsonReport {
  version: 1;
  tool: { name: string; version: string };
  today: string;
  summary: { policies: number; errors: number; warnings: number };
  findings: Array<{ rule: string; severity: string; file: string | null; line: number; column: number; message: string; policy: string | null }>;
  policies: Array<{
    id: string | null;
    title: string | null;
    file: string;
    owners: string[];
    status: string | null;
    last_reviewed: string | null;
    next_review: string | null;
    review_state: string;
    clauses: string[];
    controls: string[];
  }>;
}

export function toJsonReport(result: CheckResult): JsonReport {
  return {
    version: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    today: result.today,
    summary: result.summary,
    findings: result.findings.map((finding) => ({
      rule: finding.rule,
      severity: finding.severity,
      file: finding.file,
      line: finding.line,
      column: finding.column,
      message: finding.message,
      policy: finding.policy ?? null,
    })),
    policies: result.policies.map(policyJson),
  };
}

/** A policy as every JSON output shows it (SPEC section 6). */
export function policyJson(policy: PolicyRecord): JsonReport['policies'][number] {
  return {
    id: policy.id,
    title: policy.title,
    file: policy.file,
    owners: policy.owners,
    status: policy.status,
    last_reviewed: policy.last_reviewed,
    next_review: policy.next_review,
    review_state: policy.review_state,
    clauses: policy.clauses,
    controls: policy.controls,
  };
}

export function formatJson(result: CheckResult): string {
  return `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
}
