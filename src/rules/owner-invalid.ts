/**
 * owner-invalid: owners and the approver are GitHub logins (`@alice`), teams
 * (`@org/security`) or e-mail addresses, so reminders can assign and mention them.
 */
import { ownerKind, show } from './fields.js';
import type { FileRule } from './types.js';

export const ownerInvalid: FileRule = {
  id: 'owner-invalid',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'An owner or approver that is not `@login`, `@org/team` or an e-mail address.',
  docs: 'Write logins with their `@` (`"@alice"`), teams as `"@org/team"`, or a plain e-mail address. Names such as `Alice (CISO)` cannot be assigned or notified.',
  examples: {
    ok: [{ name: 'a login, a team, an e-mail', text: '---\nowners: ["@alice", "@acme/sec-team", "ciso@example.com"]\napprover: "@bob"\n---\n' }],
    notOk: [
      { name: 'a name', text: '---\nowners:\n  - Alice Smith\n---\n', expected: ['3:5 Unexpected owner `Alice Smith`'] },
      { name: 'a login without @', text: '---\nowners: [alice]\n---\n', expected: ['2:10 expected `@alice`'] },
      { name: 'a bad approver', text: '---\napprover: "@-bob"\n---\n', expected: ['2:11 Unexpected approver'] },
    ],
  },
  check({ frontMatter, report }) {
    const field = frontMatter.data.owners !== undefined ? 'owners' : 'owner';
    const entries = frontMatter.items([field]).map((item) => ({ ...item, role: 'owner' }));
    if (typeof frontMatter.data.approver === 'string') {
      entries.push({ value: frontMatter.data.approver, position: frontMatter.valuePosition(['approver']), role: 'approver' });
    }
    for (const { value, position, role } of entries) {
      if (typeof value !== 'string' || value.trim() === '') continue; // field-invalid / owner-missing say it
      const ref = value.trim();
      if (ownerKind(ref)) continue;
      const hint = /^[A-Za-z0-9-]+(\/[A-Za-z0-9_.-]+)?$/.test(ref) ? `\`@${ref}\`` : 'a `@login`, `@org/team` or an e-mail address';
      report(`Unexpected ${role} ${show(ref)}, expected ${hint}`, position);
    }
  },
};
