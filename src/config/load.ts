/**
 * `.isms.yml` (documented in the README under "Configure"). Every key is optional; an unknown key or a bad
 * value is a usage error that names the key, so a typo never silently changes a check.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { readRegularFile } from '../fs/read-bounded.js';
import { escapeControls, shown } from '../fs/shown.js';
import { outputBoundary } from '../fs/boundary.js';
import { resolveInside } from '../fs/inside.js';
import { defaultEdition, editionOf, type Edition } from '../catalog/edition.js';
import { parseDuration, type Duration } from '../model/dates.js';
import { ownerKind } from '../model/owner-ref.js';
import { POLICY_TYPES, SECTIONED_TYPES, type PolicyType } from '../model/policy.js';
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
  /**
   * Document type -> the headings its body must have. `required_sections: [Purpose, Scope]`
   * (a list) means policies, procedures and standards; a mapping names the types.
   */
  requiredSections: Partial<Record<PolicyType, string[]>>;
  soa: string;
  organization: string | null;
  rules: Record<string, SeveritySetting>;
  /** Role name (`CISO`, `ISMS Owner`) -> the people or teams who hold it. */
  roles: Record<string, string[]>;
  /** The ISO/IEC 27001 edition ids are written in, unless a document says otherwise. */
  edition: Edition;
  /** Other `maps_to` framework keys the ISMS uses (`soc-2`, `nis2`): accepted, ids not checked. */
  frameworks: string[];
  /** Placeholder names a build step fills in (`placeholders: { allow: [companyShortName] }`): never reported. */
  placeholderAllow: string[];
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
  'roles',
  'edition',
  'frameworks',
  'placeholders',
] as const;

export function defaultConfig(root: string): Config {
  return {
    root,
    file: null,
    policies: ['policies/**/*.md'],
    reviewEvery: parseDuration('12 months')!,
    remindWithinDays: 30,
    requiredSections: {},
    soa: 'soa.yml',
    organization: null,
    rules: {},
    roles: {},
    edition: defaultEdition,
    frameworks: [],
    placeholderAllow: [],
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

/**
 * A `soa:` the config names must be there: without it every control-coverage rule would go
 * quiet. (No `soa:` key and no soa.yml is fine: an ISMS without an SoA.) A path that leaves
 * the repository or a broken link is the checker's `soa-invalid` finding.
 */
function requireConfiguredSoa(config: Config, name: string, value: string): void {
  const absolute = path.resolve(config.root, value);
  const where = resolveInside(config.root, absolute);
  if (where.kind !== 'missing' || where.throughLink) return;
  const folder = path.dirname(absolute);
  let siblings: string[] = [];
  try {
    siblings = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name) && path.join(folder, entry.name) !== path.resolve(config.root, name))
      .map((entry) => toPosix(path.relative(config.root, path.join(folder, entry.name))));
  } catch {
    // The folder is not there either: nothing to suggest.
  }
  const guess = nearest(toPosix(path.relative(config.root, absolute)), siblings);
  throw new UsageError(
    `${name}: \`soa: ${escapeControls(value)}\` does not exist in ${escapeControls(config.root)}${guess ? ` (did you mean ${shown(guess)}?)` : ''}: create the Statement of Applicability there, or set \`soa:\` to where it is`,
  );
}

function toPosix(value: string): string {
  return value.split(path.sep).join('/');
}

function applyKey(config: Config, name: string, key: string, value: unknown, knownRules: readonly string[]): void {
  const bad = (expected: string) =>
    new UsageError(`${name}: \`${escapeControls(key)}\` ${describe(value)} is invalid, expected ${expected}`);
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
      const expected = 'a list of heading texts such as [Purpose, Scope], or a mapping of document type to such a list ({ policy: [Purpose, Scope] })';
      if (Array.isArray(value)) {
        if (!isTextList(value)) throw bad(expected);
        config.requiredSections = Object.fromEntries(SECTIONED_TYPES.map((type) => [type, value]));
        return;
      }
      if (!isMapping(value)) throw bad(expected);
      const byType: Partial<Record<PolicyType, string[]>> = {};
      for (const [type, headings] of Object.entries(value)) {
        if (!(POLICY_TYPES as readonly string[]).includes(type)) {
          const suggestion = nearest(type, POLICY_TYPES);
          throw new UsageError(
            `${name}: unknown document type \`${escapeControls(type)}\` in \`required_sections\`, expected one of ${POLICY_TYPES.join(', ')}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
          );
        }
        if (!Array.isArray(headings) || !isTextList(headings)) {
          throw new UsageError(`${name}: \`required_sections.${type}\` ${describe(headings)} is invalid, expected a list of heading texts such as [Purpose, Scope]`);
        }
        byType[type as PolicyType] = headings;
      }
      config.requiredSections = byType;
      return;
    }
    case 'roles': {
      if (value === null) return;
      if (!isMapping(value)) throw bad('a mapping of role name to its holders, such as { CISO: ["@maria", "ciso@example.org"] }');
      for (const [role, holders] of Object.entries(value)) {
        const roleName = role.trim();
        if (roleName === '' || ownerKind(roleName) || roleName.startsWith('@')) {
          throw new UsageError(
            `${name}: \`roles\` key ${describe(role)} is not a role name: name the role as people say it (\`CISO\`, \`ISMS Owner\`) and list its holders under it`,
          );
        }
        const list = typeof holders === 'string' ? [holders] : holders;
        if (!Array.isArray(list) || list.length === 0 || !isTextList(list)) {
          throw new UsageError(`${name}: \`roles.${escapeControls(roleName)}\` ${describe(holders)} is invalid, expected a list of its holders such as ["@maria", "@org/security", "ciso@example.org"]`);
        }
        for (const holder of list) {
          if (!ownerKind(holder.trim())) {
            throw new UsageError(
              `${name}: \`roles.${escapeControls(roleName)}\` holder ${describe(holder)} is not a GitHub \`@login\`, an \`@org/team\` or an e-mail address (quote it: "@login")`,
            );
          }
        }
        config.roles[roleName] = list.map((holder) => holder.trim());
      }
      return;
    }
    case 'edition': {
      const edition = editionOf(value);
      if (!edition) throw bad('2013 or 2022 (the ISO/IEC 27001 edition the ids are written in)');
      config.edition = edition;
      return;
    }
    case 'frameworks': {
      const list = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(list) || !isTextList(list) || !list.every((item) => /^[a-z0-9][a-z0-9._-]*$/i.test(item))) {
        throw bad('a list of framework keys used under maps_to, such as [soc-2, nis2]');
      }
      config.frameworks = list;
      return;
    }
    case 'placeholders': {
      if (value === null) return;
      if (!isMapping(value)) throw bad('a mapping such as { allow: [companyShortName] }');
      for (const [option, setting] of Object.entries(value)) {
        if (option !== 'allow') {
          throw new UsageError(`${name}: unknown key \`placeholders.${escapeControls(option)}\`, expected \`allow\``);
        }
        if (!Array.isArray(setting) || !isTextList(setting)) {
          throw new UsageError(`${name}: \`placeholders.allow\` ${describe(setting)} is invalid, expected a list of placeholder names such as [companyShortName]`);
        }
        config.placeholderAllow = setting.map((item) => item.trim());
      }
      return;
    }
    case 'soa': {
      if (typeof value !== 'string' || value === '') throw bad('a repo-relative path such as soa.yml');
      config.soa = value;
      requireConfiguredSoa(config, name, value);
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
      throw new UsageError(`${name}: unknown key \`${escapeControls(key)}\`${suggestion ? `, did you mean \`${suggestion}\`?` : ''}`);
    }
  }
}

function isTextList(value: unknown[]): value is string[] {
  return value.every((item) => typeof item === 'string' && item.trim() !== '');
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
