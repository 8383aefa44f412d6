/**
 * id-duplicate: policy ids are unique in the repository. Reported on every file
 * but the first in path order, so the older document keeps its id.
 */
import type { PolicyRecord } from '../model/policy.js';
import type { RepoRule } from './types.js';

export const idDuplicate: RepoRule = {
  id: 'id-duplicate',
  scope: 'repo',
  defaultSeverity: 'error',
  summary: 'Two files use the same id; reported on every file but the first in path order.',
  docs: 'Reviews, reminders, the SoA and links all find a policy by its id. Give the copy a new id (`POL-AC-002`).',
  examples: {
    ok: [{ name: 'distinct ids', text: '---\nid: POL-AC-001\n---\n', files: { 'policies/other.md': '---\nid: POL-AC-002\n---\n' } }],
    notOk: [
      {
        name: 'a copied policy',
        text: '---\nid: POL-AC-001\n---\n',
        path: 'policies/a.md',
        files: { 'policies/b.md': '---\ntitle: Copy\nid: POL-AC-001\n---\n' },
        expected: ['policies/b.md:3:5 `POL-AC-001` is already used by policies/a.md'],
      },
    ],
  },
  check({ policies, report }) {
    const first = new Map<string, PolicyRecord>();
    // Records arrive in path order already; sort anyway so the rule does not depend on it.
    for (const policy of [...policies].sort((a, b) => (a.file < b.file ? -1 : 1))) {
      if (!policy.id) continue;
      const owner = first.get(policy.id);
      if (!owner) {
        first.set(policy.id, policy);
        continue;
      }
      report(`Duplicate id \`${policy.id}\`: \`${policy.id}\` is already used by ${owner.file}; give this document a new id`, policy.positions.id, {
        file: policy.file,
        policy: policy.id,
      });
    }
  },
};
