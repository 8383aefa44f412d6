/**
 * maps-to-unknown: ids under `maps_to` are checked for the frameworks isms-as-code
 * knows (`nist-csf-2.0`, `iso27001-2022`). An unknown framework key is a warning:
 * it may be a framework of your own, or a typo.
 */
import { builtInFrameworks, knownIdsOf } from '../catalog/index.js';
import { nearest } from '../model/nearest.js';
import type { FileRule } from './types.js';

export const mapsToUnknown: FileRule = {
  id: 'maps-to-unknown',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'An unknown id of a built-in framework (a warning for an unknown framework).',
  docs: 'Built-in frameworks: `nist-csf-2.0` (the 106 CSF 2.0 subcategories, e.g. `PR.AA-01`) and `iso27001-2022`. Run `isms catalog` for the ids.',
  examples: {
    ok: [{ name: 'CSF 2.0 subcategories', text: '---\nmaps_to:\n  nist-csf-2.0: [GV.PO-01, PR.AA-05]\n---\n' }],
    notOk: [
      { name: 'a CSF 1.1 id', text: '---\nmaps_to:\n  nist-csf-2.0: [PR.AC-1]\n---\n', expected: ['3:18 Unexpected `PR.AC-1` for `nist-csf-2.0`'] },
      { name: 'an unknown framework', text: '---\nmaps_to:\n  nist-csf-3: [PR.AA-01]\n---\n', expected: ['3:3 Unknown framework `nist-csf-3`'] },
    ],
  },
  check({ frontMatter, policy, report }) {
    const frameworks = [...builtInFrameworks.keys()];
    for (const [framework, ids] of Object.entries(policy.maps_to)) {
      const isKnown = builtInFrameworks.get(framework);
      if (!isKnown) {
        const suggestion = nearest(framework, frameworks);
        const pair = frontMatter.node(['maps_to']);
        const keyNode =
          pair && 'items' in pair
            ? (pair.items as Array<{ key: { value?: unknown; range?: [number, number, number] } }>).find((item) => String(item.key?.value) === framework)?.key
            : undefined;
        report(
          `Unknown framework \`${framework}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}: its ids are not checked; built-in: ${frameworks.join(', ')}`,
          keyNode?.range ? frontMatter.positionOf(keyNode.range[0]) : frontMatter.valuePosition(['maps_to']),
          { severity: 'warning' },
        );
        continue;
      }
      const items = frontMatter.items(['maps_to', framework]);
      for (const [index, id] of ids.entries()) {
        if (isKnown(id)) continue;
        const suggestion = nearest(id, knownIdsOf(framework));
        const position = items.find((item) => String(item.value).trim() === id)?.position ?? items[index]?.position ?? { line: 1, column: 1 };
        report(`Unexpected \`${id}\` for \`${framework}\`${suggestion ? `, expected \`${suggestion}\`` : ''}`, position);
      }
    }
  },
};
