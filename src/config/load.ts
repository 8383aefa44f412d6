/**
 * `.isms.yml` (SPEC section 4). Every key is optional; an unknown key or a bad
 * value is a usage error that names the key, so a typo never silently changes a check.
 */
import path from 'node:path';
import { parseDocument } from 'yaml';
import { readRegularFile } from '../fs/read-bounded.js';
import { escapeControls, shown } from '../fs/shown.js';
import { outputBoundary } from '../fs/boundary.js';
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
  const name = toPosix(path.relative(config.root, file));
  const text = readConfigText(root, file, configPath);
  if (text === null) return config;
  config.file = name;
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

/**
 * The config's size limit. A config holds a few settings (a few hundred bytes); 1 MiB is
 * thousands of globs and required sections, and is refused before a byte is parsed.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * The config's text, read through the repository guard, or null when there is no config.
 * The file must be a regular file inside the repository: a config the working directory
 * (or workspace) holds, as typed, must really be there (a committed link to a file outside
 * is refused, never read, so none of its content reaches a message); a `--config` typed
 * outside the working directory is the user's choice, and its folder is the repository
 * (the rule of outputBoundary).
 */
function readConfigText(base: string, file: string, configPath: string | undefined): string | null {
  const typed = configPath ?? '.isms.yml';
  const boundary = outputBoundary(base, file).boundary;
  const read = readRegularFile(boundary, file, MAX_CONFIG_BYTES);
  if (read.ok) return read.bytes.toString('utf8');
  const shownName = shown(typed);
  const bare = escapeControls(typed);
  switch (read.reason) {
    case 'missing':
      if (read.throughLink) throw new UsageError(`${shownName} is a symbolic link to a missing file: point it at a file in the repository or remove it`);
      if (configPath !== undefined) throw new UsageError(`Config file ${escapeControls(typed)} not found; pass an existing file to --config`);
      return null;
    case 'outside':
      throw new UsageError(
        read.throughLink
          ? `${shownName} is a symbolic link that leads outside the repository and is not read: replace it with the file itself`
          : `${shownName} is outside the repository and is not read: keep the config inside it`,
      );
    case 'loop':
      throw new UsageError(`${shownName} is a loop of symbolic links: replace it with the file itself`);
    case 'folder':
      throw new UsageError(`Cannot read ${bare}: it is a folder (EISDIR); the config is one YAML file`);
    case 'special':
      throw new UsageError(`Cannot read ${bare}: it is not a regular file (a FIFO, socket or device); the config is one YAML file`);
    case 'too-large':
      throw new UsageError(
        `${shownName} is ${read.size === null ? 'over' : `${(read.size / 1024 / 1024).toFixed(1)} MiB, over`} the 1 MiB limit for the config, and was not read: it holds a few settings (policies, rules ...); remove the rest`,
      );
    case 'error':
      throw new UsageError(`Cannot read ${bare}: ${read.code}; check that it is readable`);
  }
}

function toPosix(value: string): string {
  return value.split(path.sep).join('/');
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
