/** Front-matter fields of SPEC section 2, shared by the field rules. */
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
] as const;

export const ISO27001_KEYS = ['clauses', 'controls'] as const;

export const DATE_FIELDS = ['last_reviewed', 'next_review', 'approved_on'] as const;

export const ID_PATTERN = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;

/** `@login` (GitHub rules: alphanumerics and single hyphens, 39 at most, optional `[bot]`), `@org/team`, or an e-mail. */
export const LOGIN_PATTERN = /^@[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\[bot\])?$/;
export const TEAM_PATTERN = /^@[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
export const EMAIL_PATTERN = /^[^\s@<>()[\],;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export type OwnerKind = 'login' | 'team' | 'email';

export function ownerKind(ref: string): OwnerKind | undefined {
  if (LOGIN_PATTERN.test(ref)) return 'login';
  if (TEAM_PATTERN.test(ref)) return 'team';
  if (EMAIL_PATTERN.test(ref)) return 'email';
  return undefined;
}

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
