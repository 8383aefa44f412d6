/**
 * What `isms init` creates, as data: the config, an undecided SoA, the workflow
 * and the documents clauses 4 to 10 require, as drafts from the templates.
 */
import { configText } from './config.js';
import { fillTemplate } from './fill.js';
import { soaText } from './soa.js';
import type { TemplateEntry } from './templates.js';
import { workflowText } from './workflow.js';
import type { PlannedFile } from './write.js';

export interface InitOptions {
  owner: string;
  organization?: string | undefined;
  today: string;
}

export function planInit(options: InitOptions, templates: readonly TemplateEntry[], read: (entry: TemplateEntry) => string): PlannedFile[] {
  const files: PlannedFile[] = [
    { path: '.isms.yml', content: configText(options.organization) },
    { path: 'soa.yml', content: soaText(options.organization, options.today) },
    { path: '.github/workflows/isms.yml', content: workflowText() },
  ];
  for (const entry of templates.filter((template) => template.init)) {
    files.push({
      path: `${entry.folder}/${entry.name}.md`,
      content: fillTemplate(read(entry), {
        id: `${entry.idPrefix}-001`,
        title: entry.title,
        owner: options.owner,
        today: options.today,
        organization: options.organization,
      }),
    });
  }
  return files;
}
