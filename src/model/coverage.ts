/**
 * Control and clause coverage of the ISMS: which Annex A controls and which
 * clauses the (non-retired) policies map, against the SoA's decisions. Used by
 * the coverage rules, the SoA, the reports and the PR coverage delta.
 */
import { clauses, clausesRequiringDocuments, controls } from '../catalog/index.js';
import type { PolicyRecord } from './policy.js';
import type { Soa } from './soa.js';

/**
 * One state per control, so the states add up to the 93 controls:
 * covered: mapped by a non-retired policy that is in force (not a draft) and not overdue;
 * overdue-only: mapped by policies in force, but every one of them is overdue for review;
 * draft-only: mapped only by drafts (a draft is not yet documented information in force);
 * uncovered: mapped by no non-retired policy (applicable, or every control without an SoA file);
 * excluded: the SoA marks it not applicable;
 * undecided: an SoA file exists and does not decide on it (mapped or not: it is not
 *   counted as applicable until the SoA says so).
 */
export type ControlState = 'covered' | 'overdue-only' | 'draft-only' | 'uncovered' | 'excluded' | 'undecided';

/** The states a policy mapping can give (controls and clauses alike). */
export type MappingState = 'covered' | 'overdue-only' | 'draft-only' | 'uncovered';

export interface ControlCoverage {
  id: string;
  state: ControlState;
  /** Ids (or files, for policies without an id) of the non-retired policies mapping it. */
  policies: string[];
}

export interface ClauseCoverage {
  id: string;
  state: MappingState;
  /** Documented by a policy in force (covered or overdue-only), or by the SoA file (clause 6.1.3). */
  covered: boolean;
  /** Whether the clause requires documented information (rule `clause-uncovered`). */
  requiresDocument: boolean;
  policies: string[];
  /**
   * The SoA file when it is this clause's documented information: the SoA is what
   * 6.1.3 d) requires, so with an SoA file 6.1.3 (and its parents 6.1 and 6) are covered.
   */
  soaFile: string | null;
}

export interface Coverage {
  controls: ControlCoverage[];
  clauses: ClauseCoverage[];
  counts: {
    controls: number;
    /** Decided applicable by the SoA (covered + overdueOnly + draftOnly + uncovered); without an SoA file, 0. */
    applicable: number;
    covered: number;
    overdueOnly: number;
    draftOnly: number;
    uncovered: number;
    excluded: number;
    /** Controls the SoA file does not decide on (0 without an SoA file: then nothing is decided). */
    undecided: number;
    requiredClauses: number;
    requiredClausesCovered: number;
    /** Required clauses mapped only by drafts (not counted in requiredClausesCovered). */
    requiredClausesDraftOnly: number;
  };
}

/** The clause the SoA file documents (6.1.3 d) Statement of Applicability). */
export const SOA_CLAUSE = '6.1.3';

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

/**
 * What the non-retired policies mapping a control or clause make of it: one policy in
 * force and not overdue covers it; else policies in force that are all overdue; else
 * only drafts (never shown as covered); else nothing.
 */
function mappingState(mapping: readonly PolicyRecord[]): MappingState {
  const inForce = mapping.filter((policy) => policy.review_state !== 'draft');
  if (inForce.some((policy) => policy.review_state !== 'overdue')) return 'covered';
  if (inForce.length > 0) return 'overdue-only';
  return mapping.length > 0 ? 'draft-only' : 'uncovered';
}

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
    for (const control of policy.mapping.counted.controls) add(byControl, control, policy);
    // A sub-clause covers its parents: `9.2.2` counts for 9.2.2, 9.2 and 9.
    const covered = new Set<string>();
    for (const mapped of policy.mapping.counted.clauses) {
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
    if (soa) {
      const decision = soa.decisions.get(control.id);
      if (!decision) return { id: control.id, state: 'undecided', policies: names };
      if (!decision.applicable) return { id: control.id, state: 'excluded', policies: names };
    }
    return { id: control.id, state: mappingState(mapping), policies: names };
  });
  const clauseCoverage = clauses.map((clause): ClauseCoverage => {
    const mapping = byClause.get(clause.id) ?? [];
    const state = mappingState(mapping);
    const soaFile = soa && clauseCovers(SOA_CLAUSE, clause.id) ? soa.file : null;
    return {
      id: clause.id,
      state,
      covered: state === 'covered' || state === 'overdue-only' || soaFile !== null,
      requiresDocument: clausesRequiringDocuments.includes(clause.id),
      policies: mapping.map(policyName),
      soaFile,
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
        applicable: soa ? count('covered') + count('overdue-only') + count('draft-only') + count('uncovered') : 0,
        covered: count('covered'),
        overdueOnly: count('overdue-only'),
        draftOnly: count('draft-only'),
        uncovered: count('uncovered'),
        excluded: count('excluded'),
        undecided: count('undecided'),
        requiredClauses: required.length,
        requiredClausesCovered: required.filter((entry) => entry.covered).length,
        requiredClausesDraftOnly: required.filter((entry) => !entry.covered && entry.state === 'draft-only').length,
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
  /** Controls that become covered (or overdue-only) from uncovered, only-by-drafts or undecided-and-unmapped. */
  controlsGained: string[];
  /** Controls that were covered (or overdue-only) and are now uncovered or only by drafts. */
  controlsLost: string[];
  /** Controls whose state changed in another way (excluded, undecided, overdue-only ...). */
  controlsChanged: Array<{ id: string; from: ControlState; to: ControlState }>;
  clausesGained: string[];
  clausesLost: string[];
}

const inForce = (state: ControlState | undefined) => state === 'covered' || state === 'overdue-only';
const notInForce = (state: ControlState | undefined) => state === 'uncovered' || state === 'draft-only';

export function coverageDelta(base: Coverage, head: Coverage): CoverageDelta {
  const delta: CoverageDelta = { controlsGained: [], controlsLost: [], controlsChanged: [], clausesGained: [], clausesLost: [] };
  const baseControls = new Map(base.controls.map((entry) => [entry.id, entry.state]));
  for (const entry of head.controls) {
    const before = baseControls.get(entry.id);
    if (before === entry.state) continue;
    if (notInForce(before) && inForce(entry.state)) delta.controlsGained.push(entry.id);
    else if (inForce(before) && notInForce(entry.state)) delta.controlsLost.push(entry.id);
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
