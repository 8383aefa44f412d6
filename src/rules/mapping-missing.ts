/**
 * mapping-missing: a policy that maps no clause and no control covers nothing
 * in the Statement of Applicability and cannot show why it exists.
 *
 * Records, registers, forms and templates hold records or are blanks to fill:
 * they need no mapping. A document with a `parent` needs none of its own when
 * a document up its parent chain maps something (it inherits no coverage). The
 * rule runs over the whole ISMS for that, and keeps to one finding per problem:
 * a parent id that does not exist, or a cycle, is reference-unknown's, and a
 * chain whose top is a policy mapping nothing is reported on that policy alone.
 */
import { documentsById, mappingSources } from '../model/document-tree.js';
import { UNMAPPED_TYPES, type PolicyRecord, type PolicyType } from '../model/policy.js';
import type { RepoRule } from './types.js';

const FIX = 'add the clauses (`iso27001.clauses: ["5.2"]`) or Annex A controls (`iso27001.controls: [A.5.1]`) this document satisfies';

function needsMapping(type: string): boolean {
  return !UNMAPPED_TYPES.includes(type as PolicyType);
}

export const mappingMissing: RepoRule = {
  id: 'mapping-missing',
  scope: 'repo',
  defaultSeverity: 'error',
  summary: 'The document maps no clause and no control (and its parent policy maps none either).',
  docs: [
    'List the ISO/IEC 27001:2022 clauses (`iso27001.clauses`) and/or Annex A controls (`iso27001.controls`) the document satisfies. Run `isms catalog` to see them.',
    `Not required for the document types ${UNMAPPED_TYPES.map((type) => `\`${type}\``).join(', ')}, nor for a document whose \`parent\` (or the parent's parent ...) maps something: a procedure under a mapped policy needs no mapping of its own. It inherits no coverage: only what a document maps itself counts.`,
  ].join('\n\n'),
  examples: {
    ok: [
      { name: 'one control', text: '---\niso27001:\n  controls: [A.5.15]\n---\n' },
      { name: 'a register', text: '---\nid: REG-AS-001\ntype: register\n---\n' },
      {
        name: 'a procedure under a mapped policy',
        text: '---\nid: PRC-AC-001\ntype: procedure\nparent: POL-AC-001\n---\n',
        files: { 'policies/access.md': '---\nid: POL-AC-001\niso27001:\n  controls: [A.5.15]\n---\n' },
      },
    ],
    notOk: [
      { name: 'no iso27001 key', text: '---\nid: POL-AC-001\n---\n', expected: ['1:1 Missing mapping'] },
      { name: 'empty lists', text: '---\niso27001:\n  clauses: []\n  controls: []\n---\n', expected: ['2:1 Missing mapping'] },
      {
        name: 'a procedure under a register',
        text: '---\nid: PRC-AS-001\ntype: procedure\nparent: REG-AS-001\n---\n',
        files: { 'policies/assets.md': '---\nid: REG-AS-001\ntype: register\n---\n' },
        expected: ['1:1 Missing mapping: neither this document nor its parent `REG-AS-001` (a register) maps a clause or control'],
      },
    ],
  },
  check({ policies, report }) {
    const byId = documentsById(policies);
    const sources = mappingSources(policies, byId);
    const parentOf = (policy: PolicyRecord) => (policy.document.parent === null ? undefined : byId.get(policy.document.parent));
    // Whether a document above this one needs a mapping: then the topmost such is reported, not this one.
    const mappableAbove = new Map<PolicyRecord, boolean>();
    const hasMappableAbove = (policy: PolicyRecord): boolean => {
      const path: PolicyRecord[] = [];
      let current: PolicyRecord | undefined = policy;
      let answer = false;
      while (current !== undefined) {
        const known = mappableAbove.get(current);
        if (known !== undefined) {
          answer = known;
          break;
        }
        path.push(current);
        current = parentOf(current);
        if (current !== undefined && needsMapping(current.type)) {
          answer = true;
          break;
        }
      }
      // Every document on the path below a mappable one has one above it; the rest share the answer.
      for (const member of path) mappableAbove.set(member, answer);
      return answer;
    };
    for (const policy of policies) {
      if (!needsMapping(policy.type)) continue;
      const source = sources.get(policy);
      // Mapped, mapped above, or a broken parent chain (reference-unknown reports that).
      if (source === undefined || source.kind !== 'none') continue;
      const options = { file: policy.file, policy: policy.id };
      const parent = parentOf(policy);
      if (parent === undefined) {
        report(`Missing mapping: ${FIX}`, policy.document.positions.mapping, options);
      } else if (!hasMappableAbove(policy)) {
        report(
          `Missing mapping: neither this document nor its parent \`${parent.id}\` (a ${parent.type}) maps a clause or control; ${FIX}, or name a mapped policy as \`parent\``,
          policy.document.positions.mapping,
          options,
        );
      }
      // Otherwise a document above maps nothing and needs to: its own finding says so, once for the chain.
    }
  },
};
