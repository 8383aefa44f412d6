/**
 * Control and clause coverage of the ISMS: which Annex A controls and which
 * clauses the (non-retired) policies map, against the SoA's decisions. Used by
 * the coverage rules, the SoA, the reports and the PR coverage delta.
 */
import { clauses, clausesRequiringDocuments, controls } from '../catalog/index.js';
import type { PolicyRecord } from './policy.js';
import type { Soa } from './soa.js';

/**
 * covered: mapped by a non-retired policy whose review is not overdue;
 * overdue-only: mapped, but only by policies whose review is overdue;
 * uncovered: applicable (or undecided) and mapped by no non-retired policy;
 * excluded: the SoA marks it not applicable.
 */
export type ControlState = 'covered' | 'overdue-only' | 'uncovered' | 'excluded';

export interface ControlCoverage {
  id: string;
  state: ControlState;
  /** Ids (or files, for policies without an id) of the non-retired policies mapping it. */
  policies: string[];
}

export interface ClauseCoverage {
  id: string;
  covered: boolean;
  /** Whether the clause requires documented information (SPEC `clause-uncovered`). */
  requiresDocument: boolean;
  policies: string[];
}

export interface Coverage {
  controls: ControlCoverage[];
  clauses: ClauseCoverage[];
  counts: {
    controls: number;
    covered: number;
    overdueOnly: number;
    uncovered: number;
    excluded: number;
    requiredClauses: number;
    requiredClausesCovered: number;
  };
}

function policyName(policy: PolicyRecord): string {
  return policy.id ?? policy.file;
}

/** True when `mapped` is `clause` or one of its sub-clauses (`9.2.2` covers `9.2` and `9`). */
export function clauseCovers(mapped: string, clause: string): boolean {
  return mapped === clause || mapped.startsWith(`${clause}.`);
}

/** Coverage plus the policy records behind each control and clause, for the renderers. */
export interface CoverageIndex {
  coverage: Coverage;
  /** Catalog control id -> the non-retired policies mapping it, in input (path) order. */
  controlPolicies: ReadonlyMap<string, readonly PolicyRecord[]>;
  /** Catalog clause id -> the non-retired policies mapping it or one of its sub-clauses. */
  clausePolicies: ReadonlyMap<string, readonly PolicyRecord[]>;
}

const knownClauses = new Set(clauses.map((clause) => clause.id));

/** One pass over every policy's mappings: O(policies x mappings), whatever the catalog size. */
function buildIndex(policies: readonly PolicyRecord[], soa: Soa | null): CoverageIndex {
  const byControl = new Map<string, PolicyRecord[]>();
  const byClause = new Map<string, PolicyRecord[]>();
  const add = (map: Map<string, PolicyRecord[]>, key: string, policy: PolicyRecord) => {
    const list = map.get(key);
    if (list) list.push(policy);
    else map.set(key, [policy]);
  };
  for (const policy of policies) {
    if (policy.status === 'retired') continue;
    for (const control of new Set(policy.controls)) add(byControl, control, policy);
    // A sub-clause covers its parents: `9.2.2` counts for 9.2.2, 9.2 and 9.
    const covered = new Set<string>();
    for (const mapped of policy.clauses) {
      const parts = mapped.split('.');
      for (let length = parts.length; length > 0; length--) {
        const clause = parts.slice(0, length).join('.');
        if (knownClauses.has(clause)) covered.add(clause);
      }
    }
    for (const clause of covered) add(byClause, clause, policy);
  }
  const controlCoverage = controls.map((control): ControlCoverage => {
    const mapping = byControl.get(control.id) ?? [];
    const names = mapping.map(policyName);
    const decision = soa?.decisions.get(control.id);
    if (decision && !decision.applicable) return { id: control.id, state: 'excluded', policies: names };
    if (mapping.length === 0) return { id: control.id, state: 'uncovered', policies: names };
    const allOverdue = mapping.every((policy) => policy.review_state === 'overdue');
    return { id: control.id, state: allOverdue ? 'overdue-only' : 'covered', policies: names };
  });
  const clauseCoverage = clauses.map((clause): ClauseCoverage => {
    const mapping = byClause.get(clause.id) ?? [];
    return {
      id: clause.id,
      covered: mapping.length > 0,
      requiresDocument: clausesRequiringDocuments.includes(clause.id),
      policies: mapping.map(policyName),
    };
  });
  const count = (state: ControlState) => controlCoverage.filter((entry) => entry.state === state).length;
  const required = clauseCoverage.filter((entry) => entry.requiresDocument);
  return {
    coverage: {
      controls: controlCoverage,
      clauses: clauseCoverage,
      counts: {
        controls: controlCoverage.length,
        covered: count('covered'),
        overdueOnly: count('overdue-only'),
        uncovered: count('uncovered'),
        excluded: count('excluded'),
        requiredClauses: required.length,
        requiredClausesCovered: required.filter((entry) => entry.covered).length,
      },
    },
    controlPolicies: new Map(controls.map((control) => [control.id, byControl.get(control.id) ?? []])),
    clausePolicies: new Map(clauses.map((clause) => [clause.id, byClause.get(clause.id) ?? []])),
  };
}

export function computeCoverage(policies: readonly PolicyRecord[], soa: Soa | null): Coverage {
  return buildIndex(policies, soa).coverage;
}

/**
 * Keyed by the policies array of one run: the coverage rules and the renderers of
 * that run share one computation. The array must not change after the first call
 * (check() hands it over complete).
 */
const cache = new WeakMap<readonly PolicyRecord[], { soa: Soa | null; index: CoverageIndex }>();

/** Coverage of one run, computed once per (policies, SoA) pair and then shared. */
export function coverageIndex(policies: readonly PolicyRecord[], soa: Soa | null): CoverageIndex {
  const cached = cache.get(policies);
  if (cached && cached.soa === soa) return cached.index;
  const index = buildIndex(policies, soa);
  cache.set(policies, { soa, index });
  return index;
}

export interface CoverageDelta {
  /** Controls that become covered (or overdue-only) from uncovered. */
  controlsGained: string[];
  /** Controls that were covered and no longer are. */
  controlsLost: string[];
  /** Controls whose state changed in another way (e.g. excluded, overdue-only). */
  controlsChanged: Array<{ id: string; from: ControlState; to: ControlState }>;
  clausesGained: string[];
  clausesLost: string[];
}

export function coverageDelta(base: Coverage, head: Coverage): CoverageDelta {
  const delta: CoverageDelta = { controlsGained: [], controlsLost: [], controlsChanged: [], clausesGained: [], clausesLost: [] };
  const baseControls = new Map(base.controls.map((entry) => [entry.id, entry.state]));
  const mapped = (state: ControlState | undefined) => state === 'covered' || state === 'overdue-only';
  for (const entry of head.controls) {
    const before = baseControls.get(entry.id);
    if (before === entry.state) continue;
    if (!mapped(before) && mapped(entry.state) && before === 'uncovered') delta.controlsGained.push(entry.id);
    else if (mapped(before) && entry.state === 'uncovered') delta.controlsLost.push(entry.id);
    else if (before) delta.controlsChanged.push({ id: entry.id, from: before, to: entry.state });
  }
  const baseClauses = new Map(base.clauses.map((entry) => [entry.id, entry.covered]));
  for (const entry of head.clauses) {
    const before = baseClauses.get(entry.id) ?? false;
    if (!before && entry.covered) delta.clausesGained.push(entry.id);
    if (before && !entry.covered) delta.clausesLost.push(entry.id);
  }
  return delta;
}
