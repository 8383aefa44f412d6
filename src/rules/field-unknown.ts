/**
 * field-unknown: a top-level key (or a key under `iso27001`) that isn't part of
 * the front-matter format. Usually a typo, which would silently drop the value.
 */
import { isMap, isScalar } from 'yaml';
import { nearest } from '../model/nearest.js';
import { ISO27001_KEYS, KNOWN_FIELDS } from './fields.js';
import type { FileRule } from './types.js';

export const fieldUnknown: FileRule = {
  id: 'field-unknown',
  scope: 'file',
  defaultSeverity: 'warning',
  summary: 'An unknown top-level key; the message suggests the nearest known one.',
  docs: `Known fields: ${KNOWN_FIELDS.map((field) => `\`${field}\``).join(', ')}; under \`iso27001\`: \`clauses\`, \`controls\`, \`edition\`. Framework keys under \`maps_to\` are free (see \`maps-to-unknown\`).`,
  examples: {
    ok: [{ name: 'known keys', text: '---\nid: POL-AC-001\niso27001:\n  controls: [A.5.15]\n---\n' }],
    notOk: [
      { name: 'a typo', text: '---\nid: POL-AC-001\nlast_reviewd: 2026-01-10\n---\n', expected: ['3:1 Unexpected field `last_reviewd`, expected `last_reviewed`'] },
      { name: 'a singular under iso27001', text: '---\niso27001:\n  control: [A.5.15]\n---\n', expected: ['3:3 expected `controls`'] },
    ],
  },
  check({ frontMatter, report }) {
    const check = (node: unknown, known: readonly string[], prefix: string) => {
      if (!isMap(node)) return;
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (known.includes(key)) continue;
        // `edition`, `controls` or `clauses` at the top level: the nearest top-level name (`version`) is the wrong way.
        if (prefix === '' && (ISO27001_KEYS as readonly string[]).includes(key)) {
          report(`Unexpected field \`${key}\`: it belongs under \`iso27001:\` (\`iso27001.${key}\`); move it there`, frontMatter.nodePosition(pair.key));
          continue;
        }
        const suggestion = nearest(key, known);
        report(
          `Unexpected field \`${prefix}${key}\`${suggestion ? `, expected \`${suggestion}\`` : `: known fields are ${known.join(', ')}`}`,
          frontMatter.nodePosition(pair.key),
        );
      }
    };
    check(frontMatter.doc.contents, KNOWN_FIELDS, '');
    check(frontMatter.node(['iso27001']), ISO27001_KEYS, 'iso27001.');
  },
};
