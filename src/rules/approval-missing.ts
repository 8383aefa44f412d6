/**
 * approval-missing: an approved document names who approved it (ISO/IEC 27001
 * 5.2 and 7.5.2 expect policies to be approved by the appropriate authority).
 */
import type { FileRule } from './types.js';

export const approvalMissing: FileRule = {
  id: 'approval-missing',
  scope: 'file',
  defaultSeverity: 'warning',
  summary: '`status: approved` with no `approver`.',
  docs: 'Add `approver: "@login"` (and `approved_on: YYYY-MM-DD`) for the person who approved this version.',
  examples: {
    ok: [{ name: 'approved by someone', text: '---\nstatus: approved\napprover: "@ciso"\n---\n' }],
    notOk: [{ name: 'approved by nobody', text: '---\nstatus: approved\n---\n', expected: ['2:9 Missing `approver`'] }],
  },
  check({ frontMatter, report }) {
    if (frontMatter.data.status !== 'approved') return;
    const approver = frontMatter.data.approver;
    if (typeof approver === 'string' && approver.trim() !== '') return;
    report('Missing `approver` for an approved document: add `approver: "@login"` for who approved it', frontMatter.valuePosition(['status']));
  },
};
