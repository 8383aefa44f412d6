/**
 * control-legacy: an ISO/IEC 27001:2013 Annex A id (`A.9.2.3`). Certification
 * against the 2013 edition ended in October 2025; the message names the 2022
 * replacement(s) from ISO/IEC 27002:2022 Table B.2 and `isms migrate` rewrites them.
 */
import { getLegacyControl, legacyReplacement } from '../catalog/index.js';
import { formatIds } from './suggest.js';
import type { FileRule } from './types.js';

export const controlLegacy: FileRule = {
  id: 'control-legacy',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'An ISO/IEC 27001:2013 control id; the message names its 2022 replacement(s).',
  docs: 'Replace the id with the 2022 control(s) named in the message, or run `isms migrate` to rewrite every file at once (comments and formatting are kept).',
  examples: {
    ok: [{ name: 'a 2022 id', text: '---\niso27001:\n  controls: [A.8.2]\n---\n' }],
    notOk: [
      { name: 'a 2013 id', text: '---\niso27001:\n  controls:\n    - A.9.2.3\n---\n', expected: ['4:7 Unexpected `A.9.2.3` (ISO 27001:2013), expected `A.8.2`'] },
      { name: 'a 2013 id with two successors', text: '---\niso27001:\n  controls: [A.18.2.3]\n---\n', expected: ['3:14 expected `A.5.36`, `A.8.8`'] },
    ],
  },
  check({ policy, report }) {
    for (const { id, position } of policy.positions.controls) {
      if (!getLegacyControl(id)) continue;
      const replacement = legacyReplacement(id) ?? [];
      report(
        `Unexpected \`${id}\` (ISO 27001:2013), expected ${formatIds(replacement)}: replace it or run \`isms migrate\``,
        position,
      );
    }
  },
};
