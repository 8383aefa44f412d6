/**
 * mapping-missing: a policy that maps no clause and no control covers nothing
 * in the Statement of Applicability and cannot show why it exists.
 */
import type { FileRule } from './types.js';

export const mappingMissing: FileRule = {
  id: 'mapping-missing',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'The policy maps no clause and no control.',
  docs: 'List the ISO/IEC 27001:2022 clauses (`iso27001.clauses`) and/or Annex A controls (`iso27001.controls`) the document satisfies. Run `isms catalog` to see them.',
  examples: {
    ok: [{ name: 'one control', text: '---\niso27001:\n  controls: [A.5.15]\n---\n' }],
    notOk: [
      { name: 'no iso27001 key', text: '---\nid: POL-AC-001\n---\n', expected: ['1:1 Missing mapping'] },
      { name: 'empty lists', text: '---\niso27001:\n  clauses: []\n  controls: []\n---\n', expected: ['2:1 Missing mapping'] },
    ],
  },
  check({ frontMatter, policy, report }) {
    if (policy.clauses.length > 0 || policy.controls.length > 0) return;
    report(
      'Missing mapping: add the clauses (`iso27001.clauses: ["5.2"]`) or Annex A controls (`iso27001.controls: [A.5.1]`) this document satisfies',
      frontMatter.keyPosition('iso27001') ?? { line: 1, column: 1 },
    );
  },
};
