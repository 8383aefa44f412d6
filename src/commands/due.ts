/** `isms due`: policies by review state, overdue first, with owners and due dates. */
import { policyJson } from '../format/json.js';
import type { PolicyRecord } from '../model/policy.js';
import { ownersText } from '../report/model.js';
import { colours, plain, safeText, wantsColour } from '../format/terminal.js';
import { checkWithOptions, emit, formatOption, stringOption } from './output.js';
import type { Command } from './types.js';

const ORDER: Record<string, number> = { overdue: 0, 'due-soon': 1, ok: 2, draft: 3, retired: 4 };

export function sortByReviewState(policies: readonly PolicyRecord[]): PolicyRecord[] {
  return [...policies].sort(
    (a, b) =>
      (ORDER[a.review_state] ?? 9) - (ORDER[b.review_state] ?? 9) ||
      (a.next_review ?? '').localeCompare(b.next_review ?? '') ||
      a.file.localeCompare(b.file),
  );
}

export const dueCommand: Command = {
  name: 'due',
  summary: 'List policies by review state (overdue first) with owners and due dates',
  usage: 'isms due [--all] [--format text|json] [--today YYYY-MM-DD] [--within DAYS] [--config FILE] [--output FILE]',
  options: {
    all: { type: 'boolean', short: 'a' },
    format: { type: 'string', short: 'f' },
    today: { type: 'string' },
    within: { type: 'string' },
    config: { type: 'string', short: 'c' },
    output: { type: 'string', short: 'o' },
  },
  async run({ values }, io) {
    const format = formatOption(values.format, ['text', 'json'], 'text');
    const withinText = stringOption(values.within);
    const within = withinText === undefined ? undefined : Number(withinText);
    if (within !== undefined && (!Number.isInteger(within) || within < 0)) {
      const { UsageError } = await import('../config/load.js');
      throw new UsageError(`--within takes a whole number of days, not \`${withinText}\``);
    }
    const result = await checkWithOptions(values, io, { remindWithinDays: within });
    const sorted = sortByReviewState(result.policies);
    const shown = values.all ? sorted : sorted.filter((policy) => policy.review_state === 'overdue' || policy.review_state === 'due-soon');
    if (format === 'json') {
      emit(
        io,
        stringOption(values.output),
        `${JSON.stringify(
          {
            today: result.today,
            policies: shown.map((policy) => ({ ...policyJson(policy), days_until_review: policy.days_until_review })),
          },
          null,
          2,
        )}\n`,
      );
      return 0;
    }
    const style = stringOption(values.output) === undefined && wantsColour(io.isTTY, io.env) ? colours : plain;
    const rows = shown.map((policy) => [
      policy.review_state,
      policy.next_review ?? 'never reviewed',
      dueText(policy),
      safeText(policy.id ?? '(no id)'),
      safeText(policy.title ?? ''),
      safeText(ownersText(policy) || '(no owner)'),
    ]);
    const header = ['STATE', 'DUE', 'WHEN', 'ID', 'TITLE', 'OWNERS'];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
    const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
    const paint = (state: string, text: string) =>
      state === 'overdue' ? style.red(text) : state === 'due-soon' ? style.yellow(text) : text;
    const lines = [style.bold(line(header)), ...rows.map((row) => paint(row[0]!, line(row)))];
    const overdue = result.policies.filter((policy) => policy.review_state === 'overdue').length;
    const dueSoon = result.policies.filter((policy) => policy.review_state === 'due-soon').length;
    const summary = `${overdue} overdue, ${dueSoon} due within ${result.config.remindWithinDays} days, of ${result.policies.length} policies (today ${result.today})`;
    emit(io, stringOption(values.output), `${rows.length > 0 ? `${lines.join('\n')}\n\n` : ''}${summary}\n`);
    return 0;
  },
};

function dueText(policy: PolicyRecord): string {
  const days = policy.days_until_review;
  if (days === null) return '';
  if (days < 0) return `${-days}d overdue`;
  if (days === 0) return 'today';
  return `in ${days}d`;
}
