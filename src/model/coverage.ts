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

export function computeCoverage(policies: readonly PolicyRecord[], soa: Soa | null): Coverage {
  const active = policies.filter((policy) => policy.status !== 'retired');
  const byControl = new Map<string, PolicyRecord[]>();
  for (const policy of active) {
    for (const control of new Set(policy.controls)) {
      const list = byControl.get(control) ?? [];
      list.push(policy);
      byControl.set(control, list);
    }
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
    const mapping = active.filter((policy) => policy.clauses.some((mapped) => clauseCovers(mapped, clause.id)));
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
  };
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
