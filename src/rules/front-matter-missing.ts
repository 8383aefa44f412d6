/**
 * front-matter-missing: a policy file must start with YAML front matter, the
 * part every other rule reads. Raised by the parser (src/parse/front-matter.ts).
 */
import type { ParseRule } from './types.js';

export const frontMatterMissing: ParseRule = {
  id: 'front-matter-missing',
  scope: 'parse',
  defaultSeverity: 'error',
  summary: 'A matched file has no front matter.',
  docs: 'Every policy starts with a `---` line, its YAML fields and a closing `---` line. Without them nothing about the policy (id, owners, review date, controls) can be checked.',
  examples: {
    ok: [{ name: 'front matter first', text: '---\nid: POL-AC-001\n---\n# Access control\n' }],
    notOk: [
      { name: 'plain Markdown', text: '# Access control\n\nText.\n', expected: ['1:1 Missing front matter'] },
      { name: 'an empty file', text: '', expected: ['1:1'] },
      { name: 'front matter after a blank line', text: '\n---\nid: POL-AC-001\n---\n', expected: ['1:1'] },
    ],
  },
};
