/**
 * owner-invalid: owners and the approver are GitHub logins (`@alice`), teams
 * (`@org/security`), e-mail addresses, or roles defined under `roles:` in
 * `.isms.yml`, so reminders can assign and mention them.
 *
 * A name that reads like a role (`CISO`, `ISMS Owner`) is not reported here:
 * when it is not defined, rule role-undefined says so once for the whole ISMS.
 * It is never "corrected" to `@CISO`, which would hand the reminders to whoever
 * owns that GitHub account.
 */
import { readOwnerRef } from '../model/roles.js';
import { show } from './fields.js';
import type { FileRule } from './types.js';

export const ownerInvalid: FileRule = {
  id: 'owner-invalid',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'An owner or approver that is not `@login`, `@org/team`, an e-mail address or a role name.',
  docs: [
    'Write logins with their `@` (`"@alice"`), teams as `"@org/team"`, a plain e-mail address, or the name of a role defined under `roles:` in `.isms.yml` (`roles: { CISO: ["@maria", "ciso@example.org"] }`).',
    'A lower-case name without `@` that can only be a GitHub login (`alice`) gets the fix `@alice`. A name that reads like a role or a person (`CISO`, `Alice Smith`) is rule `role-undefined` instead; anything else (`@@x`, `jdoe@`) is reported here. A template blank (`TBD`, `[OWNER]`, `<your name>`, `{{ owner }}`) is reported by `placeholder-left` only.',
  ].join('\n\n'),
  examples: {
    ok: [
      { name: 'a login, a team, an e-mail', text: '---\nowners: ["@alice", "@acme/sec-team", "ciso@example.com"]\napprover: "@bob"\n---\n' },
      {
        name: 'a defined role as owner and approver',
        text: '---\nowners: [CISO]\napprover: Information Security Officer\n---\n',
        files: { '.isms.yml': 'roles:\n  CISO: ["@maria", "ciso@example.org"]\n  Information Security Officer: ["@acme/security"]\n' },
      },
      { name: 'a role name not defined (rule role-undefined reports it)', text: '---\nowners: [ISMS Owner]\n---\n' },
    ],
    notOk: [
      { name: 'a login without @', text: '---\nowners: [alice]\n---\n', expected: ['2:10 expected `@alice`'] },
      { name: 'a reference that is nothing', text: '---\nowners:\n  - "@@x"\n  - "jdoe@"\n---\n', expected: ['3:5 Unexpected owner `@@x`', '4:5 Unexpected owner `jdoe@`'] },
      { name: 'a bad approver', text: '---\napprover: "@-bob"\n---\n', expected: ['2:11 Unexpected approver'] },
    ],
  },
  check({ frontMatter, config, report }) {
    const field = frontMatter.data.owners !== undefined ? 'owners' : 'owner';
    const entries = frontMatter.items([field]).map((item) => ({ ...item, role: 'owner' }));
    if (typeof frontMatter.data.approver === 'string') {
      entries.push({ value: frontMatter.data.approver, position: frontMatter.valuePosition(['approver']), role: 'approver' });
    }
    for (const { value, position, role } of entries) {
      if (typeof value !== 'string' || value.trim() === '') continue; // field-invalid / owner-missing say it
      const read = readOwnerRef(value, config.roles);
      if (read.kind === 'bare-login') {
        report(`Unexpected ${role} ${show(read.ref)}, expected ${show(read.login)} (a GitHub login keeps its \`@\`; quote it)`, position);
      } else if (read.kind === 'invalid') {
        report(
          `Unexpected ${role} ${show(read.ref)}, expected a \`@login\`, an \`@org/team\`, an e-mail address or a role defined under \`roles:\` in \`.isms.yml\``,
          position,
        );
      }
    }
  },
};
