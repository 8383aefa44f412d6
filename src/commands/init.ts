/**
 * `isms init [dir]`: scaffolds a new ISMS repository (config, undecided SoA,
 * workflow, the mandatory documents as drafts). Never overwrites a file.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { resolveToday } from '../check.js';
import { UsageError } from '../config/load.js';
import { formatDate } from '../model/dates.js';
import { ownerKind } from '../rules/fields.js';
import { planInit } from '../scaffold/init.js';
import { loadTemplates, readTemplate, templatesDir } from '../scaffold/templates.js';
import { createFiles } from '../scaffold/write.js';
import { stringOption } from './output.js';
import type { Command } from './types.js';

export const initCommand: Command = {
  name: 'init',
  summary: 'Scaffold a new ISMS repository',
  usage: 'isms init [dir] --owner @login [--org "Company Ltd"] [--today YYYY-MM-DD]',
  allowPositionals: true,
  options: {
    owner: { type: 'string' },
    org: { type: 'string' },
    today: { type: 'string' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 1) throw new UsageError(`Expected one folder, got ${positionals.length}: ${positionals.join(' ')}`);
    const owner = requireOwner(stringOption(values.owner));
    const organization = optionalText(stringOption(values.org), '--org');
    const today = formatDate(resolveToday(stringOption(values.today) ?? io.env.ISMS_TODAY));
    const root = path.resolve(io.cwd, positionals[0] ?? '.');
    assertFolder(root);

    const dir = templatesDir();
    const templates = loadTemplates(dir);
    const files = planInit({ owner, organization, today }, templates, (entry) => readTemplate(entry, dir));
    const { created, skipped } = createFiles(root, files);

    const relative = path.relative(io.cwd, root);
    const where = relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? root : relative;
    const lines: string[] = [];
    if (created.length > 0) lines.push(`Created ${count(created.length, 'file')} in ${where}:`, ...created.map((file) => `  ${file}`));
    if (skipped.length > 0) lines.push(`Skipped ${count(skipped.length, 'file')} that already exist (nothing was overwritten):`, ...skipped.map((file) => `  ${file}`));
    lines.push(
      '',
      'Next:',
      `  1. Run \`isms check\`${where === '.' ? '' : ` in ${where}`}: it lists the \`{{ ... }}\` placeholders left in the drafts (warnings until a document is approved).`,
      '  2. Write each document, set `approver`, `status: approved` and `last_reviewed` when it is approved.',
      '  3. Decide every control in soa.yml, and add topic policies with `isms new` (run it alone to list the templates).',
      '  4. Commit and push: the workflow checks every pull request and opens review reminders every Monday.',
    );
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
};

export function requireOwner(owner: string | undefined): string {
  if (owner === undefined || owner.trim() === '') {
    throw new UsageError('Missing --owner: every document needs an owner, e.g. --owner @your-login or --owner @org/security-team');
  }
  const trimmed = owner.trim();
  if (!ownerKind(trimmed)) {
    const hint = /^[A-Za-z0-9-]+(\/[A-Za-z0-9_.-]+)?$/.test(trimmed) ? `@${trimmed}` : '@login, @org/team or an e-mail address';
    throw new UsageError(`Unexpected owner \`${trimmed}\` for --owner, expected ${hint}`);
  }
  return trimmed;
}

export function optionalText(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '') throw new UsageError(`${flag} needs a value`);
  return text;
}

function assertFolder(root: string): void {
  try {
    if (!statSync(root).isDirectory()) throw new UsageError(`${root} is a file: pass a folder to create the ISMS in`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // Missing: createFiles makes it.
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
