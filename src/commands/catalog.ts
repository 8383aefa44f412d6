/**
 * `isms catalog`: the frameworks (ISO/IEC 27001:2022 and 2013, NIST CSF 2.0 and
 * 1.1) and the correspondences between their editions (2013 -> 2022 controls and
 * clauses, CSF 1.1 -> 2.0 subcategories).
 */
import {
  clauseCorrespondence,
  clauses,
  clauses2013,
  controls,
  controlsNewIn2022,
  csf11Subcategories,
  csfSubcategories,
  legacyControls,
  legacyMapping,
  themes,
} from '../catalog/index.js';
import { emit, formatOption, stringOption } from './output.js';
import type { Command } from './types.js';

export function catalogJson(): object {
  return {
    frameworks: [
      {
        id: 'iso27001-2022',
        clauses: clauses.map(({ id, title }) => ({ id, title })),
        controls: controls.map(({ id, title, theme }) => ({ id, title, theme })),
      },
      {
        id: 'iso27001-2013',
        clauses: clauses2013.map(({ id, title }) => ({ id, title })),
        controls: legacyControls.map(({ id, title, domain }) => ({ id, title, domain })),
      },
      { id: 'nist-csf-2.0', controls: csfSubcategories.map(({ id, title }) => ({ id, title })) },
      { id: 'nist-csf-1.1', controls: csf11Subcategories.map(({ id, title, status }) => ({ id, title, status })) },
    ],
    mappings: [
      {
        from: 'iso27001-2013',
        to: 'iso27001-2022',
        pairs: [...legacyMapping].map(([from, to]) => ({ from, to: [...to] })),
        clause_pairs: clauseCorrespondence.map(({ from, to }) => ({ from, to: [...to] })),
        new_controls: controlsNewIn2022.map(({ id }) => id),
      },
      {
        from: 'nist-csf-1.1',
        to: 'nist-csf-2.0',
        pairs: csf11Subcategories.map(({ id, successors, successorCategories }) => ({
          from: id,
          to: [...successors],
          // Only where NIST links a 2.0 category too (DE.DP-2 is linked to DE.AE alone).
          ...(successorCategories.length > 0 ? { categories: [...successorCategories] } : {}),
        })),
      },
    ],
  };
}

export const catalogCommand: Command = {
  name: 'catalog',
  summary: 'Print the ISO/IEC 27001:2022 clauses and controls, the 2013 ids and their 2022 successors, NIST CSF 2.0 and 1.1',
  usage: 'isms catalog [--format text|json] [--output FILE]',
  options: { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' } },
  async run({ values }, io) {
    const format = formatOption(values.format, ['text', 'json'], 'text');
    if (format === 'json') {
      emit(io, stringOption(values.output), `${JSON.stringify(catalogJson(), null, 2)}\n`);
      return 0;
    }
    const lines = ['ISO/IEC 27001:2022 clauses', ''];
    for (const clause of clauses) lines.push(`  ${clause.id.padEnd(7)} ${clause.title}`);
    for (const theme of themes) {
      const inTheme = controls.filter((control) => control.theme === theme);
      lines.push('', `Annex A: ${theme} controls (${inTheme.length})`, '');
      for (const control of inTheme) lines.push(`  ${control.id.padEnd(7)} ${control.title}`);
    }
    lines.push('', `ISO/IEC 27001:2013 Annex A (${legacyControls.length}) -> 2022`, '');
    for (const control of legacyControls) {
      lines.push(`  ${control.id.padEnd(9)} -> ${(legacyMapping.get(control.id) ?? []).join(', ').padEnd(14)} ${control.title}`);
    }
    lines.push('', `New in 2022, no 2013 predecessor (${controlsNewIn2022.length})`, '');
    for (const control of controlsNewIn2022) lines.push(`  ${control.id.padEnd(7)} ${control.title}`);
    lines.push('', `ISO/IEC 27001:2013 clauses (${clauses2013.length}) -> 2022`, '');
    for (const entry of clauseCorrespondence) {
      const title = clauses2013.find((clause) => clause.id === entry.from)?.title ?? '';
      lines.push(`  ${entry.from.padEnd(7)} -> ${entry.to.join(', ').padEnd(21)} ${title}`);
    }
    lines.push('', `NIST CSF 2.0 subcategories (${csfSubcategories.length})`, '');
    for (const entry of csfSubcategories) lines.push(`  ${entry.id.padEnd(9)} ${entry.title}`);
    lines.push('', `NIST CSF 1.1 subcategories (${csf11Subcategories.length}) -> 2.0`, '');
    for (const entry of csf11Subcategories) {
      const to = entry.successors.length > 0 ? entry.successors : entry.successorCategories.map((category) => `${category} (category)`);
      lines.push(`  ${entry.id.padEnd(8)} -> ${to.join(', ').padEnd(20)} ${entry.status === 'withdrawn' ? '' : '(retained) '}${entry.title}`);
    }
    emit(io, stringOption(values.output), `${lines.join('\n')}\n`);
    return 0;
  },
};
