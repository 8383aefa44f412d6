/**
 * The documents of an ISMS as a tree: each standard, procedure or guideline may
 * name the policy it hangs off (`parent`). Shared by the rules that need it
 * (reference-unknown: ids that do not exist and cycles; mapping-missing: a
 * document needs no mapping of its own when its parent has one).
 *
 * Policies come from pull requests, so every walk here is linear in the number
 * of documents, whatever chains or cycles they form.
 */
import type { PolicyRecord } from './policy.js';

const indexes = new WeakMap<readonly PolicyRecord[], ReadonlyMap<string, PolicyRecord>>();

/**
 * Id -> the document that has it (the first in path order when an id is duplicated).
 * Worked out once per list of records: several repo-wide rules ask for it.
 */
export function documentsById(policies: readonly PolicyRecord[]): ReadonlyMap<string, PolicyRecord> {
  let byId = indexes.get(policies);
  if (byId === undefined) {
    byId = indexById(policies);
    indexes.set(policies, byId);
  }
  return byId;
}

function indexById(policies: readonly PolicyRecord[]): Map<string, PolicyRecord> {
  const byId = new Map<string, PolicyRecord>();
  for (const policy of [...policies].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    if (policy.id !== null && !byId.has(policy.id)) byId.set(policy.id, policy);
  }
  return byId;
}

function parentOf(policy: PolicyRecord, byId: ReadonlyMap<string, PolicyRecord>): PolicyRecord | undefined {
  return policy.document.parent === null ? undefined : byId.get(policy.document.parent);
}

/**
 * Every cycle of `parent` references (a document that is its own parent is a
 * cycle of one), each listed from its member first in path order, following
 * the parents. Documents that lead into a cycle without being on it are not listed.
 */
export function parentCycles(policies: readonly PolicyRecord[], byId: ReadonlyMap<string, PolicyRecord>): PolicyRecord[][] {
  const state = new Map<PolicyRecord, 'walking' | 'done'>();
  const cycles: PolicyRecord[][] = [];
  for (const start of byId.values()) {
    const path: PolicyRecord[] = [];
    let current: PolicyRecord | undefined = start;
    while (current !== undefined && !state.has(current)) {
      state.set(current, 'walking');
      path.push(current);
      current = parentOf(current, byId);
    }
    if (current !== undefined && state.get(current) === 'walking') {
      const cycle = path.slice(path.indexOf(current));
      const first = cycle.reduce((best, member, index) => (member.file < cycle[best]!.file ? index : best), 0);
      cycles.push([...cycle.slice(first), ...cycle.slice(0, first)]);
    }
    for (const member of path) state.set(member, 'done');
  }
  return cycles;
}

export type MappingSource =
  /** The document maps clauses or controls itself. */
  | { kind: 'own' }
  /** An ancestor maps them: `from` is the nearest such. */
  | { kind: 'ancestor'; from: PolicyRecord }
  /** Its parent chain names an id that does not exist, or goes round in a cycle (reference-unknown says so). */
  | { kind: 'broken' }
  /** Nothing up the chain maps anything; `root` is the top of the chain (the document itself without a parent). */
  | { kind: 'none'; root: PolicyRecord };

function hasOwnMapping(policy: PolicyRecord): boolean {
  return policy.clauses.length > 0 || policy.controls.length > 0;
}

/** For each document, where its mapping comes from, worked out once per document. */
export function mappingSources(policies: readonly PolicyRecord[], byId: ReadonlyMap<string, PolicyRecord>): Map<PolicyRecord, MappingSource> {
  const sources = new Map<PolicyRecord, MappingSource>();
  for (const start of policies) {
    const path: PolicyRecord[] = [];
    const onPath = new Set<PolicyRecord>();
    let current: PolicyRecord = start;
    let found: MappingSource;
    for (;;) {
      const known = sources.get(current);
      if (known !== undefined) {
        found = known.kind === 'own' ? { kind: 'ancestor', from: current } : known;
        break;
      }
      if (hasOwnMapping(current)) {
        sources.set(current, { kind: 'own' });
        found = { kind: 'ancestor', from: current };
        break;
      }
      path.push(current);
      onPath.add(current);
      if (current.document.parent === null) {
        found = { kind: 'none', root: current };
        break;
      }
      const parent = byId.get(current.document.parent);
      if (parent === undefined || onPath.has(parent)) {
        found = { kind: 'broken' };
        break;
      }
      current = parent;
    }
    for (const member of path) sources.set(member, found);
  }
  return sources;
}
