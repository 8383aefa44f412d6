/**
 * ISO/IEC 27001:2013 clauses 4 to 10 and their 2022 numbers: the same number
 * for all but four (10.1 and 10.2 swapped, 9.2 and 9.3 split into sub-clauses);
 * 2022 6.3 is new.
 *
 * The data comes from `iso27001-2013-clauses.json` (a copy of the project's
 * verified reference, with its sources and notes); this module only indexes it.
 */
import data from './iso27001-2013-clauses.json' with { type: 'json' };
import type { Clause } from './iso27001.js';

export interface ClauseCorrespondence {
  /** The 2013 clause id. */
  from: string;
  /** Its 2022 clause ids (two or three for a split clause). */
  to: readonly string[];
  /** The reference's wording of the relationship (`same number and heading`, `renumbered: ...`, `split: ...`). */
  relationship: string;
  /** For a split clause, the 2022 clause that still carries the 2013 heading (`9.2`). */
  parent2022?: string;
}

/** A lettered item range of a split 2013 clause and the 2022 sub-clause it went to. */
export interface SplitItemRange {
  from: string;
  first: string;
  last: string;
  to: string;
}

export const clauses2013: readonly Clause[] = data.iso27001_2013.clauses;

export const clauseCorrespondence: readonly ClauseCorrespondence[] = data.clauses_2013_to_2022.map((entry) => ({
  from: entry.from,
  to: entry.to,
  relationship: entry.relationship,
  ...('parent_2022' in entry ? { parent2022: entry.parent_2022 as string } : {}),
}));

/** 2022 clauses with no 2013 predecessor (6.3 Planning of changes). */
export const clausesNewIn2022: readonly string[] = data.new_in_2022_without_2013_predecessor;

const clause2013ById = new Map(clauses2013.map((clause) => [clause.id, clause]));
const correspondenceByFrom = new Map(clauseCorrespondence.map((entry) => [entry.from, entry]));

export function getClause2013(id: string): Clause | undefined {
  return clause2013ById.get(id);
}

/** The 2022 clause ids of a 2013 clause (`10.1` -> [`10.2`], `9.2` -> [`9.2.1`, `9.2.2`]), or undefined. */
export function clause2013To2022(id: string): readonly string[] | undefined {
  return correspondenceByFrom.get(id)?.to;
}

export function clauseCorrespondenceOf(id: string): ClauseCorrespondence | undefined {
  return correspondenceByFrom.get(id);
}

/**
 * Where the lettered items of a split 2013 clause went, read from the reference's
 * own wording (`2013 9.2 a)-b) -> 2022 9.2.1 General; ...`): only the ranges it
 * states, so an item it does not place is read as the 2022 parent clause.
 */
export const splitItemRanges: readonly SplitItemRange[] = clauseCorrespondence.flatMap((entry) => {
  if (!entry.parent2022) return [];
  const ranges: SplitItemRange[] = [];
  for (const match of entry.relationship.matchAll(/\b([a-z])\)-([a-z])\) -> (?:2022 )?(\d+(?:\.\d+)+)/g)) {
    ranges.push({ from: entry.from, first: match[1]!, last: match[2]!, to: match[3]! });
  }
  return ranges;
});
