/**
 * Document-control metadata that real registers carry beside the owner and the
 * review: classification, effective date, audience, author, the ids a document
 * supersedes or relates to, its parent policy and its version history. Kept on
 * the policy record for the reports and the repo-wide rules.
 */
import type { Position } from './finding.js';

export interface HistoryEntry {
  version: string | null;
  date: string | null;
  author: string | null;
  approver: string | null;
  summary: string | null;
}

export interface DocumentControl {
  classification: string | null;
  effective_date: string | null;
  /** Who must read it (`distribution` is accepted as its alias). */
  audience: string[];
  author: string | null;
  supersedes: string[];
  related: string[];
  /** The id of the policy a standard, procedure or guideline hangs off. */
  parent: string | null;
  history: HistoryEntry[];
}

/** Where each referenced id was written, for findings about ids that do not exist. */
export interface DocumentReferencePositions {
  supersedes: Array<{ id: string; position: Position }>;
  related: Array<{ id: string; position: Position }>;
  parent: { id: string; position: Position } | null;
}

export function emptyDocumentControl(): DocumentControl {
  return { classification: null, effective_date: null, audience: [], author: null, supersedes: [], related: [], parent: null, history: [] };
}
