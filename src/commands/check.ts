/** `isms check`: the findings of every policy, as text, JSON, SARIF or Markdown. */
import { UsageError } from '../config/load.js';
import { formatJson } from '../format/json.js';
import { formatMarkdown } from '../format/markdown.js';
import { formatSarif } from '../format/sarif.js';
import { colours, plain, wantsColour } from '../format/terminal.js';
import { formatText } from '../format/text.js';
import { committedTextReader } from '../git/committed-text.js';
import { checkWithOptions, emit, formatOption, REPORT_OPTIONS, stringOption } from './output.js';
import type { Command } from './types.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;

export const checkCommand: Command = {
  name: 'check',
  summary: 'Check policies and report every problem with file, line and fix',
  usage: 'isms check [paths...] [--format text|json|sarif|markdown] [--output FILE] [--today YYYY-MM-DD] [--config FILE] [--max-warnings N]',
  help: [
    'Without paths: every policy that `policies:` in .isms.yml matches (an entry starting with `!` leaves files out).',
    'With paths (files, folders or globs): the rules still run over the whole ISMS, and you see',
    "  - every finding on the named files,",
    '  - findings elsewhere that name them (an id already used by a named file),',
    '  - coverage and other findings that the named files cause: absent when they are as in the',
    '    last commit (git HEAD), or absent without them when the last commit has none.',
    'So editing one file never shows gaps that other policies close. The summary counts what is shown.',
  ].join('\n'),
  allowPositionals: true,
  options: {
    ...REPORT_OPTIONS,
    'max-warnings': { type: 'string' },
  },
  async run({ values, positionals }, io) {
    const format = formatOption(values.format, FORMATS, 'text');
    const maxWarningsText = stringOption(values['max-warnings']);
    const maxWarnings = maxWarningsText === undefined ? undefined : Number(maxWarningsText);
    if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
      throw new UsageError(`--max-warnings takes a whole number, not \`${maxWarningsText}\``);
    }
    // Named files are looked at within the whole ISMS, never checked as if they were all of it.
    // The baseline for named files is their text in the last commit, read with git.
    const result = await checkWithOptions(values, io, { focus: positionals, readCommitted: committedTextReader(io.cwd) });
    const output = stringOption(values.output);
    const toTerminal = output === undefined || output === '-';
    let content: string;
    switch (format) {
      case 'json':
        content = formatJson(result);
        break;
      case 'sarif':
        content = formatSarif(result);
        break;
      case 'markdown':
        content = formatMarkdown(result);
        break;
      default:
        content = formatText(result, toTerminal && wantsColour(io.isTTY, io.env) ? colours : plain);
    }
    emit(io, output, content);
    if (result.summary.errors > 0) return 1;
    if (maxWarnings !== undefined && result.summary.warnings > maxWarnings) return 1;
    return 0;
  },
};
