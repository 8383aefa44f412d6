/**
 * `isms soa`: the Statement of Applicability joined with the policies, as
 * Markdown (default), CSV or JSON.
 *
 * Problems in the SoA file itself are printed on stderr. An SoA that cannot be
 * read at all writes nothing (a document claiming "no SoA" would mislead an
 * auditor) and exits 1; one with bad entries is rendered without them and exits 1
 * too, so a pipeline notices. Policy findings are `isms check`'s business.
 */
import path from 'node:path';
import type { CheckResult } from '../check.js';
import type { Finding } from '../model/finding.js';
import { safeText } from '../format/terminal.js';
import { renderSoa, type SoaFormat } from '../report/index.js';
import { checkWithOptions, emit, formatOption, REPORT_OPTIONS, stringOption } from './output.js';
import type { Command } from './types.js';

export const SOA_FORMATS = ['markdown', 'csv', 'json'] as const;

/** Findings about the SoA file itself (not about policies or coverage). */
export function soaFileFindings(result: CheckResult): Finding[] {
  const soaFile = result.soa?.file ?? path.posix.normalize(result.config.soa.split(path.sep).join('/'));
  return result.findings.filter(
    (finding) =>
      finding.rule === 'soa-invalid' ||
      finding.rule === 'soa-justification-missing' ||
      (finding.rule === 'control-legacy' && finding.file === soaFile),
  );
}

export const soaCommand: Command = {
  name: 'soa',
  summary: 'Render the Statement of Applicability joined with the policies',
  usage: 'isms soa [--format markdown|csv|json] [--output FILE] [--today YYYY-MM-DD] [--config FILE]',
  options: REPORT_OPTIONS,
  async run({ values }, io) {
    const format = formatOption(values.format, SOA_FORMATS, 'markdown') as SoaFormat;
    const output = stringOption(values.output);
    const result = await checkWithOptions(values, io);
    const problems = soaFileFindings(result);
    for (const finding of problems) {
      io.stderr(`${safeText(finding.file ?? 'ISMS')}:${finding.line}:${finding.column}  ${finding.severity}  ${safeText(finding.message)}  ${finding.rule}\n`);
    }
    const unreadable = result.soa === null && problems.some((finding) => finding.rule === 'soa-invalid');
    if (unreadable) {
      io.stderr('isms soa: the SoA file cannot be read; fix the problems above. Nothing was written.\n');
      return 1;
    }
    const toFile = output !== undefined && output !== '-';
    emit(io, output, renderSoa(result, format, toFile ? { outputDir: path.dirname(path.resolve(io.cwd, output)) } : {}));
    const errors = problems.filter((finding) => finding.severity === 'error').length;
    if (errors > 0) {
      io.stderr(`isms soa: ${errors} error${errors === 1 ? '' : 's'} in the SoA; entries with errors are left out until fixed.\n`);
      return 1;
    }
    return 0;
  },
};
