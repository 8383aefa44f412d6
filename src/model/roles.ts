/**
 * Roles as owners. Real ISMSs name roles (`CISO`, `ISMS Owner`) where a person
 * would change with every hire; `.isms.yml` `roles:` says who holds each one.
 * An owner reference is either a person/team/e-mail or the name of a role.
 */
import { ownerKind, type OwnerKind } from './owner-ref.js';

export type OwnerRef =
  | { kind: OwnerKind; ref: string }
  | { kind: 'role'; ref: string; holders: readonly string[] }
  | { kind: 'undefined-role'; ref: string }
  | { kind: 'invalid'; ref: string };

/**
 * What an owner reference written in a document stands for. A name that is
 * neither a login, team or e-mail nor a defined role is an `undefined-role` when
 * it reads like a role name (letters, spaces, `&`, `-`, `/`, `.`: `Information
 * Security Officer`), else `invalid` (`@@x`, `jdoe@`).
 */
export function readOwnerRef(ref: string, roles: Readonly<Record<string, readonly string[]>>): OwnerRef {
  const kind = ownerKind(ref);
  if (kind) return { kind, ref };
  const role = roleNamed(ref, roles);
  if (role) return { kind: 'role', ref: role, holders: roles[role]! };
  if (looksLikeRoleName(ref)) return { kind: 'undefined-role', ref };
  return { kind: 'invalid', ref };
}

/** The defined role a name refers to: exact, else the same name in another case (`ciso` -> `CISO`). */
export function roleNamed(name: string, roles: Readonly<Record<string, readonly string[]>>): string | undefined {
  const trimmed = name.trim();
  if (Object.hasOwn(roles, trimmed)) return trimmed;
  const folded = trimmed.toLowerCase();
  return Object.keys(roles).find((role) => role.toLowerCase() === folded);
}

/** A name people give a role: starts with a letter, no `@`, at most 80 characters. */
export function looksLikeRoleName(text: string): boolean {
  return /^[\p{L}][\p{L}\p{N} &/.()'-]{0,79}$/u.test(text.trim()) && !text.includes('@');
}

/** The people and teams behind a list of owner references: roles expanded, order kept, no repeats. */
export function holdersOf(refs: readonly string[], roles: Readonly<Record<string, readonly string[]>>): string[] {
  const result: string[] = [];
  for (const ref of refs) {
    const read = readOwnerRef(ref, roles);
    const people = read.kind === 'role' ? read.holders : read.kind === 'login' || read.kind === 'team' || read.kind === 'email' ? [read.ref] : [];
    for (const person of people) if (!result.includes(person)) result.push(person);
  }
  return result;
}
