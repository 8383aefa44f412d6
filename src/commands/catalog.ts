/** `isms catalog`: the frameworks and the 2013 -> 2022 correspondence (SPEC section 6). */
import { clauses, controls, csfSubcategories, legacyControls, legacyMapping, themes } from '../catalog/index.js';
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
      { id: 'iso27001-2013', controls: legacyControls.map(({ id, title, domain }) => ({ id, title, domain })) },
      { id: 'nist-csf-2.0', controls: csfSubcategories.map(({ id, title }) => ({ id, title })) },
    ],
    mappings: [
      {
        from: 'iso27001-2013',
        to: 'iso27001-2022',
        pairs: [...legacyMapping].map(([from, to]) => ({ from, to: [...to] })),
      },
    ],
  };
}

export const catalogCommand: Command = {
  name: 'catalog',
  summary: 'Print the ISO/IEC 27001:2022 clauses and controls, the 2013 ids and their 2022 successors, NIST CSF 2.0',
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
    lines.push('', `NIST CSF 2.0 subcategories (${csfSubcategories.length})`, '');
    for (const entry of csfSubcategories) lines.push(`  ${entry.id.padEnd(9)} ${entry.title}`);
    emit(io, stringOption(values.output), `${lines.join('\n')}\n`);
    return 0;
  },
};
