/**
 * file-too-large: files over 1 MiB are not parsed. A policy that size is almost
 * certainly an export or an attachment, and parsing it would slow every run.
 * Raised by the reader (src/parse/read-file.ts).
 */
import type { ParseRule } from './types.js';

export const fileTooLarge: ParseRule = {
  id: 'file-too-large',
  scope: 'parse',
  defaultSeverity: 'error',
  summary: 'The file is over 1 MiB and was not parsed.',
  docs: 'Split the document, or keep large material (exports, spreadsheets, diagrams) as `evidence` files and link to them.',
  examples: {
    ok: [{ name: 'a normal policy', text: '---\nid: POL-AC-001\n---\n' + 'Text.\n'.repeat(100) }],
    notOk: [
      {
        name: 'a 1.2 MiB file',
        text: '---\nid: POL-AC-001\n---\n' + 'x'.repeat(1.2 * 1024 * 1024),
        expected: ['1:1 over the 1 MiB limit'],
      },
    ],
  },
};
