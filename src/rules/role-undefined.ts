/**
 * role-undefined: an owner or approver names a role (`CISO`, `ISMS Owner`) that
 * `.isms.yml` does not define under `roles:`, so it stands for nobody: no one is
 * assigned its review reminders.
 *
 * One finding per role for the whole ISMS, at its first use (path order, then
 * line), with how many documents use it: the fix is one entry in `.isms.yml`,
 * not an edit in every document. Roles are told apart as `roles:` matches them:
 * case and spacing aside (`ciso` and `CISO` are one role).
 *
 * Severity: error when some document that names the role as an owner has no
 * other owner who would get its reminders; warning when every such document
 * still reaches someone (another owner) or the role is only an approver.
 */
import type { Position } from '../model/finding.js';
import type { PolicyRecord } from '../model/policy.js';
import { foldRoleName, readOwnerRef, type OwnerRef } from '../model/roles.js';
import { show } from './fields.js';
import type { RepoRule } from './types.js';

interface Use {
  /** The role name as this document writes it. */
  ref: string;
  policy: PolicyRecord;
  position: Position;
  asOwner: boolean;
}

/** Owner references that stand for someone (a defined role always has holders: the config requires them). */
const REACHING: ReadonlySet<OwnerRef['kind']> = new Set(['login', 'team', 'email', 'role']);

/** Files named in the message before "and N more". */
const FILES_SHOWN = 3;

export const roleUndefined: RepoRule = {
  id: 'role-undefined',
  scope: 'repo',
  defaultSeverity: 'error',
  summary: 'An owner or approver names a role that `roles:` in `.isms.yml` does not define; reported once per role, at its first use.',
  docs: [
    'Policies may name roles instead of people (`owners: [CISO]`, `approver: ISMS Owner`); `.isms.yml` says who holds each one:',
    '```yaml\nroles:\n  CISO: ["@maria", "ciso@example.org"]\n  ISMS Owner: ["@acme/security"]\n```',
    'Reminders then assign the role\'s `@login` holders, mention its teams and list its e-mail addresses; reports show `CISO (@maria, ciso@example.org)`. Role names match whatever their case and spacing.',
    'An undefined role stands for nobody. The finding is given once per role, at its first use in path order, and counts the documents that use it. It is an error when a document has no other owner who would be reminded, else a warning. Fix it by defining the role, or by writing the person\'s `@login` instead.',
  ].join('\n\n'),
  examples: {
    ok: [
      {
        name: 'a role defined in .isms.yml',
        text: '---\nowners: [CISO]\napprover: isms owner\n---\n',
        files: { '.isms.yml': 'roles:\n  CISO: ["@maria"]\n  ISMS Owner: ["@acme/security"]\n' },
      },
      { name: 'people, not roles', text: '---\nowners: ["@alice", "security@example.com"]\n---\n' },
    ],
    notOk: [
      {
        name: 'one undefined role in two documents',
        text: '---\nid: POL-AC-001\nowners: [CISO]\n---\n',
        path: 'policies/a.md',
        files: { 'policies/b.md': '---\nid: POL-BC-001\nowner: ciso\n---\n' },
        expected: ['policies/a.md:3:10 Undefined role `CISO`: used by 2 documents (policies/a.md, policies/b.md)'],
      },
      {
        name: 'an approver role with another owner (a warning)',
        text: '---\nowners: ["@alice"]\napprover: Information Security Officer\n---\n',
        expected: ['3:11 Undefined role `Information Security Officer`: used by 1 document'],
      },
    ],
  },
  check({ policies, config, report }) {
    // The same few names recur in every document: read each once.
    const readings = new Map<string, OwnerRef['kind']>();
    const kindOf = (ref: string) => {
      let kind = readings.get(ref);
      if (kind === undefined) readings.set(ref, (kind = readOwnerRef(ref, config.roles).kind));
      return kind;
    };
    const reachesSomeone = (policy: PolicyRecord) => policy.owners.some((owner) => REACHING.has(kindOf(owner)));
    const uses = new Map<string, Use[]>();
    const add = (use: Use) => {
      if (kindOf(use.ref) !== 'undefined-role') return;
      const key = foldRoleName(use.ref);
      const list = uses.get(key);
      if (list) list.push(use);
      else uses.set(key, [use]);
    };
    for (const policy of policies) {
      for (const owner of policy.positions.owners) add({ ref: owner.id, policy, position: owner.position, asOwner: true });
      if (policy.approver !== null) add({ ref: policy.approver, policy, position: policy.positions.approver, asOwner: false });
    }
    const firstUses = [...uses.values()].map((all) => {
      const sorted = [...all].sort(byPlace);
      return { first: sorted[0]!, all: sorted };
    });
    // Findings in the order of their first uses, whatever order the map was filled in.
    firstUses.sort((a, b) => byPlace(a.first, b.first));
    for (const { first, all } of firstUses) {
      const name = first.ref.trim();
      const files = [...new Set(all.map((use) => use.policy.file))];
      const unreached = all.some((use) => use.asOwner && !reachesSomeone(use.policy));
      const shown = files.slice(0, FILES_SHOWN).join(', ') + (files.length > FILES_SHOWN ? ` and ${files.length - FILES_SHOWN} more` : '');
      const consequence = unreached ? 'so no one is assigned its review reminders' : 'so it names no one';
      report(
        `Undefined role ${show(name)}: used by ${files.length} document${files.length === 1 ? '' : 's'} (${shown}), but \`.isms.yml\` does not define it under \`roles:\`, ${consequence}. ` +
          `Define it with the people who hold it, e.g. \`roles: { ${yamlKey(name)}: ["@<login>"] }\`, or write the person's \`@login\` instead`,
        first.position,
        { file: first.policy.file, policy: first.policy.id, severity: unreached ? 'error' : 'warning' },
      );
    }
  },
};

/** Path order (code units, as id-duplicate), then line, then column. */
function byPlace(a: Use, b: Use): number {
  if (a.policy.file !== b.policy.file) return a.policy.file < b.policy.file ? -1 : 1;
  return a.position.line - b.position.line || a.position.column - b.position.column;
}

/** The role name as a key of a YAML flow mapping: plain when it can be, else quoted. */
function yamlKey(name: string): string {
  return /^[\p{L}][\p{L}\p{N} ]*$/u.test(name) ? name : JSON.stringify(name);
}
