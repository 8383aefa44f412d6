/**
 * superseded-in-force: an approved document replaces one (`supersedes`) that is
 * not retired, so two documents on the same subject look in force at once.
 * Reported on the superseded document, where the fix (`status: retired`) goes.
 */
import { documentsById } from '../model/document-tree.js';
import type { RepoRule } from './types.js';

export const supersededInForce: RepoRule = {
  id: 'superseded-in-force',
  scope: 'repo',
  defaultSeverity: 'warning',
  summary: 'An approved document supersedes a document that is not retired.',
  docs: 'When an approved document lists another in `supersedes`, the old one is no longer in force: set `status: retired` on it (it then counts for no coverage and gets no review reminders, and stays identifiable as obsolete). A new version still in `draft` or `review` may supersede a document in force: the old one stays in force until the new one is approved.',
  examples: {
    ok: [
      {
        name: 'the old version retired',
        text: '---\nid: POL-IS-002\nstatus: approved\nsupersedes: [POL-IS-001]\n---\n',
        files: { 'policies/old.md': '---\nid: POL-IS-001\nstatus: retired\n---\n' },
      },
      {
        name: 'a new version still in review',
        text: '---\nid: POL-IS-002\nstatus: review\nsupersedes: [POL-IS-001]\n---\n',
        files: { 'policies/old.md': '---\nid: POL-IS-001\nstatus: approved\n---\n' },
      },
    ],
    notOk: [
      {
        name: 'the old version still approved',
        text: '---\nid: POL-IS-002\nstatus: approved\nsupersedes: [POL-IS-001]\n---\n',
        files: { 'policies/old.md': '---\nid: POL-IS-001\ntitle: Old\nstatus: approved\n---\n' },
        expected: ['policies/old.md:4:9 `POL-IS-001` is superseded by `POL-IS-002` (policies/example.md, approved) but its status is `approved`: set `status: retired`'],
      },
    ],
  },
  check({ policies, report }) {
    const byId = documentsById(policies);
    const reported = new Set<string>();
    for (const policy of policies) {
      if (policy.status !== 'approved') continue;
      for (const id of policy.document.supersedes) {
        const old = byId.get(id);
        if (old === undefined || old === policy || old.status === 'retired' || reported.has(id)) continue;
        // One finding per superseded document, however many documents replace it.
        reported.add(id);
        report(
          `\`${id}\` is superseded by \`${policy.id}\` (${policy.file}, approved) but its status is \`${old.status ?? 'unset'}\`: set \`status: retired\` so that only the new document is in force`,
          old.positions.status,
          { file: old.file, policy: old.id },
        );
      }
    }
  },
};
