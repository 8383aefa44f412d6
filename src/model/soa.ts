/**
 * The Statement of Applicability (SPEC section 5) as the rules and renderers see it.
 * Parsing and validation live in src/parse/soa.ts.
 */
import type { Position } from './finding.js';

export type Implementation = 'implemented' | 'partial' | 'planned';

export interface SoaDecision {
  control: string;
  applicable: boolean;
  justification: string | null;
  implementation: Implementation | null;
  notes: string | null;
  position: Position;
}

export const IMPLEMENTATIONS: readonly Implementation[] = ['implemented', 'partial', 'planned'];

export interface Soa {
  /** Repo-relative path of the SoA file. */
  file: string;
  decisions: Map<string, SoaDecision>;
  /**
   * Annex A controls the file names in entries too malformed to use (already
   * reported as soa-invalid): they are not reported again as undecided.
   */
  unreadable?: ReadonlySet<string>;
  /** Position of the `controls:` key, where findings about the SoA as a whole point; 1:1 without one. */
  controlsPosition?: Position;
}
