/**
 * `isms new <template>`: creates a draft document from a template at a sensible
 * path; refuses an id that another document uses and a file that exists. Alone,
 * it lists the templates.
 */
import path from 'node:path';
import { check, findPolicyFiles, resolveToday } from '../check.js';
import { loadConfig, UsageError } from '../config/load.js';
import { formatDate } from '../model/dates.js';
import { nearest } from '../model/nearest.js';
import { isInside } from '../parse/read-file.js';
import { ruleIds } from '../rules/index.js';
import { ID_PATTERN } from '../rules/fields.js';
import { nextId, planNew } from '../scaffold/new.js';
import { loadTemplates, readTemplate, templatesDir, type TemplateEntry } from '../scaffold/templates.js';
import { createFiles } from '../scaffold/write.js';
import { optionalText, requireOwner } from './init.js';
import { stringOption } from './output.js';
import type { Command } from './types.js';

export const newCommand: Command = {
  name: 'new',
  summary: 'Create a draft policy from a template (alone: list the templates)',
  usage: 'isms new [template] --owner @login [--id ID] [--title TITLE] [--dir FOLDER] [--org NAME] [--today YYYY-MM-DD] [--config FILE]',
  allowPositionals: true,
  options: {
    id: { type: 'string' },
    title: { type: 'string' },
    owner: { type: 'string' },
    dir: { type: 'string' },
    org: { type: 'string' },
    today: { type: 'string' },
    config: { type: 'string', short: 'c' },
  },
  async run({ values, positionals }, io) {
    const dir = templatesDir();
    const templates = loadTemplates(dir);
    if (positionals.length === 0) {
      io.stdout(listTemplates(templates));
      return 0;
    }
    if (positionals.length > 1) throw new UsageError(`Expected one template, got ${positionals.length}: ${positionals.join(' ')}`);
    const name = positionals[0]!;
    const entry = templates.find((template) => template.name === name);
    if (!entry) {
      const suggestion = nearest(name, templates.map((template) => template.name));
      throw new UsageError(`Unknown template \`${name}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}: run \`isms new\` to list the templates`);
    }

    const owner = requireOwner(stringOption(values.owner));
    const title = optionalText(stringOption(values.title), '--title') ?? entry.title;
    const today = formatDate(resolveToday(stringOption(values.today) ?? io.env.ISMS_TODAY));
    const configPath = stringOption(values.config);
    const config = loadConfig(io.cwd, configPath, ruleIds);
    const organization = optionalText(stringOption(values.org), '--org') ?? config.organization ?? undefined;

    // The ids in use, read the way `isms check` reads them (the same files, the same parser).
    const result = await check({ root: io.cwd, configPath, today, allowNoPolicies: true }); // the first policy is fine
    const used = new Map<string, string>();
    for (const policy of result.policies) if (policy.id && !used.has(policy.id)) used.set(policy.id, policy.file);
    const requested = stringOption(values.id);
    const id = requested?.trim() ?? nextId(entry.idPrefix, used.keys());
    if (!ID_PATTERN.test(id)) {
      throw new UsageError(`Unexpected id \`${id}\`, expected capitals, digits and dashes such as \`${entry.idPrefix}-001\``);
    }
    const owning = used.get(id);
    if (owning) {
      throw new UsageError(`The id ${id} is already used by ${owning}: pick another --id (the next free one is ${nextId(entry.idPrefix, used.keys())})`);
    }

    const folder = stringOption(values.dir);
    if (folder !== undefined && !isInside(config.root, path.resolve(io.cwd, folder))) {
      throw new UsageError(`--dir ${folder} is outside the repository ${config.root}`);
    }
    const relativeFolder = folder === undefined ? undefined : path.relative(config.root, path.resolve(io.cwd, folder)).split(path.sep).join('/');
    const planned = planNew(entry, readTemplate(entry, dir), { id, title, owner, today, organization, folder: relativeFolder });
    const { created } = createFiles(config.root, [planned]);
    if (created.length === 0) {
      throw new UsageError(`${planned.path} already exists: choose another --title or --dir (nothing was written)`);
    }

    const lines = [`Created ${planned.path} (${id}, ${entry.type}, draft) from the ${entry.name} template.`];
    const checked = await findPolicyFiles(config, undefined);
    if (!checked.includes(planned.path)) {
      lines.push(`Note: ${planned.path} is not matched by \`policies\` in ${config.file ?? 'the default config'} (${config.policies.join(', ')}), so \`isms check\` will not see it.`);
    }
    lines.push(
      'Next: fill in the sections and the `{{ ... }}` placeholders (`isms check` lists them), adjust the mapped',
      'clauses and controls, then set `approver`, `status: approved` and `last_reviewed` when it is approved.',
    );
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
};

function listTemplates(templates: readonly TemplateEntry[]): string {
  const rows = templates.map((template) => [template.name, template.type, `${template.idPrefix}-NNN`, template.folder, template.description]);
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length), ['template', 'type', 'id', 'folder'][column]!.length));
  const format = (row: readonly string[]) => row.map((cell, index) => (index < 4 ? cell.padEnd(widths[index]!) : cell)).join('  ').trimEnd();
  return [
    'Templates (create one with `isms new <template> --owner @login [--id ID] [--title TITLE]`):',
    '',
    format(['template', 'type', 'id', 'folder', 'description']),
    ...rows.map(format),
    '',
    '`isms init` creates the ISMS documents (policies/isms) for you.',
    '',
  ].join('\n');
}
