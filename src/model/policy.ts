/**
 * The normalised view of one policy that outlives its file's syntax tree: what
 * the JSON report, the SoA, coverage, reminders and the action all read.
 */
import { isScalar, isSeq, type Node } from 'yaml';
import type { Config } from '../config/load.js';
import type { FrontMatter } from '../parse/front-matter.js';
import {
  addDuration,
  compareDates,
  daysBetween,
  formatDate,
  parseDate,
  parseDuration,
  type CalendarDate,
  type Duration,
} from './dates.js';
import { buildDocumentControl, type DocumentControl } from './document-control.js';
import type { Position } from './finding.js';
import { declaredEditionOf, readMapping, type DocumentMapping } from './mapping.js';
import { holdersOf, rolesUsed } from './roles.js';

export const POLICY_TYPES = ['policy', 'procedure', 'standard', 'guideline', 'plan', 'record', 'register', 'form', 'template'] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];
/**
 * Documents that hold records or are blanks to fill: they need no clause/control
 * mapping and no required sections (a register lists, it does not decide).
 */
export const UNMAPPED_TYPES: readonly PolicyType[] = ['record', 'register', 'form', 'template'];
/** The types `required_sections` given as a plain list applies to. */
export const SECTIONED_TYPES: readonly PolicyType[] = ['policy', 'procedure', 'standard'];
export const POLICY_STATUSES = ['draft', 'review', 'approved', 'retired'] as const;
export type ReviewState = 'ok' | 'due-soon' | 'overdue' | 'draft' | 'retired';

export interface LocatedId {
  id: string;
  position: Position;
}

export interface PolicyRecord {
  id: string | null;
  title: string | null;
  file: string;
  type: string;
  owners: string[];
  approver: string | null;
  /** `approved_on` when it is a valid date (the register shows it), else null. */
  approved_on: string | null;
  /** The people and teams behind `owners`, roles expanded through `.isms.yml` `roles:`: who reminders reach. */
  owner_holders: string[];
  /** Defined roles that `owners` or `approver` name, as the document writes them -> their holders. */
  roles: Record<string, string[]>;
  status: string | null;
  version: string | null;
  last_reviewed: string | null;
  review_every: string;
  next_review: string | null;
  review_state: ReviewState;
  /** Days from today to next_review (negative when overdue); null without a due date. */
  days_until_review: number | null;
  /** `iso27001.clauses` and `iso27001.controls` as written (the reports show them so). */
  clauses: string[];
  controls: string[];
  /**
   * The same ids as read: the edition they are written in and why, each reading,
   * and `counted`, the valid 2022 ids that coverage counts (an id reported as an error never counts).
   */
  mapping: DocumentMapping;
  maps_to: Record<string, string[]>;
  evidence: string[];
  /** Document-control metadata (classification, audience, parent, history ...). */
  document: DocumentControl;
  /** Positions kept for repo-wide rules (duplicates, coverage) after the file is dropped. */
  positions: {
    id: Position;
    status: Position;
    lastReviewed: Position;
    nextReview: Position;
    owners: LocatedId[];
    approver: Position;
    clauses: LocatedId[];
    controls: LocatedId[];
  };
}

/** Text of a scalar as the user wrote it (so `clauses: [5.2]` stays "5.2", not the float). */
export function scalarText(node: unknown, source: string): string | null {
  if (!isScalar(node)) return null;
  if (typeof node.value === 'string') return node.value;
  if (typeof node.value === 'number' && node.range) return source.slice(node.range[0], node.range[1]).trim();
  if (node.value === null || node.value === undefined) return null;
  return String(node.value);
}

function stringItems(fm: FrontMatter, path: readonly string[]): LocatedId[] {
  const node = fm.node(path);
  const nodes: unknown[] = isSeq(node) ? node.items : node === undefined || node === null ? [] : [node];
  const result: LocatedId[] = [];
  for (const entry of nodes) {
    const item = fm.resolve(entry as Node | null);
    const text = scalarText(item, fm.source);
    if (text !== null && text.trim() !== '') result.push({ id: text.trim(), position: fm.nodePosition(entry as Node) });
  }
  return result;
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return String(value);
  return null;
}

export interface ReviewFacts {
  lastReviewed: CalendarDate | undefined;
  reviewEvery: Duration;
  /** The due date: `next_review` as written when valid, else last_reviewed + review_every. */
  nextReview: CalendarDate | undefined;
  /**
   * last_reviewed + review_every, whatever next_review says; undefined without a
   * valid last_reviewed, or when the sum leaves the calendar (after 9999-12-31).
   */
  computedNextReview: CalendarDate | undefined;
  /** A valid last_reviewed whose next review would fall after 9999-12-31 (rule field-invalid says so). */
  beyondCalendar: boolean;
}

export function reviewFacts(data: Record<string, unknown>, config: Config): ReviewFacts {
  const lastReviewed = typeof data.last_reviewed === 'string' ? parseDate(data.last_reviewed) : undefined;
  const reviewEvery =
    (typeof data.review_every === 'string' ? parseDuration(data.review_every) : undefined) ?? config.reviewEvery;
  const computedNextReview = lastReviewed ? addDuration(lastReviewed, reviewEvery) : undefined;
  const explicit = typeof data.next_review === 'string' ? parseDate(data.next_review) : undefined;
  return {
    lastReviewed,
    reviewEvery,
    computedNextReview,
    nextReview: explicit ?? computedNextReview,
    beyondCalendar: lastReviewed !== undefined && computedNextReview === undefined,
  };
}

export function reviewState(
  status: string | null,
  nextReview: CalendarDate | undefined,
  today: CalendarDate,
  remindWithinDays: number,
): ReviewState {
  if (status === 'draft') return 'draft';
  if (status === 'retired') return 'retired';
  // A policy in force that was never reviewed is treated as overdue: its review is owed now.
  if (!nextReview) return 'overdue';
  if (compareDates(nextReview, today) < 0) return 'overdue';
  if (daysBetween(today, nextReview) <= remindWithinDays) return 'due-soon';
  return 'ok';
}

export function buildPolicyRecord(file: string, fm: FrontMatter, config: Config, today: CalendarDate): PolicyRecord {
  const data = fm.data;
  const ownerItems = stringItems(fm, [data.owners !== undefined ? 'owners' : 'owner']);
  const owners = ownerItems.map((item) => item.id);
  const approver = text(data.approver);
  const status = text(data.status);
  const review = reviewFacts(data, config);
  const mapsTo: Record<string, string[]> = {};
  if (data.maps_to && typeof data.maps_to === 'object' && !Array.isArray(data.maps_to)) {
    for (const framework of Object.keys(data.maps_to)) {
      mapsTo[framework] = stringItems(fm, ['maps_to', framework]).map((item) => item.id);
    }
  }
  const clauses = stringItems(fm, ['iso27001', 'clauses']);
  const controls = stringItems(fm, ['iso27001', 'controls']);
  return {
    id: text(data.id),
    title: text(data.title),
    file,
    type: text(data.type) ?? 'policy',
    owners,
    approver,
    approved_on: typeof data.approved_on === 'string' && parseDate(data.approved_on) ? data.approved_on : null,
    owner_holders: holdersOf(owners, config.roles),
    roles: rolesUsed(approver === null ? owners : [...owners, approver], config.roles),
    status,
    version: text(data.version),
    last_reviewed: review.lastReviewed ? formatDate(review.lastReviewed) : null,
    review_every: review.reviewEvery.text,
    next_review: review.nextReview ? formatDate(review.nextReview) : null,
    review_state: reviewState(status, review.nextReview, today, config.remindWithinDays),
    days_until_review: review.nextReview ? daysBetween(today, review.nextReview) : null,
    clauses: clauses.map((item) => item.id),
    controls: controls.map((item) => item.id),
    mapping: readMapping(clauses, controls, { config: config.edition, document: declaredEditionOf(data.iso27001) }),
    maps_to: mapsTo,
    evidence: stringItems(fm, ['evidence']).map((item) => item.id),
    document: buildDocumentControl(fm),
    positions: {
      id: fm.valuePosition(['id']),
      status: fm.valuePosition(['status']),
      lastReviewed: fm.valuePosition(['last_reviewed']),
      nextReview: fm.valuePosition(['next_review']),
      owners: ownerItems,
      approver: fm.valuePosition(['approver']),
      clauses,
      controls,
    },
  };
}
