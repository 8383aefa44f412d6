/**
 * The checker: config + files -> findings and policy records. Pure of GitHub and
 * the terminal; the CLI and the action are thin edges around `check()`.
 *
 * Files are read, parsed, checked and dropped one at a time: only the small
 * PolicyRecord of each file is kept for the repo-wide rules.
 */
import { readdir, realpathSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { escapePath, glob } from 'tinyglobby';
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
import { POLICY as POLICY_READ, readTextFile, type ReadResult } from './parse/read-file.js';
import { baselineOf, narrowToFocus, type CommittedReader } from './check-focus.js';
import { loadSoa } from './parse/soa.js';
import { ruleIds, rules } from './rules/index.js';
import type { FileRule, Report, RepoRule } from './rules/types.js';

export interface CheckOptions {
  /** Repository root (where `.isms.yml` is looked for). Default: the working directory. */
  root?: string;
  /** Explicit config file (`--config`). */
  configPath?: string;
  /**
   * Files, folders or globs that make up the ISMS, in place of the config's `policies` (the
   * action's `policies` input). Every finding of these files is shown.
   */
  paths?: string[];
  /**
   * Files, folders or globs to look at within the whole ISMS (`isms check <file>`): the rules
   * run over every policy, and the findings are narrowed to these files (see check-focus.ts).
   */
  focus?: string[];
  /**
   * With `focus`: a named file's text in the last commit (relative to `root`), or null when it
   * has none. The CLI reads it with git; without a reader the findings the named files cause
   * are those absent from the ISMS without them.
   */
  readCommitted?: CommittedReader;
  /** `YYYY-MM-DD`; default ISMS_TODAY, else the UTC date. */
  today?: string;
  /** Overrides the config's `remind_within_days`. */
  remindWithinDays?: number;
  /**
   * An ISMS of no files is a usage error (a glob that points nowhere); `isms new`, which may
   * write the first policy, reads the ids in use and is fine with none.
   */
  allowNoPolicies?: boolean;
}

export interface CheckResult {
  root: string;
  config: Config;
  today: string;
  findings: Finding[];
  policies: PolicyRecord[];
  soa: Soa | null;
  summary: { policies: number; errors: number; warnings: number };
  /**
   * Set when the findings are narrowed to named files (`isms check <file>`): those files.
   * `policies` still holds every policy of the ISMS (coverage is the whole ISMS's); `summary`
   * counts the named files and the findings shown.
   */
  focus?: string[];
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
  const isms = await findPolicyFiles(config, options.paths);
  const named = options.focus !== undefined && options.focus.length > 0 ? options.focus : undefined;
  const focus = named === undefined ? [] : await findPolicyFiles(config, named);
  if (named !== undefined && focus.length === 0) throw noPolicyFiles(config, named, true);
  const files = [...new Set([...isms, ...focus])].sort();
  if (files.length === 0 && !options.allowNoPolicies) throw noPolicyFiles(config, options.paths ?? [], options.paths !== undefined && options.paths.length > 0);
  const whole = checkFiles(config, files, today);
  if (named === undefined || focus.length === files.length) return whole;
  const baseline = baselineOf(files, focus, readPolicyOrThrow(root), options.readCommitted);
  return narrowToFocus(whole, checkFiles(config, baseline.files, today, baseline.read), focus);
}

/**
 * An ISMS of no files is a mistake (a `policies:` glob that points nowhere, a typo in a
 * folder), never a clean run: the usage error names the globs, the folder and the fix.
 */
function noPolicyFiles(config: Config, paths: readonly string[], explicit: boolean): UsageError {
  const globs = (explicit ? paths : config.policies).map(shown).join(', ');
  const fix = explicit
    ? 'pass the policy files, folders or globs that hold your documents'
    : `set \`policies:\` in ${config.file ?? '.isms.yml'} to where your documents are`;
  return new UsageError(`No policy files match ${globs} in ${escapeControls(config.root)}: ${fix}`);
}

/**
 * Repo-relative paths of the policy files to check, sorted. Nothing outside the repository:
 * a glob or path that leaves it (as written, or through a symbolic link) is a usage error that
 * names it, before anything is walked or read. An entry that starts with `!` leaves files
 * out, whether it is a glob (`!policies/drafts/**`), a file or a folder (`!retired/index.md`);
 * it applies to every other entry, whatever their order. A folder that cannot be read is a
 * usage error that names it, never a silent gap in the ISMS.
 */
export async function findPolicyFiles(config: Config, paths: string[] | undefined): Promise<string[]> {
  const root = config.root;
  const patterns: string[] = [];
  const direct: string[] = [];
  const excluded: string[] = [];
  const explicit = paths !== undefined && paths.length > 0;
  for (const written of explicit ? paths : config.policies) {
    const negated = isNegation(written);
    const entry = negated ? written.slice(1) : written;
    const into = negated ? excluded : patterns;
    if (isGlob(entry)) {
      const glob = checkGlob(root, entry);
      if (!glob.ok) throw new UsageError(glob.message);
      into.push(glob.pattern);
      continue;
    }
    const absolute = path.resolve(root, entry);
    const where = resolveInside(root, absolute);
    const relative = toPosix(path.relative(root, absolute));
    switch (where.kind) {
      case 'outside':
        throw new UsageError(
          where.throughLink
            ? `${shown(written)} leads outside the repository through a symbolic link${where.link ? ` (${shown(where.link)})` : ''} and is not read: pass a path inside the repository`
            : `${escapeControls(written)} is outside the repository ${root}: pass policy files, folders or globs inside it`,
        );
      case 'loop':
        throw new UsageError(`${shown(written)} is a loop of symbolic links: pass a path inside the repository`);
      case 'missing':
      case 'error':
        // Leaving out a file that is not there leaves the ISMS as it is.
        if (explicit && !negated) throw new UsageError(`${escapeControls(written)} does not exist: pass policy files, folders or globs`);
        continue;
      case 'found': {
        const folder = where.stats.isDirectory();
        if (negated) into.push(folder ? `${escapePath(relative)}/**` : escapePath(relative));
        else if (folder) patterns.push(relative === '' ? '**/*.md' : `${escapePath(relative)}/**/*.md`);
        else direct.push(relative);
      }
    }
  }
  const files = [...direct, ...(await walk(root, patterns, excluded))];
  const left = excluded.length === 0 || direct.length === 0 ? new Set<string>() : new Set(await walk(root, excluded, []));
  return [...new Set(files)].filter((file) => !left.has(file)).sort();
}

/** `!x` leaves `x` out; `!(a|b)` is an extglob, a pattern of its own. */
function isNegation(entry: string): boolean {
  return entry.startsWith('!') && !entry.startsWith('!(');
}

/** The files the patterns match, less the excluded ones; an unreadable folder is a usage error. */
async function walk(root: string, patterns: readonly string[], excluded: readonly string[]): Promise<string[]> {
  if (patterns.length === 0) return [];
  const unreadable: Array<{ dir: string; code: string }> = [];
  const matched = await glob([...patterns], {
    cwd: root,
    onlyFiles: true,
    followSymbolicLinks: false,
    fs: { readdir: listingReaddir(unreadable) },
    ignore: ['**/node_modules/**', '**/.git/**', ...excluded],
    expandDirectories: false,
  });
  const first = unreadable[0];
  if (first !== undefined) {
    const folder = toPosix(path.relative(root, path.resolve(root, first.dir))) || '.';
    throw new UsageError(
      `Cannot read the folder ${shown(folder)} (${first.code}), so its policies would be missed: make it readable, or leave it out with \`!${safeGlobText(folder)}/**\` in \`policies:\``,
    );
  }
  const files = matched.map(toPosix);
  // checkGlob keeps every glob inside; should the walker still report a file outside, nothing is read.
  const stray = files.find((file) => !isInside(root, path.resolve(root, file)));
  if (stray !== undefined) throw new UsageError(`The policy globs ${patterns.map(shown).join(', ')} match files outside the repository: point them at folders inside it`);
  return files;
}

function safeGlobText(folder: string): string {
  return escapeControls(folder).replaceAll('`', "'");
}

/**
 * Reading a folder fails for these without anything being missed: the folder is not there
 * (a glob's base that does not exist, or one removed during the walk) or is a file.
 */
const NOTHING_MISSED = new Set(['ENOENT', 'ENOTDIR']);

/**
 * `readdir` for the glob that presents every symbolic link and every special file (FIFO,
 * socket, device) as a plain file: it is listed, so that readPolicyFile can refuse it with a
 * finding (the glob would otherwise drop it without a word), and a link is never descended
 * into, so a link to `/` cannot make the glob walk the disk. Neither is ever opened here.
 * A folder it cannot read is recorded in `unreadable` (the walker would skip it silently).
 */
function listingReaddir(unreadable: Array<{ dir: string; code: string }>): typeof readdir {
  return ((dir: string, options: object, callback: (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void) => {
    readdir(dir, { ...options, withFileTypes: true }, (error, entries) => {
      if (error && !NOTHING_MISSED.has(error.code ?? '')) unreadable.push({ dir, code: error.code ?? 'error' });
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
}

function toPosix(value: string): string {
  return value.split(path.sep).join('/');
}

export function severityOf(config: Config, rule: string, requested: Severity): Severity | 'off' {
  return config.rules[rule] ?? requested;
}

/** A policy file's text, or the finding that says why it cannot be had. */
export type PolicyReader = (file: string) => ReadResult;

/**
 * Reads a policy through the repository guard. A file that is there but cannot be read
 * (EACCES, EIO ...) is an I/O error of the run (exit 2) that names it: a finding would
 * leave the ISMS checked without it.
 */
export function readPolicyOrThrow(root: string): PolicyReader {
  return (file) => {
    const read = readTextFile(root, path.join(root, file), POLICY_READ);
    if (read.ok) return { ok: true, text: read.text };
    if (read.refusal.reason === 'error') {
      throw new UsageError(`Cannot read the policy file ${shown(file)} (${read.refusal.code}): make it readable, or leave it out with \`!${safeGlobText(file)}\` in \`policies:\``);
    }
    return { ok: false, problem: read.problem };
  };
}

/** Checks the given repo-relative files; `readFile` gives their text (default: from disk). */
export function checkFiles(config: Config, files: readonly string[], todayDate: CalendarDate, readFile: PolicyReader = readPolicyOrThrow(config.root)): CheckResult {
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

  // Read before the files: a file rule (control-cited-not-mapped) needs the SoA's exclusions.
  const soa = loadSoa(config, realRoot, (ruleId, file, problem) => makeReport(ruleId, file, null)(problem.message, problem, problem.severity ? { severity: problem.severity } : {}));
  for (const file of files) {
    const read = readFile(file);
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
        soa,
        report: makeReport(rule.id, file, policy.id),
      });
    }
    policies.push(policy);
  }

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
