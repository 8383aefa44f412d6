/**
 * Turns a template into a document: fills the placeholders the tool knows.
 * Front matter values sit inside double quotes (`title: "{{ title }}"`), so they
 * are escaped for YAML there; the body gets the text as typed.
 */
import { fillPlaceholders } from '../parse/placeholders.js';

/** The placeholders `isms new` and `isms init` fill. */
export interface KnownValues {
  id: string;
  title: string;
  owner: string;
  today: string;
  /** Left as a placeholder when unknown (no `--org`, no `organization` in the config). */
  organization?: string | undefined;
}

export function fillTemplate(template: string, values: KnownValues): string {
  const record: Record<string, string | undefined> = { ...values };
  const fence = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.exec(template);
  if (!fence) return fillPlaceholders(template, record);
  const yamlValues = Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value === undefined ? undefined : yamlQuoted(value)]));
  return fillPlaceholders(fence[0], yamlValues) + fillPlaceholders(template.slice(fence[0].length), record);
}

/** The inside of a YAML double-quoted string: JSON's escapes are YAML's too. */
function yamlQuoted(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** A file name from a title: `Access Control Policy` -> `access-control-policy`. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}
