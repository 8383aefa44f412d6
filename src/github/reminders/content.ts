/**
 * What a reminder issue says: its title, its body and the hidden marker that finds it again.
 *
 * The marker is the issue's memory between runs. It names the policy and the due date the
 * issue tracks, plus short hashes of the title and body text we last wrote and the logins we
 * assigned, so a run can tell "the policy changed" (rewrite) from "a person edited the issue"
 * (leave it): a ticked checkbox or a retitled issue is not undone on the next run.
 *
 * Policy text is hostile input: every value from a policy is escaped or a code span, and the
 * only @mentions are the owners' own `@login` / `@org/team` refs, which are validated patterns
 * (mentioned and assigned on purpose: the issue is for them). An owner that names a role
 * (`CISO`) stands for the role's holders from `.isms.yml` `roles:` (validated there the same
 * way): they are assigned and mentioned, and the body shows `CISO (@maria, ciso@example.org)`.
 */
import { createHash } from 'node:crypto';
import { getClause, getControl } from '../../catalog/index.js';
import { escapeMarkdown, inlineCode, truncate } from '../../format/markdown-escape.js';
import type { Position } from '../../model/finding.js';
import type { PolicyRecord } from '../../model/policy.js';
import { readOwnerRef, type OwnerRef } from '../../model/roles.js';

/** The fields of a policy record that reminders read (a `PolicyRecord` fits). */
export type ReminderPolicy = Pick<
  PolicyRecord,
  'id' | 'title' | 'file' | 'owners' | 'approver' | 'status' | 'last_reviewed' | 'next_review' | 'review_every' | 'clauses' | 'controls'
> &
  Partial<Pick<PolicyRecord, 'roles'>> & {
  /** Line 1 means "not written in the file" (the front matter starts on line 2). */
  positions?: { lastReviewed?: Position; nextReview?: Position };
};

/** Where the policy files live on GitHub, for links. */
export interface RepoLinks {
  /** e.g. https://github.com */
  serverUrl: string;
  owner: string;
  repo: string;
  /** Default branch, for links to the files. */
  branch: string;
}

export interface Marker {
  id: string;
  /** `YYYY-MM-DD`, or `none` for a policy in force that was never reviewed. */
  due: string;
  /** Hash of the title we last wrote; absent when unknown (then the title is rewritten). */
  title?: string;
  /** Hash of the body text we last wrote (marker excluded). */
  body?: string;
  /** Logins we assigned. */
  assignees: string[];
  /** Owner logins GitHub refused as assignees. */
  unassignable: string[];
  /**
   * Set when this tool closed the issue, with why (`reviewed`, `draft`, `retired`, `removed`,
   * `duplicate`). A closed issue without it was closed by a person, which is respected while
   * its due date stands; one we closed does not stop a new reminder if the policy is due again.
   */
  closed?: string;
}

export const MARKER_NAME = 'isms-as-code:review';
const MARKER_PATTERN = /<!--\s*isms-as-code:review\s+([^<>]*?)\s*-->/;
const MARKER_VALUE = /^[A-Za-z0-9._,[\]-]*$/;
const ID_IN_MARKER = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;
const DUE_IN_MARKER = /^(\d{4}-\d{2}-\d{2}|none)$/;

/** GitHub's limit on issue bodies is 65,536 characters; stay well below it. */
const MAX_BODY = 60_000;
/** GitHub's limit on issue titles. */
const MAX_TITLE = 256;
/** GitHub assigns at most 10 people to an issue. */
export const MAX_ASSIGNEES = 10;

export function dueKey(policy: Pick<ReminderPolicy, 'next_review'>): string {
  return policy.next_review ?? 'none';
}

export function formatMarker(marker: Marker): string {
  const fields = [
    `id=${marker.id}`,
    `due=${marker.due}`,
    ...(marker.title !== undefined ? [`title=${marker.title}`] : []),
    ...(marker.body !== undefined ? [`body=${marker.body}`] : []),
    `assignees=${marker.assignees.join(',')}`,
    ...(marker.unassignable.length > 0 ? [`unassignable=${marker.unassignable.join(',')}`] : []),
    ...(marker.closed !== undefined ? [`closed=${marker.closed}`] : []),
  ];
  return `<!-- ${MARKER_NAME} ${fields.join(' ')} -->`;
}

/** The marker in an issue body, or undefined when there is none or it is malformed. */
export function parseMarker(body: string | null | undefined): Marker | undefined {
  const match = body ? MARKER_PATTERN.exec(body) : null;
  if (!match) return undefined;
  const fields = new Map<string, string>();
  for (const token of match[1]!.split(/\s+/)) {
    const equals = token.indexOf('=');
    if (equals <= 0) return undefined;
    const value = token.slice(equals + 1);
    if (!MARKER_VALUE.test(value)) return undefined;
    fields.set(token.slice(0, equals), value);
  }
  const id = fields.get('id');
  const due = fields.get('due');
  if (!id || !ID_IN_MARKER.test(id) || !due || !DUE_IN_MARKER.test(due)) return undefined;
  const list = (value: string | undefined) => (value ? value.split(',').filter((item) => item.length > 0) : []);
  return {
    id,
    due,
    title: fields.get('title'),
    body: fields.get('body'),
    assignees: list(fields.get('assignees')),
    unassignable: list(fields.get('unassignable')),
    closed: fields.get('closed') || undefined,
  };
}

/** `body` with its marker replaced by `marker` (the rest, edits by people included, kept). */
export function replaceMarker(body: string, marker: Marker): string {
  return body.replace(MARKER_PATTERN, () => formatMarker(marker));
}

export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

export interface OwnerRefs {
  /** `@login` owners without the `@`, in file order, first 10 (GitHub's assignee limit). */
  logins: string[];
  /** `@login` owners beyond GitHub's 10 assignees: mentioned, not assigned. */
  extraLogins: string[];
  /** `@org/team` owners, with the `@`. */
  teams: string[];
  emails: string[];
  /** Anything else (the owner-invalid and role-undefined rules report it); shown escaped. */
  other: string[];
  /** Owners that name a role `roles:` does not define: they reach nobody, and the issue says so. */
  undefinedRoles: string[];
  /** Each owner as written, read (a role with its holders), in file order, no repeats. */
  written: OwnerRef[];
}

/**
 * Who the owners are: `@login`, `@org/team` and e-mail refs as they are, and each role
 * (`roles`: the policy record's, name as written -> holders) expanded to its holders.
 */
export function ownerRefs(owners: readonly string[], roles: Readonly<Record<string, readonly string[]>> = {}): OwnerRefs {
  const refs: OwnerRefs = { logins: [], extraLogins: [], teams: [], emails: [], other: [], undefinedRoles: [], written: [] };
  const seenRefs = new Set<string>();
  const seenPeople = new Set<string>();
  const addPerson = (person: string) => {
    const read = readOwnerRef(person, {});
    if (seenPeople.has(read.ref.toLowerCase())) return;
    seenPeople.add(read.ref.toLowerCase());
    if (read.kind === 'login') (refs.logins.length < MAX_ASSIGNEES ? refs.logins : refs.extraLogins).push(read.ref.slice(1));
    else if (read.kind === 'team') refs.teams.push(read.ref);
    else if (read.kind === 'email') refs.emails.push(read.ref);
  };
  for (const raw of owners) {
    const ref = raw.trim();
    if (seenRefs.has(ref.toLowerCase())) continue;
    seenRefs.add(ref.toLowerCase());
    // Exactly the record's roles: a name the record did not resolve stays unresolved here.
    const read = readOwnerRef(ref, Object.hasOwn(roles, ref) ? { [ref]: roles[ref]! } : {});
    refs.written.push(read);
    if (read.kind === 'role') read.holders.forEach(addPerson);
    else if (read.kind === 'login' || read.kind === 'team' || read.kind === 'email') addPerson(read.ref);
    else {
      refs.other.push(ref);
      if (read.kind === 'undefined-role') refs.undefinedRoles.push(ref);
    }
  }
  return refs;
}

/** A holder or owner ref as the body shows it: logins and teams mentioned, e-mails as code. */
function personText(person: string): string {
  const kind = readOwnerRef(person, {}).kind;
  return kind === 'login' || kind === 'team' ? person : inlineCode(person);
}

/** An owner as the issue body shows it: `CISO (@maria, \`ciso@example.org\`)` for a role. */
function ownerText(read: OwnerRef): string {
  if (read.kind === 'role') return `${escapeMarkdown(read.ref)} (${read.holders.map(personText).join(', ')})`;
  if (read.kind === 'login' || read.kind === 'team' || read.kind === 'email') return personText(read.ref);
  return escapeMarkdown(read.ref);
}

/** The approver as code (never a mention), with a role's holders: `` `CISO` (`@maria`) ``. */
function approverCode(approver: string, roles: Readonly<Record<string, readonly string[]>>, table: boolean): string {
  const holders = Object.hasOwn(roles, approver) ? roles[approver] : undefined;
  const name = inlineCode(approver, { table });
  return holders ? `${name} (${holders.map((holder) => inlineCode(holder, { table })).join(', ')})` : name;
}

export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function includesName(list: readonly string[], login: string): boolean {
  return list.some((item) => sameName(item, login));
}

/** A one-line, mention-free text for an issue title. */
function titleText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/@/g, '@\u200d')
    .trim();
}

export function issueTitle(policy: ReminderPolicy): string {
  const id = policy.id ?? '';
  const name = policy.title ? ` ${titleText(policy.title)}` : '';
  const due = policy.next_review ? `(due ${policy.next_review})` : '(never reviewed)';
  const title = `Review due: ${id}${name} ${due}`;
  if (title.length <= MAX_TITLE) return title;
  const room = MAX_TITLE - `Review due: ${id} … ${due}`.length;
  return `Review due: ${id} ${name.trim().slice(0, Math.max(0, room))}… ${due}`;
}

/** A URL path segment by segment, with the characters that end a Markdown link destination escaped too. */
function encodePath(text: string): string {
  return text
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[()']/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

export function fileUrl(links: RepoLinks, file: string): string {
  const server = links.serverUrl.replace(/\/+$/, '');
  return `${server}/${encodePath(links.owner)}/${encodePath(links.repo)}/blob/${encodePath(links.branch)}/${encodePath(file)}`;
}

export function issueUrl(links: RepoLinks, number: number): string {
  return `${links.serverUrl.replace(/\/+$/, '')}/${encodePath(links.owner)}/${encodePath(links.repo)}/issues/${number}`;
}

/** A position that points into the file (line 1 is the opening `---`: the field is absent). */
function lineOf(position: Position | undefined): number | undefined {
  return position && position.line > 1 ? position.line : undefined;
}

function listOrNone(items: readonly string[]): string {
  return items.length > 0 ? items.join('; ') : '(none)';
}

export interface RenderInput {
  policy: ReminderPolicy;
  links: RepoLinks;
  /** The reminder label, named in the footer. */
  label: string;
  /** Owner logins GitHub refused as assignees: named (not mentioned) in the body, not assigned. */
  unassignable: readonly string[];
}

export interface RenderedIssue {
  title: string;
  body: string;
  marker: Marker;
  /** Logins to assign: the `@login` owners minus the refused ones. */
  assignees: string[];
}

/** The title, body and marker of a policy's reminder issue. Deterministic: same input, same text. */
export function renderIssue(input: RenderInput): RenderedIssue {
  const { policy, links } = input;
  const id = policy.id ?? '';
  const roles = policy.roles ?? {};
  const refs = ownerRefs(policy.owners, roles);
  const unassignable = refs.logins.filter((login) => includesName(input.unassignable, login));
  const assignees = refs.logins.filter((login) => !includesName(unassignable, login));
  const url = fileUrl(links, policy.file);
  const name = policy.title ? `${escapeMarkdown(id)} ${escapeMarkdown(policy.title)}` : escapeMarkdown(id);
  // Worded to hold both before and after the date, so the body need not change when it passes.
  const due = policy.next_review ? `due on **${policy.next_review}**` : 'due **now**: it has never been reviewed';

  // The owners are the one group this tool mentions, by design: the refs are validated patterns.
  const owners = refs.written.map(ownerText);
  const approver = policy.approver ? approverCode(policy.approver, roles, true) : '(none)';
  const approverInText = policy.approver ? approverCode(policy.approver, roles, false) : '(none)';
  const clauses = policy.clauses.map((clause) => {
    const known = getClause(clause);
    return known ? `${escapeMarkdown(clause)} ${escapeMarkdown(known.title)}` : escapeMarkdown(clause);
  });
  const controls = policy.controls.map((control) => {
    const known = getControl(control);
    return known ? `${escapeMarkdown(control)} ${escapeMarkdown(known.title)}` : escapeMarkdown(control);
  });

  const rows: Array<[string, string]> = [
    ['File', `[${inlineCode(policy.file)}](${url})`],
    ['Owners', owners.length > 0 ? owners.join(', ') : '(none: add `owners` to the front matter)'],
    ['Approver', approver],
    ['Status', policy.status ? inlineCode(policy.status) : '(none)'],
    ['Last reviewed', policy.last_reviewed ?? 'never'],
    ['Next review due', policy.next_review ?? 'now'],
    ['Review cadence', `every ${escapeMarkdown(policy.review_every)}`],
    ['ISO/IEC 27001 clauses', listOrNone(clauses)],
    ['Annex A controls', listOrNone(controls)],
  ];

  const file = inlineCode(policy.file, { table: false });
  const lastReviewedLine = lineOf(policy.positions?.lastReviewed);
  const nextReviewLine = lineOf(policy.positions?.nextReview);
  const record = lastReviewedLine
    ? `Record the review: change \`last_reviewed\` on line ${lastReviewedLine} of ${file} to the date of the review (\`last_reviewed: YYYY-MM-DD\`), or run \`isms review ${id}\``
    : `Record the review: add \`last_reviewed: YYYY-MM-DD\` (the date of the review) to the front matter of ${file}, or run \`isms review ${id}\``;
  const checklist = [
    `Read the policy: [${name}](${url})`,
    'Confirm it is still accurate and complete, or change it in a pull request',
    record,
    ...(nextReviewLine
      ? [`Update or remove \`next_review\` on line ${nextReviewLine}: while it is set it fixes the due date (without it, the due date is \`last_reviewed\` + \`review_every\`)`]
      : []),
    policy.approver
      ? `Get the approval of ${approverInText} (the approver) on the pull request`
      : 'Get the approval of whoever approves your policies on the pull request (no `approver` is set)',
    'Merge it: the next scheduled run closes this issue',
  ];

  const lines = [
    `Review of [${name}](${url}) ${due}.`,
    '',
    '| Field | Value |',
    '| --- | --- |',
    ...rows.map(([field, value]) => `| ${field} | ${value} |`),
    '',
    '### Review checklist',
    '',
    ...checklist.map((item) => `- [ ] ${item}`),
  ];
  if (unassignable.length > 0) {
    lines.push(
      '',
      `GitHub did not accept these owners as assignees: ${unassignable.map((login) => inlineCode(`@${login}`, { table: false })).join(', ')}. ` +
        (Object.keys(roles).length > 0
          ? 'Give them access to this repository, or correct `owners` in the policy (or the holders of its roles under `roles:` in `.isms.yml`).'
          : 'Give them access to this repository, or correct `owners` in the policy.'),
    );
  }
  if (refs.undefinedRoles.length > 0) {
    const names = refs.undefinedRoles.map((role) => inlineCode(role, { table: false })).join(', ');
    lines.push(
      '',
      `${names} ${refs.undefinedRoles.length === 1 ? 'is a role' : 'are roles'} that \`.isms.yml\` does not define under \`roles:\`, so ${refs.undefinedRoles.length === 1 ? 'it names' : 'they name'} no one to assign. ` +
        'Define each with the people who hold it (`roles: { CISO: ["@maria"] }`) and the next run assigns them.',
    );
  }
  if (refs.extraLogins.length > 0) {
    lines.push('', `GitHub assigns at most ${MAX_ASSIGNEES} people: the owners after the first ${MAX_ASSIGNEES} are mentioned, not assigned.`);
  }
  lines.push(
    '',
    '---',
    '',
    `<sub>Opened by isms-as-code from ${file}. Keep the ${inlineCode(input.label, { table: false })} label: it is how this issue is found again. ` +
      'Change owners and dates in the policy file, not here; the issue follows the file on every scheduled run.</sub>',
  );
  const text = truncate(lines.join('\n'), MAX_BODY, '\n\n_… truncated: see the policy file._\n');
  const title = issueTitle(policy);
  const marker: Marker = {
    id,
    due: dueKey(policy),
    title: shortHash(title),
    body: shortHash(text),
    assignees,
    unassignable,
  };
  return { title, body: `${formatMarker(marker)}\n${text}\n`, marker, assignees };
}
