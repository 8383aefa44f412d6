/**
 * What a user wrote in `iso27001.clauses`, classified against the catalog: a
 * clause of ISO/IEC 27001:2022, a lettered item of one (`6.1.3 d`, `6.1.3(d)`,
 * `6.1.3 d)`, `6.1.3.d`), an Annex A control written among the clauses
 * (`5.15`), or unknown. Under the 2013 edition a 2013 clause is read through
 * the clause correspondence (2013 10.1 is 2022 10.2). Pure and data-driven.
 *
 * The reference does not say which clauses have lettered items, so any single
 * letter on a real clause is accepted. An id that is not read as a clause or
 * item (`5.2.zz`) is unknown and is never a clause: it covers nothing.
 */
import { readControlId, type KnownControlReading, type ReadOptions } from './control-notation.js';
import { getClause } from './iso27001.js';
import { clauseCorrespondenceOf, splitItemRanges } from './iso27001-2013-clauses.js';

/** Set when a 2013 clause was read through the correspondence (edition 2013). */
export interface From2013 {
  clause: string;
  item?: string;
  /** The 2022 clauses of that 2013 clause. */
  to: readonly string[];
}

export type ClauseReading =
  | { kind: 'clause'; id: string; written: string; from2013?: From2013 }
  /** A lettered item of a real clause: it counts for `clause` (and so its parents). */
  | { kind: 'item'; clause: string; item: string; written: string; from2013?: From2013 }
  /** A control id written among the clauses (`5.15`, `A.5.15`, `A.9.2.2`). */
  | { kind: 'control'; written: string; control: KnownControlReading }
  /**
   * Not a clause. `nearest` only when the text is a clause with a prefix or stray
   * punctuation (`Clause 6.1.3` -> `6.1.3`), written in the same edition as the text.
   */
  | { kind: 'unknown'; written: string; nearest?: string };

/** Values longer than this are not clause ids (hostile input). */
const MAX_CLAUSE_TEXT = 200;

/** A clause number, then nothing, or one item letter: ` d`, `(d)`, ` (d)`, ` d)`, `.d`, `.d)`, `d`. */
const CLAUSE_PATTERN = /^(\d{1,2}(?:\.\d{1,2}){0,2})(?:\s*\(\s*([a-z])\s*\)|\s*\.?\s*([a-z])\)?)?$/i;
/** What a person puts around a clause that the id does not carry: `Clause 6.1.3`, `cl. 6.1.3`, `§ 6.1.3`, `6.1.3.` */
const CLAUSE_NOISE = /^(?:clause|cl\.?|§)\s*|[.,;:]+$/gi;

/** The canonical way to write an item, as the standard and the reference do: `6.1.3 d)`. */
export function formatClauseItem(clause: string, item: string): string {
  return `${clause} ${item})`;
}

/** Reads a clause or item alone; undefined when the text is not one. */
function readClauseOrItem(written: string, { edition }: ReadOptions): ClauseReading | undefined {
  const match = CLAUSE_PATTERN.exec(written);
  if (!match) return undefined;
  const number = match[1]!;
  const letter = (match[2] ?? match[3])?.toLowerCase();
  if (edition === 2013) {
    const correspondence = clauseCorrespondenceOf(number);
    if (correspondence) {
      const from2013: From2013 = { clause: number, ...(letter ? { item: letter } : {}), to: correspondence.to };
      if (correspondence.parent2022) {
        // A split clause: its items went to different 2022 sub-clauses, where letters start again.
        const range = letter ? splitItemRanges.find((entry) => entry.from === number && entry.first <= letter && letter <= entry.last) : undefined;
        return { kind: 'clause', id: range ? range.to : correspondence.parent2022, written, from2013 };
      }
      const id = correspondence.to[0]!;
      return letter ? { kind: 'item', clause: id, item: letter, written, from2013 } : { kind: 'clause', id, written, from2013 };
    }
    // Not a 2013 clause: a 2022 one (6.3, 9.2.1) is read as written.
  }
  if (!getClause(number)) return undefined;
  return letter ? { kind: 'item', clause: number, item: letter, written } : { kind: 'clause', id: number, written };
}

/** How to write a reading in the edition it was written in (a 2013 reading keeps its 2013 number). */
function writtenForm(reading: ClauseReading): string | undefined {
  if (reading.kind !== 'clause' && reading.kind !== 'item') return undefined;
  if (reading.from2013) return reading.from2013.item ? formatClauseItem(reading.from2013.clause, reading.from2013.item) : reading.from2013.clause;
  return reading.kind === 'clause' ? reading.id : formatClauseItem(reading.clause, reading.item);
}

/** Classifies one entry of `iso27001.clauses` under the edition in force. */
export function readClauseId(text: string, options: ReadOptions): ClauseReading {
  const written = text.trim();
  if (written.length === 0 || written.length > MAX_CLAUSE_TEXT) return { kind: 'unknown', written };
  const reading = readClauseOrItem(written, options);
  if (reading) return reading;
  const control = readControlId(written, options);
  if (control.kind !== 'unknown') return { kind: 'control', written, control };
  const stripped = written.replace(CLAUSE_NOISE, '').trim();
  const cleaned = stripped !== written ? readClauseOrItem(stripped, options) : undefined;
  const nearest = cleaned ? writtenForm(cleaned) : undefined;
  return nearest ? { kind: 'unknown', written, nearest } : { kind: 'unknown', written };
}
