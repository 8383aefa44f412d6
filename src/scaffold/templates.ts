/**
 * The document templates shipped in `templates/` and their index
 * (`templates/index.yml`): name, file, default title, type, folder and id prefix.
 * The folder is found next to the code (src/ in development, dist/ when bundled,
 * node_modules/isms-as-code/ when installed), by walking up from this module.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { UsageError } from '../config/load.js';
import { POLICY_TYPES } from '../model/policy.js';
import { ID_PATTERN } from '../rules/fields.js';

export interface TemplateEntry {
  name: string;
  file: string;
  title: string;
  type: string;
  folder: string;
  idPrefix: string;
  /** `isms init` creates it (the documents clauses 4 to 10 require). */
  init: boolean;
  description: string;
}

export function templatesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth++) {
    const candidate = path.join(dir, 'templates');
    if (existsSync(path.join(candidate, 'index.yml'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new UsageError('Cannot find the templates folder (templates/index.yml) next to isms: reinstall isms-as-code');
}

export function loadTemplates(dir: string = templatesDir()): TemplateEntry[] {
  const file = path.join(dir, 'index.yml');
  const data = parse(readFileSync(file, 'utf8')) as { templates?: unknown };
  if (!Array.isArray(data?.templates)) throw new UsageError(`${file}: expected a \`templates:\` list`);
  return data.templates.map((raw: unknown, index: number) => {
    const entry = (raw ?? {}) as Record<string, unknown>;
    const text = (key: string): string => {
      const value = entry[key];
      if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${file}: template ${index + 1} needs a \`${key}\``);
      return value;
    };
    const template: TemplateEntry = {
      name: text('name'),
      file: text('file'),
      title: text('title'),
      type: text('type'),
      folder: text('folder'),
      idPrefix: text('id_prefix'),
      init: entry.init === true,
      description: text('description'),
    };
    if (!(POLICY_TYPES as readonly string[]).includes(template.type)) throw new UsageError(`${file}: template ${template.name} has an unknown type ${template.type}`);
    if (!ID_PATTERN.test(`${template.idPrefix}-001`)) throw new UsageError(`${file}: template ${template.name} has a bad id_prefix ${template.idPrefix}`);
    return template;
  });
}

export function readTemplate(entry: TemplateEntry, dir: string = templatesDir()): string {
  return readFileSync(path.join(dir, entry.file), 'utf8');
}
