/** The known front-matter fields, shared by the field rules. */
export const KNOWN_FIELDS = [
  'id',
  'title',
  'type',
  'owners',
  'owner',
  'approver',
  'approved_on',
  'status',
  'version',
  'last_reviewed',
  'review_every',
  'next_review',
  'iso27001',
  'maps_to',
  'evidence',
  // Document control, as real registers carry it (see src/model/document-control.ts).
  'classification',
  'effective_date',
  'audience',
  'distribution',
  'author',
  'supersedes',
  'related',
  'parent',
  'history',
] as const;

export const ISO27001_KEYS = ['clauses', 'controls', 'edition'] as const;

export const DATE_FIELDS = ['last_reviewed', 'next_review', 'approved_on', 'effective_date'] as const;

export const ID_PATTERN = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;

export { EMAIL_PATTERN, LOGIN_PATTERN, ownerKind, TEAM_PATTERN, type OwnerKind } from '../model/owner-ref.js';

/** A short, safe rendering of a value for a message. */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const flat = text.replace(/\s+/g, ' ');
  return `\`${flat.length > 60 ? `${flat.slice(0, 57)}...` : flat}\``;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}
