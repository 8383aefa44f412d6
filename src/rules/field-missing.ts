/**
 * field-missing: `id`, `title` and `status` are required (owners, the review
 * date and the mapping have rules of their own with more specific advice).
 */
import type { FileRule } from './types.js';

const REQUIRED = ['id', 'title', 'status'] as const;

const advice: Record<(typeof REQUIRED)[number], string> = {
  id: 'add `id: POL-XX-001` (unique in the repository)',
  title: 'add `title: ...` with the document name',
  status: 'add `status: draft`, `review`, `approved` or `retired`',
};

export const fieldMissing: FileRule = {
  id: 'field-missing',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'A required field other than owners and review date is absent.',
  docs: 'Every policy needs an `id`, a `title` and a `status`. The finding is on line 1 and names the field to add.',
  examples: {
    ok: [{ name: 'all required fields', text: '---\nid: POL-AC-001\ntitle: Access Control Policy\nstatus: draft\n---\n' }],
    notOk: [
      { name: 'no title', text: '---\nid: POL-AC-001\nstatus: draft\n---\n', expected: ['1:1 Missing `title`'] },
      { name: 'empty front matter', text: '---\n---\n', expected: ['1:1 `id`', '1:1 `title`', '1:1 `status`'] },
    ],
  },
  check({ frontMatter, report }) {
    for (const field of REQUIRED) {
      if (frontMatter.data[field] === undefined) {
        report(`Missing \`${field}\`: ${advice[field]}`, { line: 1, column: 1 });
      }
    }
  },
};
