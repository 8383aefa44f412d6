/**
 * Owner references as front matter and `.isms.yml` write them: a GitHub login
 * (`@maria`), a team (`@org/security`) or an e-mail address. Shared by the rules,
 * the config (role holders), scaffolding and reminders (who is assigned).
 */

/** `@login` (GitHub rules: alphanumerics and single hyphens, 39 at most, optional `[bot]`). */
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
