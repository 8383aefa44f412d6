/**
 * The checker: config + files -> findings and policy records. Pure of GitHub and
 * the terminal; the CLI and the action are thin edges around `check()`.
 *
 * Files are read, parsed, checked and dropped one at a time: only the small
 * PolicyRecord of each file is kept for the repo-wide rules.
 */
import { readdir, realpathSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { loadConfig, UsageError, type Config } from './config/load.js';
import { formatDate, parseDate, todayUtc, type CalendarDate } from './model/dates.js';
import { compareFindings, countBySeverity, type Finding, type Severity } from './model/finding.js';
import { buildPolicyRecord, type PolicyRecord } from './model/policy.js';
import type { Soa } from './model/soa.js';
import { parseBody } from './parse/body.js';
import { parseFrontMatter, splitFrontMatter, type ParseProblem } from './parse/front-matter.js';
import { checkGlob, isGlob } from './fs/glob-inside.js';
import { isInside, resolveInside } from './fs/inside.js';
import { escapeControls, shown } from './fs/shown.js';
import { readPolicyFile } from './parse/read-file.js';
import { loadSoa } from './parse/soa.js';
import { ruleIds, rules } from './rules/index.js';
import type { FileRule, Report, RepoRule } from './rules/types.js';

export interface CheckOptions {
  /** Repository root (where `.isms.yml` is looked for). Default: the working directory. */
  root?: string;
  /** Explicit config file (`--config`). */
  configPath?: string;
  /** Files, folders or globs to check; default: the config's `policies`. */
  paths?: string[];
  /** `YYYY-MM-DD`; default ISMS_TODAY, else the UTC date. */
  today?: string;
  /** Overrides the config's `remind_within_days`. */
  remindWithinDays?: number;
}

export interface CheckResult {
  root: string;
  config: Config;
  today: string;
  findings: Finding[];
  policies: PolicyRecord[];
  soa: Soa | null;
  summary: { policies: number; errors: number; warnings: number };
}

const fileRules = rules.filter((rule): rule is FileRule => rule.scope === 'file');
const repoRules = rules.filter((rule): rule is RepoRule => rule.scope === 'repo');

export function resolveToday(value: string | undefined): CalendarDate {
  const text = value ?? process.env.ISMS_TODAY ?? todayUtc();
  const date = parseDate(text);
  if (!date) throw new UsageError(`Invalid date \`${text}\` for today: write it as YYYY-MM-DD, e.g. 2026-11-24`);
  return date;
}

export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  const root = path.resolve(options.root ?? process.cwd());
  const config = loadConfig(root, options.configPath, ruleIds);
  if (options.remindWithinDays !== undefined) config.remindWithinDays = options.remindWithinDays;
  const today = resolveToday(options.today);
  const files = await findPolicyFiles(config, options.paths);
  return checkFiles(config, files, today);
}

/**
 * Repo-relative paths of the policy files to check, sorted. Nothing outside the repository:
 * a glob or path that leaves it (as written, or through a symbolic link) is a usage error that
 * names it, before anything is walked or read.
 */
export async function findPolicyFiles(config: Config, paths: string[] | undefined): Promise<string[]> {
  const root = config.root;
  const patterns: string[] = [];
  const direct: string[] = [];
  const explicit = paths !== undefined && paths.length > 0;
  for (const entry of explicit ? paths : config.policies) {
    if (isGlob(entry)) {
      const glob = checkGlob(root, entry);
      if (!glob.ok) throw new UsageError(glob.message);
      patterns.push(glob.pattern);
      continue;
    }
    const absolute = path.resolve(root, entry);
    const where = resolveInside(root, absolute);
    const relative = toPosix(path.relative(root, absolute));
    switch (where.kind) {
      case 'outside':
        throw new UsageError(
          where.throughLink
            ? `${shown(entry)} leads outside the repository through a symbolic link${where.link ? ` (${shown(where.link)})` : ''} and is not read: pass a path inside the repository`
            : `${escapeControls(entry)} is outside the repository ${root}: pass policy files, folders or globs inside it`,
        );
      case 'loop':
        throw new UsageError(`${shown(entry)} is a loop of symbolic links: pass a path inside the repository`);
      case 'missing':
      case 'error':
        if (explicit) throw new UsageError(`${escapeControls(entry)} does not exist: pass policy files, folders or globs`);
        continue;
      case 'found':
        if (where.stats.isDirectory()) patterns.push(relative === '' ? '**/*.md' : `${relative}/**/*.md`);
        else direct.push(relative);
    }
  }
  const matched =
    patterns.length === 0
      ? []
      : await glob(patterns, {
          cwd: root,
          onlyFiles: true,
          followSymbolicLinks: false,
          fs: { readdir: readdirSymlinksAsFiles },
          ignore: ['**/node_modules/**', '**/.git/**'],
          expandDirectories: false,
        });
  const files = matched.map(toPosix);
  // checkGlob keeps every glob inside; should the walker still report a file outside, nothing is read.
  const stray = files.find((file) => !isInside(root, path.resolve(root, file)));
  if (stray !== undefined) throw new UsageError(`The policy globs ${patterns.map(shown).join(', ')} match files outside the repository: point them at folders inside it`);
  return [...new Set([...direct, ...files])].sort();
}

/**
 * `readdir` for the glob that presents every symbolic link and every special file (FIFO,
 * socket, device) as a plain file: it is listed, so that readPolicyFile can refuse it with a
 * finding (the glob would otherwise drop it without a word), and a link is never descended
 * into, so a link to `/` cannot make the glob walk the disk. Neither is ever opened here.
 */
const readdirSymlinksAsFiles = ((dir: string, options: object, callback: (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void) => {
  readdir(dir, { ...options, withFileTypes: true }, (error, entries) => {
    for (const entry of entries ?? []) {
      if (entry.isSymbolicLink() || entry.isFIFO() || entry.isSocket() || entry.isCharacterDevice() || entry.isBlockDevice()) {
        entry.isFile = () => true;
        entry.isDirectory = () => false;
        entry.isSymbolicLink = () => false;
      }
    }
    callback(error, entries ?? []);
  });
}) as unknown as typeof readdir; // fdir calls only this (path, { withFileTypes: true }, callback) form.

function toPosix(value: string): string {
  return value.split(path.sep).join('/');
}

export function severityOf(config: Config, rule: string, requested: Severity): Severity | 'off' {
  return config.rules[rule] ?? requested;
}

/** Checks the given repo-relative files. */
export function checkFiles(config: Config, files: readonly string[], todayDate: CalendarDate): CheckResult {
  const root = config.root;
  const realRoot = realpathSync(root);
  const findings: Finding[] = [];
  const policies: PolicyRecord[] = [];
  const ruleById = new Map(rules.map((rule) => [rule.id, rule]));

  const makeReport =
    (ruleId: string, defaultFile: string | null, defaultPolicy: string | null): Report =>
    (message, position, options = {}) => {
      const rule = ruleById.get(ruleId);
      const severity = severityOf(config, ruleId, options.severity ?? rule?.defaultSeverity ?? 'error');
      if (severity === 'off') return;
      const policy = options.policy === undefined ? defaultPolicy : options.policy;
      findings.push({
        rule: ruleId,
        severity,
        file: options.file === undefined ? defaultFile : options.file,
        line: position.line,
        column: position.column,
        message,
        ...(policy ? { policy } : {}),
      });
    };

  const reportProblem = (file: string, problem: ParseProblem) =>
    makeReport(problem.rule, file, null)(problem.message, problem);

  for (const file of files) {
    const read = readPolicyFile(root, path.join(root, file));
    if (!read.ok) {
      reportProblem(file, read.problem);
      continue;
    }
    const split = splitFrontMatter(read.text);
    if (!split.ok) {
      reportProblem(file, split.problem);
      continue;
    }
    const parsed = parseFrontMatter(split.split.yaml ?? '', split.split.yamlStartLine);
    if (!parsed.ok) {
      for (const problem of parsed.problems) reportProblem(file, problem);
      continue;
    }
    const frontMatter = parsed.frontMatter;
    const policy = buildPolicyRecord(file, frontMatter, config, todayDate);
    const body = parseBody(split.split.body, split.split.bodyStartLine);
    for (const rule of fileRules) {
      if (config.rules[rule.id] === 'off') continue;
      rule.check({
        file,
        root: realRoot,
        frontMatter,
        body,
        policy,
        config,
        today: todayDate,
        report: makeReport(rule.id, file, policy.id),
      });
    }
    policies.push(policy);
  }

  const soa = loadSoa(config, realRoot, (ruleId, file, problem) => makeReport(ruleId, file, null)(problem.message, problem));
  for (const rule of repoRules) {
    if (config.rules[rule.id] === 'off') continue;
    rule.check({ root: realRoot, policies, config, today: todayDate, soa, report: makeReport(rule.id, wholeIsmsFile(config, soa), null) });
  }

  findings.sort(compareFindings);
  const counts = countBySeverity(findings);
  return {
    root,
    config,
    today: formatDate(todayDate),
    findings,
    policies,
    soa,
    summary: { policies: policies.length, ...counts },
  };
}

/** Findings about the ISMS as a whole name the SoA file, else the config, else no file. */
export function wholeIsmsFile(config: Config, soa: Soa | null): string | null {
  return soa?.file ?? config.file ?? null;
}
