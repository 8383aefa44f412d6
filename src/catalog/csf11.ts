/**
 * NIST CSF 1.1: its 108 subcategories and their CSF 2.0 successors, from NIST's
 * own CSF 2.0 catalog (a withdrawn 1.1 subcategory is "incorporated into" or
 * "moved to" 2.0 subcategories; a retained one is the same id, zero-padded).
 *
 * The data comes from `csf.json` (a copy of the project's verified reference,
 * with its sources and notes); this module only indexes it.
 */
import data from './csf.json' with { type: 'json' };

export type Csf11Status = 'withdrawn' | 'retained';

export interface Csf11Subcategory {
  /** The CSF 1.1 id as NIST wrote it: `PR.AC-4`. */
  id: string;
  /** The same id in the two-digit form NIST's CSF 2.0 tools use: `PR.AC-04`. */
  idCsf2Style: string;
  /** Its CSF 1.1 category: `PR.AC`. */
  category: string;
  title: string;
  status: Csf11Status;
  /** NIST's wording of the relationship: `incorporated into`, `moved to`, or a `retained (...)` note. */
  relationship: string;
  /** CSF 2.0 subcategory ids, in NIST's order; a retained id is its own zero-padded successor. */
  successors: readonly string[];
  /** CSF 2.0 categories NIST also links (`GV.PO`); empty when it links none. */
  successorCategories: readonly string[];
}

export interface Csf11Category {
  id: string;
  title: string;
  function: string;
  status: Csf11Status;
  successors: readonly string[];
}

export const csf11Subcategories: readonly Csf11Subcategory[] = data.nist_csf_1_1.subcategories.map((entry) => ({
  id: entry.id,
  idCsf2Style: entry.id_csf2_style,
  category: entry.category,
  title: entry.title,
  status: entry.status as Csf11Status,
  relationship: entry.relationship,
  successors: entry.successors,
  successorCategories: 'successor_categories' in entry ? (entry.successor_categories as string[]) : [],
}));

export const csf11Categories: readonly Csf11Category[] = data.nist_csf_1_1.categories.map((entry) => ({
  id: entry.id,
  title: entry.title,
  function: entry.function,
  status: entry.status as Csf11Status,
  successors: entry.successors,
}));

const byId = new Map(csf11Subcategories.map((entry) => [entry.id, entry]));

/** A CSF 1.1 subcategory by its exact 1.1 id (`PR.AC-4`). */
export function getCsf11Subcategory(id: string): Csf11Subcategory | undefined {
  return byId.get(id);
}

/**
 * The CSF 2.0 successors of a CSF 1.1 id (`PR.AC-4` -> `PR.AA-05`), or undefined
 * when it is not a 1.1 id. An empty list means NIST names no 2.0 subcategory
 * (DE.DP-2 is linked to the category DE.AE only: see `successorCategories`).
 */
export function csf11Successors(id: string): readonly string[] | undefined {
  return byId.get(id)?.successors;
}
