/**
 * Document-control metadata that real registers carry beside the owner and the
 * review: classification, effective date, audience, author, the ids a document
 * supersedes or relates to, its parent policy and its version history. Kept on
 * the policy record for the reports and the repo-wide rules.
 *
 * Read leniently: a value of the wrong shape is left out here (rule
 * field-invalid reports it), so the record only ever holds what the user wrote
 * in the documented form.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { FrontMatter } from '../parse/front-matter.js';
import { formatDate, parseDate } from './dates.js';
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
  /** Where the references and the mapping are written: for the repo-wide rules, never shown. */
  positions: DocumentPositions;
}

export interface LocatedReference {
  id: string;
  position: Position;
}

/** Where each referenced id was written, for findings about ids that do not exist. */
export interface DocumentReferencePositions {
  supersedes: LocatedReference[];
  related: LocatedReference[];
  parent: LocatedReference | null;
}

export interface DocumentPositions extends DocumentReferencePositions {
  /**
   * The `iso27001` key, or line 1 without it: where a missing mapping is reported
   * (mapping-missing runs over the whole ISMS, since a parent's mapping counts).
   */
  mapping: Position;
}

/** The history entry keys, the required ones first. */
export const HISTORY_KEYS = ['version', 'date', 'summary', 'author', 'approver'] as const;
export const REQUIRED_HISTORY_KEYS = ['version', 'date', 'summary'] as const;

/** The fields `audience` may be written as; both at once is a finding (field-invalid). */
export const AUDIENCE_FIELDS = ['audience', 'distribution'] as const;

export function emptyDocumentControl(): DocumentControl {
  return {
    classification: null,
    effective_date: null,
    audience: [],
    author: null,
    supersedes: [],
    related: [],
    parent: null,
    history: [],
    positions: { supersedes: [], related: [], parent: null, mapping: { line: 1, column: 1 } },
  };
}

/** Text of a scalar as written (`version: 1.10` stays "1.10"), or null for anything else or blank. */
function scalarText(node: unknown, source: string): string | null {
  if (!isScalar(node)) return null;
  let value: string | null = null;
  if (typeof node.value === 'string') value = node.value;
  else if (typeof node.value === 'number') value = node.range ? source.slice(node.range[0], node.range[1]).trim() : String(node.value);
  if (value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A field holding one text value or a list of them (a lone value is a one-item list). */
function textItems(fm: FrontMatter, field: string): LocatedReference[] {
  const node = fm.node([field]);
  const entries: unknown[] = isSeq(node) ? node.items : node === undefined || node === null ? [] : [node];
  const result: LocatedReference[] = [];
  for (const entry of entries) {
    const text = scalarText(fm.resolve(entry as Node | null), fm.source);
    if (text !== null) result.push({ id: text, position: fm.nodePosition(entry as Node) });
  }
  return result;
}

function textField(fm: FrontMatter, field: string): string | null {
  return scalarText(fm.node([field]), fm.source);
}

function dateField(fm: FrontMatter, field: string): string | null {
  const text = textField(fm, field);
  const date = text === null ? undefined : parseDate(text);
  return date ? formatDate(date) : null;
}

/** One `history` entry as written, with the positions the rules report at. */
export interface LocatedHistoryEntry {
  /** 1-based, in the order written. */
  index: number;
  /** The entry's own line (its `-`). */
  position: Position;
  /** The entry's mapping node, or null when the entry is not a mapping. */
  node: Node | null;
  /** The plain `date` value (undefined without one), and where it is written. */
  dateValue: unknown;
  datePosition: Position;
  entry: HistoryEntry;
}

/** The entries of `history` (empty when it is not a list). */
export function historyEntries(fm: FrontMatter): LocatedHistoryEntry[] {
  const history = fm.node(['history']);
  if (!isSeq(history)) return [];
  return history.items.map((raw, offset): LocatedHistoryEntry => {
    const node = fm.resolve(raw as Node | null);
    const position = fm.nodePosition(raw as Node | null);
    const value = (key: string): Node | null | undefined => {
      if (!isMap(node)) return undefined;
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      return pair ? fm.resolve(pair.value as Node | null) : undefined;
    };
    const text = (key: string) => scalarText(value(key), fm.source);
    const dateNode = value('date');
    const dateText = text('date');
    const dateValue = dateNode === undefined ? undefined : dateNode === null ? null : isScalar(dateNode) ? dateNode.value : dateNode.toJSON();
    const date = dateText === null ? undefined : parseDate(dateText);
    return {
      index: offset + 1,
      position,
      node: isMap(node) ? node : null,
      dateValue,
      datePosition: dateNode?.range ? fm.nodePosition(dateNode) : position,
      entry: {
        version: text('version'),
        date: date ? formatDate(date) : null,
        author: text('author'),
        approver: text('approver'),
        summary: text('summary'),
      },
    };
  });
}

/** The document-control record of one policy file. */
export function buildDocumentControl(fm: FrontMatter): DocumentControl {
  const audienceField = fm.data.audience !== undefined ? 'audience' : 'distribution';
  const parentNode = fm.node(['parent']);
  const parentText = scalarText(parentNode, fm.source);
  const supersedes = textItems(fm, 'supersedes');
  const related = textItems(fm, 'related');
  return {
    classification: textField(fm, 'classification'),
    effective_date: dateField(fm, 'effective_date'),
    audience: textItems(fm, audienceField).map((item) => item.id),
    author: textField(fm, 'author'),
    supersedes: supersedes.map((item) => item.id),
    related: related.map((item) => item.id),
    parent: parentText,
    history: historyEntries(fm)
      .filter((located) => located.node !== null)
      .map((located) => located.entry),
    positions: {
      supersedes,
      related,
      parent: parentText === null ? null : { id: parentText, position: fm.nodePosition(parentNode) },
      mapping: fm.keyPosition('iso27001') ?? { line: 1, column: 1 },
    },
  };
}

/** The document-control fields as the reports show them (the positions are the rules' own). */
export type DocumentControlFields = Omit<DocumentControl, 'positions'>;

export function documentControlFields(document: DocumentControl): DocumentControlFields {
  return {
    classification: document.classification,
    effective_date: document.effective_date,
    audience: document.audience,
    author: document.author,
    supersedes: document.supersedes,
    related: document.related,
    parent: document.parent,
    history: document.history,
  };
}
