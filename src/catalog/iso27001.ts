/**
 * ISO/IEC 27001:2022 clauses and Annex A controls, the 2013 Annex A and its 2022
 * correspondence (ISO/IEC 27002:2022 Table B.2), and the NIST CSF 2.0
 * subcategories, as typed data. Ids and short titles only, never a standard's text.
 *
 * The data comes from `reference.json` (a copy of the project's verified reference,
 * with its sources and notes); this module only indexes it.
 */
import reference from './reference.json' with { type: 'json' };

export type Theme = 'Organizational' | 'People' | 'Physical' | 'Technological';

export interface Clause {
  id: string;
  title: string;
}

export interface Control {
  id: string;
  title: string;
  theme: Theme;
}

export interface LegacyControl {
  id: string;
  title: string;
  domain: string;
}

export interface CsfSubcategory {
  id: string;
  title: string;
}

export interface MandatoryDocument {
  clause: string;
  what: string;
}

export const clauses: readonly Clause[] = reference.iso27001_2022.clauses;
export const controls: readonly Control[] = reference.iso27001_2022.annexA as Control[];
export const legacyControls: readonly LegacyControl[] = reference.iso27001_2013.annexA;
export const csfSubcategories: readonly CsfSubcategory[] = reference.nist_csf_2_0.subcategories.map(
  (entry) => ({ id: entry.id, title: entry.title_or_outcome }),
);
export const mandatoryDocuments: readonly MandatoryDocument[] =
  reference.iso27001_2022.mandatory_documented_information;
/** 2013 Annex A id -> its 2022 control ids (ISO/IEC 27002:2022 Table B.2). */
export const legacyMapping: ReadonlyMap<string, readonly string[]> = new Map(
  reference.mapping_2013_to_2022.map((entry) => [entry.from, entry.to]),
);

export const themes: readonly Theme[] = ['Organizational', 'People', 'Physical', 'Technological'];

const clauseById = new Map(clauses.map((clause) => [clause.id, clause]));
const controlById = new Map(controls.map((control) => [control.id, control]));
const legacyById = new Map(legacyControls.map((control) => [control.id, control]));
const csfById = new Map(csfSubcategories.map((entry) => [entry.id, entry]));

export function getClause(id: string): Clause | undefined {
  return clauseById.get(id);
}

export function getControl(id: string): Control | undefined {
  return controlById.get(id);
}

export function getLegacyControl(id: string): LegacyControl | undefined {
  return legacyById.get(id);
}

export function getCsfSubcategory(id: string): CsfSubcategory | undefined {
  return csfById.get(id);
}

/** The 2022 replacements of a 2013 Annex A id, or undefined when it is not one. */
export function legacyReplacement(id: string): readonly string[] | undefined {
  return legacyMapping.get(id);
}

/**
 * Clauses that require documented information (the ones `clause-uncovered` checks).
 * The reference lists them by sub-clause letter (`9.2 g`); coverage is checked per clause.
 */
export const clausesRequiringDocuments: readonly string[] = [
  '4.3', '5.2', '6.1.2', '6.1.3', '6.2', '7.2', '7.5', '8.1', '8.2', '8.3', '9.1', '9.2', '9.3', '10.2',
];

