/**
 * owner-missing: every policy has at least one owner, the person or team who
 * keeps it current and receives its review reminders.
 */
import type { FileRule } from './types.js';

export const ownerMissing: FileRule = {
  id: 'owner-missing',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'No `owners`/`owner`, or an empty list.',
  docs: 'Add `owners: ["@login", "@org/team"]` (quoted: `@` is reserved in YAML) or `owner: "@login"`. E-mail addresses work too, but only GitHub logins are assigned to reminder issues.',
  examples: {
    ok: [
      { name: 'an owners list', text: '---\nowners: ["@alice", "@acme/security"]\n---\n' },
      { name: 'a single owner', text: '---\nowner: "security@example.com"\n---\n' },
    ],
    notOk: [
      { name: 'no owner', text: '---\nid: POL-AC-001\n---\n', expected: ['1:1 Missing owners'] },
      { name: 'an empty list', text: '---\nid: POL-AC-001\nowners: []\n---\n', expected: ['3:9 Missing owners'] },
    ],
  },
  check({ frontMatter, report }) {
    const field = frontMatter.data.owners !== undefined ? 'owners' : 'owner';
    const items = frontMatter.items([field]).filter((item) => item.value !== null && item.value !== '');
    if (items.length > 0) return;
    const position = frontMatter.data[field] === undefined ? { line: 1, column: 1 } : frontMatter.valuePosition([field]);
    report('Missing owners: add `owners: ["@login"]` with the people or `@org/team` accountable for this document', position);
  },
};
