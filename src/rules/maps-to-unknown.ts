/**
 * maps-to-unknown: ids under `maps_to` are checked for the frameworks isms-as-code
 * knows (`nist-csf-2.0`, `nist-csf-1.1`, `iso27001-2022`). A suggestion is given
 * only when it is certain (the same id written loosely, or NIST's own 1.1 -> 2.0
 * mapping); a near id is a different subcategory and is never offered. A framework
 * key declared under `frameworks:` in `.isms.yml` is accepted with its ids
 * unchecked; any other key is a warning: a framework of your own, or a typo.
 */
import { builtInFrameworks, readClauseId, readControlId, readCsfId, type CsfFramework } from '../catalog/index.js';
import { nearest } from '../model/nearest.js';
import { formatIds } from './suggest.js';
import type { FileRule } from './types.js';

/** What is wrong with an id of a built-in framework, or undefined when it is right. */
function problemOf(framework: string, id: string): string | undefined {
  const known = builtInFrameworks.get(framework);
  if (known?.(id)) return undefined;
  if (framework === 'nist-csf-2.0' || framework === 'nist-csf-1.1') return csfProblem(framework, id);
  const control = readControlId(id, { edition: 2022 });
  if (control.kind === 'loose' && !control.alsoClause) return `, expected \`${control.id}\``;
  if (control.kind === 'legacy') return ` (ISO 27001:2013 \`${control.id2013}\`), expected ${formatIds(control.successors)}`;
  const clause = readClauseId(id, { edition: 2022 });
  if (clause.kind === 'item') return undefined;
  if (clause.kind === 'unknown' && clause.nearest) return `, expected \`${clause.nearest}\``;
  return '';
}

function csfProblem(framework: CsfFramework, id: string): string | undefined {
  const reading = readCsfId(id, { framework });
  switch (reading.kind) {
    case 'subcategory':
      return undefined;
    case 'loose':
      return reading.retained11
        ? `: it is the CSF 1.1 form of \`${reading.id}\`, expected \`${reading.id}\` (CSF 2.0 ids have two digits)`
        : `, expected \`${reading.id}\``;
    case 'withdrawn': {
      const to = reading.successors.length > 0 ? formatIds(reading.successors) : `a subcategory of ${formatIds(reading.successorCategories)}`;
      return `: it is CSF 1.1 \`${reading.id11}\` (${reading.title}), ${reading.relationship} ${to} in CSF 2.0; expected ${to}, or list it under \`nist-csf-1.1\``;
    }
    case 'other-framework':
      return `: it is a CSF 2.0 id, list it under \`nist-csf-2.0\``;
    case 'unknown':
      return '';
  }
}

export const mapsToUnknown: FileRule = {
  id: 'maps-to-unknown',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'An unknown id of a built-in framework (a warning for a framework key that is neither built in nor declared).',
  docs: [
    'Built-in frameworks: `nist-csf-2.0` (the 106 CSF 2.0 subcategories, e.g. `PR.AA-01`), `nist-csf-1.1` (the 108 CSF 1.1 subcategories, e.g. `PR.AC-1`) and `iso27001-2022`. Run `isms catalog` for the ids.',
    '',
    '- A CSF 1.1 id under `nist-csf-2.0` (`PR.PT-1`) is named with its CSF 2.0 successor(s) from NIST\'s mapping (`PR.PS-04`), or move it under `nist-csf-1.1`.',
    '- A CSF 2.0 id written without its zero or in another case (`GV.OC-1`) is named with its exact form (`GV.OC-01`).',
    '- No near id is ever suggested: a near id is a different subcategory.',
    '- Other frameworks (`soc-2`, `nis2`): declare them in `.isms.yml` (`frameworks: [soc-2]`) and their ids are accepted as written; an undeclared key is a warning on each document.',
  ].join('\n'),
  examples: {
    ok: [
      { name: 'CSF 2.0 subcategories', text: '---\nmaps_to:\n  nist-csf-2.0: [GV.PO-01, PR.AA-05]\n---\n' },
      { name: 'CSF 1.1 subcategories', text: '---\nmaps_to:\n  nist-csf-1.1: [PR.AC-4, PR.PT-1]\n---\n' },
      { name: 'a framework declared in .isms.yml', text: '---\nmaps_to:\n  soc-2: [CC6.1]\n---\n', files: { '.isms.yml': 'frameworks: [soc-2]\n' } },
    ],
    notOk: [
      {
        name: 'a CSF 1.1 id under CSF 2.0',
        text: '---\nmaps_to:\n  nist-csf-2.0: [PR.PT-1]\n---\n',
        expected: ['3:18 Unexpected `PR.PT-1` for `nist-csf-2.0`: it is CSF 1.1 `PR.PT-1` (Audit/log records are determined, documented, implemented, and reviewed in accordance with policy), incorporated into `PR.PS-04` in CSF 2.0'],
      },
      { name: 'a CSF 2.0 id without its zero', text: '---\nmaps_to:\n  nist-csf-2.0: [GV.OC-1]\n---\n', expected: ['3:18 Unexpected `GV.OC-1` for `nist-csf-2.0`, expected `GV.OC-01`'] },
      { name: 'an unknown framework', text: '---\nmaps_to:\n  nist-csf-3: [PR.AA-01]\n---\n', expected: ['3:3 Unknown framework `nist-csf-3`'] },
    ],
  },
  check({ frontMatter, policy, config, report }) {
    const frameworks = [...builtInFrameworks.keys()];
    const declared = new Set(config.frameworks);
    for (const [framework, ids] of Object.entries(policy.maps_to)) {
      if (!builtInFrameworks.has(framework)) {
        if (declared.has(framework)) continue;
        const suggestion = nearest(framework, [...frameworks, ...config.frameworks]);
        const pair = frontMatter.node(['maps_to']);
        const keyNode =
          pair && 'items' in pair
            ? (pair.items as Array<{ key: { value?: unknown; range?: [number, number, number] } }>).find((item) => String(item.key?.value) === framework)?.key
            : undefined;
        report(
          `Unknown framework \`${framework}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}: its ids are not checked; built-in: ${frameworks.join(', ')}; declare your own in \`.isms.yml\` (\`frameworks: [${framework}]\`)`,
          keyNode?.range ? frontMatter.positionOf(keyNode.range[0]) : frontMatter.valuePosition(['maps_to']),
          { severity: 'warning' },
        );
        continue;
      }
      const items = frontMatter.items(['maps_to', framework]);
      for (const [index, id] of ids.entries()) {
        const problem = problemOf(framework, id);
        if (problem === undefined) continue;
        const position = items.find((item) => String(item.value).trim() === id)?.position ?? items[index]?.position ?? { line: 1, column: 1 };
        report(`Unexpected \`${id}\` for \`${framework}\`${problem}`, position);
      }
    }
  },
};
