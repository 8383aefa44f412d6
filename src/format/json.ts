/**
 * The JSON report of `isms check --format json`: stable field order, one object per run.
 * `coverage` comes last: the counts and ids behind the text summary's coverage line.
 */
import type { CheckResult } from '../check.js';
import { coverageIndex, type ClauseCoverage, type ControlState, type Coverage } from '../model/coverage.js';
import { documentControlFields, type DocumentControlFields } from '../model/document-control.js';
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
    /** The people and teams behind the owners: roles expanded through `.isms.yml` `roles:`. */
    owner_holders: string[];
    /** Roles the owners or approver name (as written) -> their holders. */
    roles: Record<string, string[]>;
    status: string | null;
    last_reviewed: string | null;
    next_review: string | null;
    review_state: string;
    clauses: string[];
    controls: string[];
    /** The ISO/IEC 27001 edition the document's ids are read in (2013 until `isms migrate`). */
    edition: 2013 | 2022;
    /** The document type (`policy`, `procedure`, `register` ...) and its document-control fields. */
    type: string;
  } & DocumentControlFields>;
  coverage: JsonCoverage;
}

type StateIds<Key extends string> = Record<Key, string[]>;

/**
 * Annex A and clause coverage. Control states add up to `total`: `applicable` is what
 * the SoA decides applicable (0 without an SoA file); `undecided` controls (an SoA file
 * that does not decide them) are never counted as applicable; `draft_only` ones are mapped
 * only by drafts and never counted as covered. Clauses: the ones that require documented
 * information; `covered` includes 6.1.3 when an SoA file documents it.
 */
export interface JsonCoverage {
  soa: string | null;
  controls: {
    total: number;
    applicable: number;
    covered: number;
    overdue_only: number;
    draft_only: number;
    uncovered: number;
    excluded: number;
    undecided: number;
    ids: StateIds<'covered' | 'overdue_only' | 'draft_only' | 'uncovered' | 'excluded' | 'undecided'>;
  };
  clauses: {
    required: number;
    covered: number;
    draft_only: number;
    uncovered: number;
    ids: StateIds<'covered' | 'draft_only' | 'uncovered'>;
    documented_by_soa: string[];
  };
}

const JSON_STATE: Record<ControlState, keyof JsonCoverage['controls']['ids']> = {
  covered: 'covered',
  'overdue-only': 'overdue_only',
  'draft-only': 'draft_only',
  uncovered: 'uncovered',
  excluded: 'excluded',
  undecided: 'undecided',
};

export function coverageJson(coverage: Coverage, soaFile: string | null): JsonCoverage {
  const { counts } = coverage;
  const ids: JsonCoverage['controls']['ids'] = { covered: [], overdue_only: [], draft_only: [], uncovered: [], excluded: [], undecided: [] };
  for (const entry of coverage.controls) ids[JSON_STATE[entry.state]].push(entry.id);
  const required = coverage.clauses.filter((entry) => entry.requiresDocument);
  const clauseIds = (predicate: (entry: ClauseCoverage) => boolean) => required.filter(predicate).map((entry) => entry.id);
  const draftOnly = clauseIds((entry) => !entry.covered && entry.state === 'draft-only');
  const uncovered = clauseIds((entry) => !entry.covered && entry.state !== 'draft-only');
  return {
    soa: soaFile,
    controls: {
      total: counts.controls,
      applicable: counts.applicable,
      covered: counts.covered,
      overdue_only: counts.overdueOnly,
      draft_only: counts.draftOnly,
      uncovered: counts.uncovered,
      excluded: counts.excluded,
      undecided: counts.undecided,
      ids,
    },
    clauses: {
      required: counts.requiredClauses,
      covered: counts.requiredClausesCovered,
      draft_only: draftOnly.length,
      uncovered: uncovered.length,
      ids: { covered: clauseIds((entry) => entry.covered), draft_only: draftOnly, uncovered },
      documented_by_soa: coverage.clauses.filter((entry) => entry.soaFile !== null).map((entry) => entry.id),
    },
  };
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
    policies: (result.focus ? result.policies.filter((policy) => result.focus?.includes(policy.file)) : result.policies).map(policyJson),
    coverage: coverageJson(coverageIndex(result.policies, result.soa).coverage, result.soa?.file ?? null),
  };
}

/** A policy as every JSON output shows it. */
export function policyJson(policy: PolicyRecord): JsonReport['policies'][number] {
  return {
    id: policy.id,
    title: policy.title,
    file: policy.file,
    owners: policy.owners,
    owner_holders: policy.owner_holders,
    roles: policy.roles,
    status: policy.status,
    last_reviewed: policy.last_reviewed,
    next_review: policy.next_review,
    review_state: policy.review_state,
    clauses: policy.clauses,
    controls: policy.controls,
    edition: policy.mapping.edition,
    type: policy.type,
    ...documentControlFields(policy.document),
  };
}

export function formatJson(result: CheckResult): string {
  return `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
}
