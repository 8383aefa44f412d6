/**
 * `isms review <id>`: records that a document was reviewed without changing its
 * content: `last_reviewed` (and `next_review`, when written) set in place, for a
 * one-line pull request that closes the reminder.
 */
import path from 'node:path';
import { check, resolveToday } from '../check.js';
import { UsageError } from '../config/load.js';
import { compareDates, formatDate, parseDate } from '../model/dates.js';
import { nearest } from '../model/nearest.js';
import { safeText } from '../format/terminal.js';
import { recordReview } from '../edit/review.js';
import { readEditable, withBom } from '../edit/source.js';
import { writeFileInside } from '../fs/write-inside.js';
import { stringOption } from './output.js';
import type { Command } from './types.js';

export const reviewCommand: Command = {
  name: 'review',
  summary: 'Record a review: set last_reviewed (and next_review) in place',
  usage: 'isms review <id> [--date YYYY-MM-DD] [--today YYYY-MM-DD] [--config FILE]',
  allowPositionals: true,
  options: {
    date: { type: 'string' },
    today: { type: 'string' },
    config: { type: 'string', short: 'c' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('Name one document id, e.g. `isms review POL-AC-001`');
    const id = positionals[0]!.trim();
    const todayText = stringOption(values.today) ?? io.env.ISMS_TODAY;
    const today = resolveToday(todayText);
    const dateText = stringOption(values.date);
    const date = dateText === undefined ? today : parseDate(dateText);
    if (!date) throw new UsageError(`Invalid --date \`${dateText}\`: write it as YYYY-MM-DD, e.g. ${formatDate(today)}`);
    if (compareDates(date, today) > 0) {
      throw new UsageError(`--date ${formatDate(date)} is after today (${formatDate(today)}): a review is recorded once it has happened`);
    }

    const result = await check({ root: io.cwd, configPath: stringOption(values.config), today: formatDate(today) });
    const matches = result.policies.filter((policy) => policy.id === id);
    if (matches.length === 0) {
      const suggestion = nearest(id, result.policies.flatMap((policy) => (policy.id ? [policy.id] : [])));
      throw new UsageError(`Unknown document id \`${id}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}: \`isms due\` lists the documents and their ids`);
    }
    if (matches.length > 1) {
      throw new UsageError(`The id ${id} is used by ${matches.map((policy) => policy.file).join(', ')}: give each document its own id first`);
    }
    const policy = matches[0]!;
    const absolute = path.join(result.root, policy.file);
    const read = readEditable(result.config.root, absolute);
    if (!read.ok) throw new UsageError(`Cannot read ${policy.file}: ${read.message}`);
    // review_every as written in the file wins; the config's default otherwise (as the checker computes it).
    const edited = recordReview(read.file.text, date, result.config.reviewEvery);
    if (!edited.ok) throw new UsageError(`Cannot record the review in ${policy.file}: ${edited.message}`);
    if (edited.previous && compareDates(date, edited.previous) < 0) {
      throw new UsageError(`--date ${formatDate(date)} is before the review already recorded (${formatDate(edited.previous)}) in ${policy.file}`);
    }
    if (edited.changes.length === 0) {
      io.stdout(`${safeText(policy.file)}: the review of ${safeText(id)} on ${formatDate(date)} is already recorded; nothing to change.\n`);
      return 0;
    }
    // To the file itself (a link inside the repository survives), never outside the repository.
    writeFileInside(result.config.root, read.file.real, withBom(read.file, edited.text), policy.file);
    const changes = edited.changes.map((change) => `${change.field} ${change.from ?? '(none)'} → ${change.to}`).join(', ');
    // The file name and the values come from the repository: one line each, whatever they hold.
    const lines = [safeText(`${policy.file}: recorded the review of ${id}: ${changes}.`)];
    if (policy.status === 'draft') lines.push('Note: the document is still a draft; set `status: approved` once it is approved.');
    lines.push(safeText(`Commit it, e.g.: git commit -am "Review ${id} (no changes)"`));
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
};
