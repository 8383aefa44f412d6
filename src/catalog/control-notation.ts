/**
 * What a user wrote in `iso27001.controls`, classified against the catalog: an
 * exact 2022 control, a 2022 control written loosely (`A 5.15`, `5.15`), a 2013
 * control or 2013 control objective (named with its 2022 successors), or
 * unknown. Pure and data-driven: the rules decide what to report.
 *
 * A suggestion (`nearest`) is given only when the text itself names the control
 * (an id followed by a control's exact title): a guess from a similar number is
 * never offered, because a near number is a different control.
 */
import { type Edition } from './edition.js';
import { getClause, getControl, getLegacyControl, legacyReplacement, controls, legacyControls } from './iso27001.js';
import { getClause2013 } from './iso27001-2013-clauses.js';
import { getLegacyObjective } from './objectives-2013.js';

export interface ReadOptions {
  edition: Edition;
}

/**
 * Set on a reading of an id that names a different thing in the other edition
 * (`A.6.1`: 2022 Screening, 2013 objective "Internal organization"): the reading
 * follows the edition in force, and a message should say which edition it used.
 */
interface MaybeAmbiguous {
  ambiguous?: true;
}

/** Set when the id was written without `A.` and those digits are also a clause (`5.2`, `9.2.2`). */
interface MaybeClause {
  alsoClause?: string;
}

export type ControlReading =
  /** An exact ISO/IEC 27001:2022 Annex A id. */
  | ({ kind: 'control'; id: string; written: string } & MaybeAmbiguous)
  /** A 2022 control written loosely (`A 5.15`, `A5.15`, `a.5.15`, `5.15`, `A.05.15`, `A.5.15 Access control`): the fix is `id`. */
  | ({ kind: 'loose'; id: string; written: string } & MaybeAmbiguous & MaybeClause)
  /** A 2013 Annex A control, however written (`A.9.2.2`, `9.2.2`), with its 2022 successors (Table B.2). */
  | ({ kind: 'legacy'; id2013: string; title: string; successors: readonly string[]; written: string } & MaybeClause)
  /** A 2013 control objective (`A.9.1`), standing for its controls; successors are theirs, in order, each once. */
  | ({
      kind: 'legacy-objective';
      objective: string;
      controls2013: readonly string[];
      successors: readonly string[];
      written: string;
    } & MaybeAmbiguous &
      MaybeClause)
  /** Not a control of either edition. `nearest` only when the text names one control for certain. */
  | { kind: 'unknown'; written: string; nearest?: string };

export type KnownControlReading = Exclude<ControlReading, { kind: 'unknown' }>;

/**
 * Ids that exist in both editions with different meanings: a 2022 control that
 * is also a 2013 control objective (no 2013 control id has the two-number form
 * of a 2022 id). Computed from the data.
 */
export const ambiguousControlIds: readonly string[] = controls
  .map((control) => control.id)
  .filter((id) => getLegacyObjective(id) !== undefined || getLegacyControl(id) !== undefined);

const ambiguous = new Set(ambiguousControlIds);

/** Values longer than this are not ids (policies are hostile input: no work on a megabyte "id"). */
const MAX_ID_TEXT = 200;

/** `A.5.15` in its spellings: optional `A` with optional dot and spaces, two or three numbers, leading zeros allowed. */
const ID_PATTERN = /^(?:(a)\s*\.?\s*)?(\d{1,2})\.(\d{1,2})(?:\.(\d{1,2}))?$/i;
/** An id followed by a title: `A.5.15 Access control`, `A.9.2.2 - User access provisioning`. */
const ID_AND_TITLE_PATTERN = /^((?:a\s*\.?\s*)?\d{1,2}(?:\.\d{1,2}){1,2})(?:\s*[-\u2013\u2014:]\s*|\s+)(\S.*)$/i;

function titleKey(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

const controlByTitle = new Map<string, string[]>();
for (const control of controls) {
  const key = titleKey(control.title);
  controlByTitle.set(key, [...(controlByTitle.get(key) ?? []), control.id]);
}
const legacyTitleKeys = new Map(legacyControls.map((control) => [control.id, titleKey(control.title)]));

/** Reads an id alone (no title). */
function readId(written: string, { edition }: ReadOptions): ControlReading {
  const match = ID_PATTERN.exec(written);
  if (!match) return { kind: 'unknown', written };
  const numbers = [match[2], match[3], match[4]].filter((part) => part !== undefined).map(Number);
  const canonical = `A.${numbers.join('.')}`;
  const digits = numbers.join('.');
  const clauseReading = match[1] === undefined && (edition === 2013 ? getClause2013(digits) : getClause(digits)) ? { alsoClause: digits } : {};
  const isAmbiguous = ambiguous.has(canonical) ? { ambiguous: true as const } : {};

  const legacy = getLegacyControl(canonical);
  if (legacy) {
    return { kind: 'legacy', id2013: canonical, title: legacy.title, successors: legacyReplacement(canonical) ?? [], written, ...clauseReading };
  }
  const objective = getLegacyObjective(canonical);
  const control = getControl(canonical);
  if (objective && (!control || edition === 2013)) {
    return {
      kind: 'legacy-objective',
      objective: canonical,
      controls2013: objective.controls,
      successors: objective.successors,
      written,
      ...isAmbiguous,
      ...clauseReading,
    };
  }
  if (control) {
    return written === canonical
      ? { kind: 'control', id: canonical, written, ...isAmbiguous }
      : { kind: 'loose', id: canonical, written, ...isAmbiguous, ...clauseReading };
  }
  return { kind: 'unknown', written };
}

/**
 * Reads an id followed by a title. The title decides only when it is the exact
 * title (case and punctuation aside) of the id's control, or of one 2022 control
 * when the id names none: otherwise the text is unknown, without a suggestion.
 */
function readIdAndTitle(written: string, idText: string, title: string, options: ReadOptions): ControlReading {
  const key = titleKey(title);
  const reading = readId(idText, options);
  const titled = controlByTitle.get(key) ?? [];
  // The 2022 control of that id has that title (this also settles an ambiguous id: `A.6.1 Screening` is 2022).
  const as2022 = readId(idText, { edition: 2022 });
  if ((as2022.kind === 'control' || as2022.kind === 'loose') && titled.includes(as2022.id)) {
    return { ...as2022, kind: 'loose', written };
  }
  if (reading.kind === 'legacy' && legacyTitleKeys.get(reading.id2013) === key) return { ...reading, written };
  if (reading.kind === 'unknown' && titled.length === 1) return { kind: 'unknown', written, nearest: titled[0]! };
  return { kind: 'unknown', written };
}

/** Classifies one entry of `iso27001.controls` under the edition in force. */
export function readControlId(text: string, options: ReadOptions): ControlReading {
  const written = text.trim();
  if (written.length === 0 || written.length > MAX_ID_TEXT) return { kind: 'unknown', written };
  const reading = readId(written, options);
  if (reading.kind !== 'unknown') return reading;
  const titled = ID_AND_TITLE_PATTERN.exec(written);
  return titled ? readIdAndTitle(written, titled[1]!, titled[2]!, options) : reading;
}

export interface DocumentEdition {
  edition: Edition;
  /** `declared`: the edition configured or set on the document; `plainly-2013`: read from its ids. */
  reason: 'declared' | 'plainly-2013';
}

/**
 * The edition a document's control ids are read in. A document declared (or
 * defaulting) 2022 whose ids are plainly 2013 (at least one 2013 control or
 * objective that means nothing in 2022, and no id that exists only in 2022) is
 * read as 2013, so its ambiguous ids (`A.6.1`) take their 2013 meaning.
 */
export function documentEditionOf(written: readonly string[], declared: Edition): DocumentEdition {
  if (declared === 2013) return { edition: 2013, reason: 'declared' };
  let has2013 = false;
  for (const text of written) {
    const reading = readControlId(text, { edition: 2022 });
    if ((reading.kind === 'control' || reading.kind === 'loose') && !reading.ambiguous) return { edition: 2022, reason: 'declared' };
    if (reading.kind === 'legacy' || reading.kind === 'legacy-objective') has2013 = true;
  }
  return has2013 ? { edition: 2013, reason: 'plainly-2013' } : { edition: 2022, reason: 'declared' };
}
