/**
 * Reads the Statement of Applicability (SPEC section 5). Filled in by the SoA work
 * (issue 5); until then a missing file means "no SoA" and coverage rules stay quiet.
 */
import type { Config } from '../config/load.js';
import type { Soa } from '../model/soa.js';
import type { ParseProblem } from './front-matter.js';

export type SoaProblemSink = (rule: string, file: string, problem: Omit<ParseProblem, 'rule'>) => void;

export function loadSoa(_config: Config, _root: string, _sink: SoaProblemSink): Soa | null {
  return null;
}
