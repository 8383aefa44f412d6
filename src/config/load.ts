/**
 * `.isms.yml` (SPEC section 4). Every key is optional; an unknown key or a bad
 * value is a usage error that names the key, so a typo never silently changes a check.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { parseDuration, type Duration } from '../model/dates.js';
import type { SeveritySetting } from '../model/finding.js';
import { nearest } from '../model/nearest.js';

export interface Config {
  /** Folder the config lives in; every path is relative to it. */
  root: string;
  /** Repo-relative path of the config file when one was read. */
  file: string | null;
  policies: string[];
  reviewEvery: Duration;
  remindWithinDays: number;
  requiredSections: string[];
  soa: string;
  organization: string | null;
  rules: Record<string, SeveritySetting>;
}

/** A problem the user must fix before anything can be checked: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const CONFIG_KEYS = [
  'policies',
  'review_every',
  'remind_within_days',
  'required_sections',
  'soa',
  'organization',
  'rules',
] as const;

export function defaultConfig(root: string): Config {
  return {
    root,
    file: null,
    policies: ['policies/**/*.md'],
    reviewEvery: parseDuration('12 months')!,
    remindWithinDays: 30,
    requiredSections: [],
    soa: 'soa.yml',
    organization: null,
    rules: {},
  };
}

/**
 * Loads the config. With an explicit `configPath` the file must exist; otherwise
 * `.isms.yml` in `root` is used when present. `knownRules` lets the loader reject
 * a misspelt rule id.
 */
export function loadConfig(root: string, configPath: string | undefined, knownRules: readonly string[]): Config {
  const explicit = configPath !== undefined;
  const file = path.resolve(root, configPath ?? '.isms.yml');
  const config = defaultConfig(explicit ? path.dirname(file) : root);
  if (!existsSync(file)) {
    if (explicit) throw new UsageError(`Config file ${configPath} not found; pass an existing file to --config`);
    return config;
  }
  config.file = path.relative(config.root, file).split(path.sep).join('/');
  const name = config.file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${name}: ${(error as Error).message}`);
  }
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    throw new UsageError(`${name}: invalid YAML: ${syntax.message.split('\n')[0]}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new UsageError(`${name}: ${(error as Error).message}`);
  }
  if (data === null || data === undefined) return config;
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new UsageError(`${name}: expected a mapping of settings (policies, review_every, rules ...)`);
  }
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    applyKey(config, name, key, value, knownRules);
  }
  return config;
}

function applyKey(config: Config, name: string, key: string, value: unknown, knownRules: readonly string[]): void {
  const bad = (expected: string) =>
    new UsageError(`${name}: \`${key}\` ${describe(value)} is invalid, expected ${expected}`);
  switch (key) {
    case 'policies': {
      const list = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'string' && item !== '')) {
        throw bad('a glob or a list of globs such as ["policies/**/*.md"]');
      }
      config.policies = list as string[];
      return;
    }
    case 'review_every': {
      const duration = typeof value === 'string' ? parseDuration(value) : undefined;
      if (!duration) throw bad('a cadence of at most 10 years such as `12 months`, `6 months` or `P1Y`');
      config.reviewEvery = duration;
      return;
    }
    case 'remind_within_days': {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 3660) {
        throw bad('a whole number of days from 0 to 3660');
      }
      config.remindWithinDays = value;
      return;
    }
    case 'required_sections': {
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.trim() !== '')) {
        throw bad('a list of heading texts such as [Purpose, Scope]');
      }
      config.requiredSections = value as string[];
      return;
    }
    case 'soa': {
      if (typeof value !== 'string' || value === '') throw bad('a repo-relative path such as soa.yml');
      config.soa = value;
      return;
    }
    case 'organization': {
      if (typeof value !== 'string' || value.trim() === '') throw bad('the organisation name as text');
      config.organization = value;
      return;
    }
    case 'rules': {
      if (value === null) return;
      if (typeof value !== 'object' || Array.isArray(value)) throw bad('a mapping of rule id to error, warning or off');
      for (const [rule, setting] of Object.entries(value as Record<string, unknown>)) {
        if (!knownRules.includes(rule)) {
          const suggestion = nearest(rule, knownRules);
          throw new UsageError(
            `${name}: unknown rule \`${rule}\` in \`rules\`${suggestion ? `, did you mean \`${suggestion}\`?` : ''}`,
          );
        }
        if (setting !== 'error' && setting !== 'warning' && setting !== 'off') {
          throw new UsageError(`${name}: \`rules.${rule}\` ${describe(setting)} is invalid, expected error, warning or off`);
        }
        config.rules[rule] = setting;
      }
      return;
    }
    default: {
      const suggestion = nearest(key, CONFIG_KEYS);
      throw new UsageError(`${name}: unknown key \`${key}\`${suggestion ? `, did you mean \`${suggestion}\`?` : ''}`);
    }
  }
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
