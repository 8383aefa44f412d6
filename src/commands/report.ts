/**
 * `isms report --format html`: writes the self-contained HTML report (coverage
 * map, clauses, policy register, reviews, findings). To stdout without --output.
 */
import { renderHtmlReport } from '../report/index.js';
import { checkWithOptions, emit, formatOption, REPORT_OPTIONS, stringOption } from './output.js';
import type { Command } from './types.js';

export const reportCommand: Command = {
  name: 'report',
  summary: 'Write the self-contained HTML coverage and review report',
  usage: 'isms report [--format html] [--output FILE] [--today YYYY-MM-DD] [--config FILE]',
  options: REPORT_OPTIONS,
  async run({ values }, io) {
    formatOption(values.format, ['html'], 'html');
    const result = await checkWithOptions(values, io);
    emit(io, stringOption(values.output), renderHtmlReport(result));
    return 0;
  },
};
