/**
 * Roles as owners. Real ISMSs name roles (`CISO`, `ISMS Owner`) where a person
 * would change with every hire; `.isms.yml` `roles:` says who holds each one.
 * An owner reference is either a person/team/e-mail or the name of a role.
 */
import { findValuePlaceholders } from '../parse/placeholders.js';
import { ownerKind, type OwnerKind } from './owner-ref.js';

export type Roles = Readonly<Record<string, readonly string[]>>;

export type OwnerRef =
  | { kind: OwnerKind; ref: string }
  /** A role defined under `roles:`; `ref` is its name as `.isms.yml` spells it. */
  | { kind: 'role'; ref: string; holders: readonly string[] }
  /** A login or team written without its `@` (`alice`, `acme/security`): `login` is the fix. */
  | { kind: 'bare-login'; ref: string; login: string }
  | { kind: 'undefined-role'; ref: string }
  /** A blank left from a template (`TBD`, `[POLICY_OWNER]`, `{{ owner }}`): placeholder-left reports it, no other rule. */
  | { kind: 'placeholder'; ref: string }
  | { kind: 'invalid'; ref: string };

/**
 * What an owner reference written in a document stands for, in this order: a
 * login, team or e-mail; a defined role; a template blank (`TBD`, `tbd`,
 * `[OWNER]`, `<your name>`, `{{ owner }}`), which is no one yet; a lower-case
 * GitHub login or team written without its `@` (`alice`, `acme/sec-team`), unless
 * it is a word people use for a role (`ciso`, `security`); a name that reads like a role (letters,
 * spaces, `&`, `-`, `/`, `.`: `Information Security Officer`, `CISO`) is an
 * `undefined-role`; anything else is `invalid` (`@@x`, `jdoe@`).
 *
 * A role-like name is never read as a login: `ISO` written for the ISO role must
 * not become `@ISO`, whoever owns that GitHub account.
 */
export function readOwnerRef(ref: string, roles: Roles): OwnerRef {
  const trimmed = ref.trim();
  const kind = ownerKind(trimmed);
  if (kind) return { kind, ref: trimmed };
  const role = roleNamed(trimmed, roles);
  if (role) return { kind: 'role', ref: role, holders: roles[role]! };
  if (findValuePlaceholders(trimmed).length > 0) return { kind: 'placeholder', ref: trimmed };
  if (isBareLogin(trimmed)) return { kind: 'bare-login', ref: trimmed, login: `@${trimmed}` };
  if (looksLikeRoleName(trimmed)) return { kind: 'undefined-role', ref: trimmed };
  return { kind: 'invalid', ref: trimmed };
}

/** Case and runs of spaces do not tell two role names apart (`ISMS  owner` is `ISMS Owner`). */
export function foldRoleName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The defined role a name refers to: exact, else the same name in another case or spacing (`ciso` -> `CISO`). */
export function roleNamed(name: string, roles: Roles): string | undefined {
  const trimmed = name.trim();
  if (Object.hasOwn(roles, trimmed)) return trimmed;
  const folded = foldRoleName(trimmed);
  return Object.keys(roles).find((role) => foldRoleName(role) === folded);
}

/** A name people give a role: starts with a letter, no `@`, at most 80 characters. */
export function looksLikeRoleName(text: string): boolean {
  return /^[\p{L}][\p{L}\p{N} &/.()'-]{0,79}$/u.test(text.trim()) && !text.includes('@');
}

/**
 * Lower-case words that name roles or functions, not people: never suggested as
 * `@word` (a GitHub account of that name is most likely a stranger's).
 */
const ROLE_WORDS = new Set([
  'iso', 'ciso', 'cso', 'cio', 'cto', 'ceo', 'cfo', 'coo', 'cpo', 'cro', 'dpo', 'isms', 'ismo', 'hr', 'it', 'ops',
  'legal', 'security', 'infosec', 'compliance', 'management', 'board', 'admin', 'owner', 'manager', 'director',
  'officer', 'auditor', 'audit', 'risk', 'privacy', 'finance', 'facilities', 'engineering', 'operations', 'sysadmin',
]);

const BARE_LOGIN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}(?:\/[a-z0-9][a-z0-9_.-]{0,99})?$/;

/**
 * A GitHub login or `org/team` written without its `@`: lower case only (logins are
 * usually written so; `CTO` or `Alice Smith` are names, not logins) and not a role word.
 */
export function isBareLogin(text: string): boolean {
  if (!BARE_LOGIN.test(text)) return false;
  return !text.split('/').some((part) => ROLE_WORDS.has(part));
}

/** The people and teams behind a list of owner references: roles expanded, order kept, no repeats. */
export function holdersOf(refs: readonly string[], roles: Roles): string[] {
  const result: string[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    const read = readOwnerRef(ref, roles);
    const people = read.kind === 'role' ? read.holders : read.kind === 'login' || read.kind === 'team' || read.kind === 'email' ? [read.ref] : [];
    for (const person of people) {
      // GitHub logins, teams and e-mail domains are case-insensitive: `@Maria` is `@maria`.
      if (seen.has(person.toLowerCase())) continue;
      seen.add(person.toLowerCase());
      result.push(person);
    }
  }
  return result;
}

/**
 * The roles a document names (owners or approver), keyed by the name as the
 * document writes it, with their holders. Undefined roles are left out (rule
 * role-undefined reports them).
 */
export function rolesUsed(refs: readonly string[], roles: Roles): Record<string, string[]> {
  const entries: Array<[string, string[]]> = [];
  for (const ref of refs) {
    const written = ref.trim();
    const read = readOwnerRef(written, roles);
    if (read.kind === 'role' && !entries.some(([name]) => name === written)) entries.push([written, [...read.holders]]);
  }
  // fromEntries makes own properties whatever the name (`__proto__` included).
  return Object.fromEntries(entries);
}

/**
 * An owner as reports show it: the reference as written, and for a role its
 * holders: `CISO (@maria, ciso@example.org)`. `documentRoles` is a policy
 * record's `roles` (written name -> holders).
 */
export function ownerLabel(ref: string, documentRoles: Readonly<Record<string, readonly string[]>>): string {
  const holders = Object.hasOwn(documentRoles, ref) ? documentRoles[ref] : undefined;
  return holders ? `${ref} (${holders.join(', ')})` : ref;
}
