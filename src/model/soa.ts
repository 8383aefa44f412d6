/**
 * The Statement of Applicability (`soa.yml`: one decision per Annex A control) as the
 * rules and renderers see it.
 * Parsing and validation live in src/parse/soa.ts.
 */
import type { Position } from './finding.js';

/** How far an applicable control is implemented: the status clause 6.1.3 d) requires the SoA to state. */
export type Implementation = 'implemented' | 'partial' | 'planned' | 'not-implemented';

export interface SoaDecision {
  control: string;
  applicable: boolean;
  justification: string | null;
  implementation: Implementation | null;
  /** An `implementation` was written but is not a status (already reported as soa-invalid). */
  implementationInvalid?: true;
  notes: string | null;
  position: Position;
}

export const IMPLEMENTATIONS: readonly Implementation[] = ['implemented', 'partial', 'planned', 'not-implemented'];

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
