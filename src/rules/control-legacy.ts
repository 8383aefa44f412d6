/**
 * control-legacy: an id written in ISO/IEC 27001:2013 terms. Certification
 * against the 2013 edition ended in October 2025, so each is an error that
 * names its 2022 successor(s) (ISO/IEC 27002:2022 Table B.2, and the clause
 * correspondence), and `isms migrate` rewrites them all:
 * - a 2013 control (`A.9.2.3`, or `9.2.2` without `A.`);
 * - a 2013 control objective (`A.9.1`, `A.16.1`), standing for its controls;
 * - under edition 2013, a clause whose 2022 number differs (`10.1` -> `10.2`);
 * - a document read as 2013 whose ids are all unchanged in 2022: one finding,
 *   so every 2013 document says it is not on 2022.
 * None of these count for coverage until migrated.
 */
import { getClause } from '../catalog/index.js';
import { editionBecause, renumbered } from '../model/mapping.js';
import { formatIds } from './suggest.js';
import type { FileRule } from './types.js';

const FIX = 'replace it or run `isms migrate`';

function range(ids: readonly string[]): string {
  return ids.length > 2 ? `\`${ids[0]}\`–\`${ids[ids.length - 1]}\`` : formatIds(ids);
}

export const controlLegacy: FileRule = {
  id: 'control-legacy',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'An ISO/IEC 27001:2013 control, objective or renumbered clause, or a document still on the 2013 edition; the message names the 2022 successor(s).',
  docs: [
    'Certification against ISO/IEC 27001:2013 ended in October 2025. Replace the id with the 2022 id(s) named in the message, or run `isms migrate` to rewrite every file at once (comments and formatting are kept).',
    '',
    '- 2013 controls, with or without `A.` (`A.9.2.2`, `9.2.2`): successors from ISO/IEC 27002:2022 Table B.2 (`9.2.2` is user access provisioning, `A.5.18`).',
    '- 2013 objectives (`A.9.1`, `A.16.1`) stand for their controls: the successors of those controls.',
    '- `A.5.1`, `A.6.1`, `A.6.2`, `A.7.1`-`A.7.3`, `A.8.1`-`A.8.3` mean different things in the two editions: they are read as 2013 under `edition: 2013` (`.isms.yml`), `iso27001.edition: 2013` (the document), or when the document\'s other control ids are all 2013; the message says which.',
    '- Under edition 2013, clauses are read through the 2013 → 2022 correspondence: 2013 10.1 (nonconformity) is 2022 10.2, 2013 10.2 (continual improvement) is 2022 10.1, items of 9.2 and 9.3 moved to their new sub-clauses.',
    '- A document read as 2013 whose ids are all the same in 2022 gets one finding: run `isms migrate` (or set `iso27001.edition: 2022`).',
  ].join('\n'),
  examples: {
    ok: [
      { name: 'a 2022 id', text: '---\niso27001:\n  controls: [A.8.2]\n---\n' },
      { name: 'an ambiguous id in a 2022 document', text: '---\niso27001:\n  controls: [A.6.1, A.8.2]\n---\n' },
    ],
    notOk: [
      { name: 'a 2013 id', text: '---\niso27001:\n  controls:\n    - A.9.2.3\n---\n', expected: ['4:7 Unexpected `A.9.2.3` (ISO 27001:2013), expected `A.8.2`'] },
      { name: 'a 2013 id with two successors', text: '---\niso27001:\n  controls: [A.18.2.3]\n---\n', expected: ['3:14 expected `A.5.36`, `A.8.8`'] },
      {
        name: 'a 2013 id without A.',
        text: '---\niso27001:\n  controls: ["11.1.1"]\n---\n',
        expected: ['3:14 Unexpected `11.1.1` (ISO 27001:2013 `A.11.1.1` Physical security perimeter), expected `A.7.1`'],
      },
      {
        name: 'a 2013 objective',
        text: '---\niso27001:\n  controls: [A.16.1]\n---\n',
        expected: ['3:14 Unexpected `A.16.1` (ISO 27001:2013 objective of `A.16.1.1`–`A.16.1.7`), expected `A.5.24`, `A.6.8`, `A.5.25`, `A.5.26`, `A.5.27`, `A.5.28`'],
      },
      {
        name: 'an ambiguous id beside 2013 ids',
        text: '---\niso27001:\n  controls: [A.9.1.1, A.6.1]\n---\n',
        expected: ['3:14 `A.9.1.1`', "3:23 Unexpected `A.6.1` (ISO 27001:2013 objective of `A.6.1.1`–`A.6.1.5`, read as ISO 27001:2013 because this document's other ids are 2013)"],
      },
      {
        name: 'a 2013 clause number under edition 2013',
        text: '---\niso27001:\n  clauses: ["10.1"]\n---\n',
        files: { '.isms.yml': 'edition: 2013\n' },
        expected: ['3:13 Clause `10.1` is ISO 27001:2013 numbering (read as ISO 27001:2013 because `.isms.yml` sets `edition: 2013`): in 2022 it is `10.2` (Nonconformity and corrective action)'],
      },
      {
        name: 'a 2013 document whose ids are the same in 2022',
        text: '---\niso27001:\n  edition: 2013\n  clauses: ["4.3"]\n---\n',
        expected: ['3:12 This document is on ISO/IEC 27001:2013 (read as ISO 27001:2013 because this document sets `iso27001.edition: 2013`); certification to 2013 ended in October 2025: run `isms migrate`'],
      },
    ],
  },
  check({ frontMatter, policy, report }) {
    const mapping = policy.mapping;
    let reported = 0;
    for (const { id, position, reading } of mapping.controls) {
      const clauseToo = 'alsoClause' in reading && reading.alsoClause ? `; if you meant clause ${reading.alsoClause}, move it to \`iso27001.clauses\`` : '';
      if (reading.kind === 'legacy') {
        const what = id === reading.id2013 ? 'ISO 27001:2013' : `ISO 27001:2013 \`${reading.id2013}\` ${reading.title}`;
        report(`Unexpected \`${id}\` (${what}), expected ${formatIds(reading.successors)}: ${FIX}${clauseToo}`, position);
        reported++;
      } else if (reading.kind === 'legacy-objective') {
        const because = reading.ambiguous ? `, ${editionBecause(mapping)}` : '';
        report(
          `Unexpected \`${id}\` (ISO 27001:2013 objective of ${range(reading.controls2013)}${because}), expected ${formatIds(reading.successors)} (the successors of its controls; keep those the document implements): ${FIX}${clauseToo}`,
          position,
        );
        reported++;
      }
    }
    for (const { id, position, reading } of mapping.clauses) {
      const moved = renumbered(reading);
      if (!moved) continue;
      report(
        `Clause \`${id}\` is ISO 27001:2013 numbering (${editionBecause({ reason: mapping.reason === 'plainly-2013' ? 'config' : mapping.reason })}): in 2022 it is \`${moved.to}\` (${getClause(moved.to)?.title ?? ''}); ${FIX}`,
        position,
      );
      reported++;
    }
    if (reported > 0 || mapping.edition !== 2013 || mapping.reason === 'plainly-2013') return;
    const first = mapping.clauses[0] ?? mapping.controls[0];
    const declared = frontMatter.node(['iso27001', 'edition']) !== undefined ? frontMatter.valuePosition(['iso27001', 'edition']) : first?.position;
    if (!declared) return;
    report(
      `This document is on ISO/IEC 27001:2013 (${editionBecause(mapping)}); certification to 2013 ended in October 2025: run \`isms migrate\` (its ids are the same in 2022, so it only changes the edition)`,
      declared,
    );
  },
};
