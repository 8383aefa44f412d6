/**
 * review-date-missing: a policy in force records when it was last reviewed;
 * the due date of its next review is counted from it.
 */
import type { FileRule } from './types.js';

export const reviewDateMissing: FileRule = {
  id: 'review-date-missing',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'No `last_reviewed` (and status is not `draft`).',
  docs: 'Add `last_reviewed: YYYY-MM-DD` with the date of the last review or approval. Drafts may leave it out until they are approved.',
  examples: {
    ok: [
      { name: 'a reviewed policy', text: '---\nstatus: approved\nlast_reviewed: 2026-03-01\n---\n' },
      { name: 'a draft', text: '---\nstatus: draft\n---\n' },
    ],
    notOk: [{ name: 'approved, never reviewed', text: '---\nstatus: approved\n---\n', expected: ['1:1 Missing `last_reviewed`'] }],
  },
  check({ frontMatter, report }) {
    if (frontMatter.data.status === 'draft') return;
    const value = frontMatter.data.last_reviewed;
    if (value !== undefined && value !== null && value !== '') return;
    const position = value === undefined ? { line: 1, column: 1 } : frontMatter.valuePosition(['last_reviewed']);
    report('Missing `last_reviewed`: add the date of the last review as `last_reviewed: YYYY-MM-DD`', position);
  },
};
