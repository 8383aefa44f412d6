/**
 * What `isms new` creates, as data: one draft from a template, at
 * `<folder>/<slug of the title>.md`, with an id that no policy uses yet.
 */
import { fillTemplate, slugify } from './fill.js';
import type { TemplateEntry } from './templates.js';
import type { PlannedFile } from './write.js';

export interface NewOptions {
  id: string;
  title: string;
  owner: string;
  today: string;
  organization?: string | undefined;
  /** Repo-relative folder; default the template's. */
  folder?: string | undefined;
}

export function planNew(entry: TemplateEntry, template: string, options: NewOptions): PlannedFile {
  const folder = (options.folder ?? entry.folder).replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  const name = slugify(options.title) || options.id.toLowerCase();
  return {
    path: folder === '' || folder === '.' ? `${name}.md` : `${folder}/${name}.md`,
    content: fillTemplate(template, {
      id: options.id,
      title: options.title,
      owner: options.owner,
      today: options.today,
      organization: options.organization,
    }),
  };
}

/** The next free `PREFIX-NNN` given the ids in use: one more than the highest. */
export function nextId(prefix: string, used: Iterable<string>): string {
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`);
  let highest = 0;
  for (const id of used) {
    const match = pattern.exec(id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `${prefix}-${String(highest + 1).padStart(3, '0')}`;
}
