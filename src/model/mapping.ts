/**
 * A document's ISO/IEC 27001 mapping as read: the edition its ids are written
 * in (and why), each clause and control as the catalog reads it, and the 2022
 * ids that count for coverage. The rules (clause-unknown, control-unknown,
 * control-legacy) report from these readings and coverage counts from
 * `counted`, so a finding and the coverage can never disagree about an id.
 *
 * What counts: an exact id; a lettered clause item (for its clause); a 2022
 * control written loosely whose fix is certain (`A 5.15`: a warning, see
 * control-unknown). What does not: anything reported as an error (an unknown
 * id, a 2013 control or objective, a clause in 2013 numbering that changed in
 * 2022, a loose id that could also be a clause), until it is fixed.
 */
import {
  documentEditionOf,
  editionOf,
  readClauseId,
  readControlId,
  type ClauseReading,
  type ControlReading,
  type Edition,
} from '../catalog/index.js';
import type { Position } from './finding.js';

export interface LocatedReading<Reading> {
  /** The id as written (trimmed). */
  id: string;
  position: Position;
  reading: Reading;
}

/**
 * Why the document's ids are read in `edition`: `config` (`.isms.yml` `edition`,
 * or the 2022 default), `document` (its own `iso27001.edition`), or `plainly-2013`
 * (a 2022 document whose control ids are all 2013 ones: its ambiguous ids are read as 2013).
 */
export type EditionReason = 'config' | 'document' | 'plainly-2013';

export interface DocumentMapping {
  edition: Edition;
  reason: EditionReason;
  /** The edition the clauses are read in: the declared one (the plainly-2013 reading is for control ids only). */
  clauseEdition: Edition;
  clauses: Array<LocatedReading<ClauseReading>>;
  controls: Array<LocatedReading<ControlReading>>;
  /** The ISO/IEC 27001:2022 ids this document counts for (valid ids only, each once, in the order written). */
  counted: { clauses: string[]; controls: string[] };
}

/** The edition a document declares under `iso27001.edition` (a bad value is field-invalid's, and ignored here). */
export function declaredEditionOf(iso27001: unknown): Edition | undefined {
  if (!iso27001 || typeof iso27001 !== 'object' || Array.isArray(iso27001)) return undefined;
  return editionOf((iso27001 as Record<string, unknown>).edition);
}

/** A clause reading in 2013 numbering whose 2022 number is different (`10.1` -> `10.2`, `9.2 c` -> `9.2.2`). */
export function renumbered(reading: ClauseReading): { from: string; to: string } | undefined {
  if ((reading.kind !== 'clause' && reading.kind !== 'item') || !reading.from2013) return undefined;
  const to = reading.kind === 'clause' ? reading.id : reading.clause;
  return to === reading.from2013.clause ? undefined : { from: reading.from2013.clause, to };
}

/** The 2022 clause a reading counts for, or undefined when it counts for nothing. */
export function countedClause(reading: ClauseReading): string | undefined {
  if (renumbered(reading)) return undefined;
  if (reading.kind === 'clause') return reading.id;
  if (reading.kind === 'item') return reading.clause;
  return undefined;
}

/** The 2022 control a reading counts for, or undefined when it counts for nothing. */
export function countedControl(reading: ControlReading): string | undefined {
  if (reading.kind === 'control') return reading.id;
  if (reading.kind === 'loose' && !reading.alsoClause) return reading.id;
  return undefined;
}

export interface WrittenId {
  id: string;
  position: Position;
}

export function readMapping(
  clauses: readonly WrittenId[],
  controls: readonly WrittenId[],
  declared: { config: Edition; document: Edition | undefined },
): DocumentMapping {
  const stated = declared.document ?? declared.config;
  const byIds = documentEditionOf(
    controls.map((entry) => entry.id),
    stated,
  );
  const reason: EditionReason = byIds.reason === 'plainly-2013' ? 'plainly-2013' : declared.document !== undefined ? 'document' : 'config';
  const clauseReadings = clauses.map((entry) => ({ ...entry, reading: readClauseId(entry.id, { edition: stated }) }));
  const controlReadings = controls.map((entry) => ({ ...entry, reading: readControlId(entry.id, { edition: byIds.edition }) }));
  const once = (ids: Array<string | undefined>) => [...new Set(ids.filter((id): id is string => id !== undefined))];
  return {
    edition: byIds.edition,
    reason,
    clauseEdition: stated,
    clauses: clauseReadings,
    controls: controlReadings,
    counted: {
      clauses: once(clauseReadings.map((entry) => countedClause(entry.reading))),
      controls: once(controlReadings.map((entry) => countedControl(entry.reading))),
    },
  };
}

/** How a message says why an id was read as 2013. */
export function editionBecause(mapping: Pick<DocumentMapping, 'reason'>): string {
  switch (mapping.reason) {
    case 'document':
      return 'read as ISO 27001:2013 because this document sets `iso27001.edition: 2013`';
    case 'plainly-2013':
      return "read as ISO 27001:2013 because this document's other ids are 2013";
    case 'config':
      return 'read as ISO 27001:2013 because `.isms.yml` sets `edition: 2013`';
  }
}
