/**
 * The ISMS as it was at the pull request's base commit, for the coverage delta.
 *
 * The base tree is read from git in the checkout (`git ls-tree`, `git cat-file --batch`),
 * never from the network. The config, the SoA and the Markdown files under the policy globs
 * are written into a temporary folder and checked there with the very same `check()` the
 * head went through, so base and head cannot disagree on how a policy is read. Blobs are
 * plain files: symbolic links and submodules in the base tree are not materialised.
 *
 * When the base commit is not in the checkout (`actions/checkout` fetches one commit by
 * default) the caller says so and skips the delta.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { check, type CheckResult } from '../check.js';
import { loadConfig } from '../config/load.js';
import { isInside } from '../parse/read-file.js';
import { ruleIds } from '../rules/index.js';
import { toRepoPaths } from './repo-paths.js';

export type BaseCheck = { ok: true; sha: string; result: CheckResult } | { ok: false; reason: string };

export interface BaseCheckOptions {
  /** The checkout (the git work tree). */
  repoRoot: string;
  /** Commits to try, in order (e.g. the PR's base sha, then `HEAD^1` of a merge checkout). */
  candidates: readonly string[];
  /** The `config` input, relative to repoRoot, or undefined for `.isms.yml` when present. */
  configPath?: string;
  paths?: string[];
  today: string;
  remindWithinDays?: number;
  /** Where the temporary folder goes (RUNNER_TEMP). */
  tempRoot: string;
}

interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  path: string;
}

function git(repoRoot: string, args: readonly string[], input?: string): { ok: boolean; stdout: Buffer; stderr: string } {
  const result = spawnSync('git', ['-C', repoRoot, ...args], {
    input,
    maxBuffer: 1024 * 1024 * 1024,
    // No pager, no prompts, no system or global config that could change the output.
    env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1' },
  });
  return {
    ok: result.status === 0 && !result.error,
    stdout: result.stdout ?? Buffer.alloc(0),
    stderr: result.error ? result.error.message : (result.stderr?.toString('utf8') ?? ''),
  };
}

/** The first candidate that names a commit present in the checkout, as a full sha. */
export function resolveCommit(repoRoot: string, candidates: readonly string[]): string | null {
  for (const candidate of candidates) {
    if (!/^[0-9A-Za-z^~._/-]+$/.test(candidate)) continue;
    const result = git(repoRoot, ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]);
    if (result.ok) return result.stdout.toString('utf8').trim();
  }
  return null;
}

/** `HEAD^1` when HEAD is the merge commit GitHub makes for a PR (second parent = the PR head). */
export function mergeBaseCandidate(repoRoot: string, headSha: string | undefined): string | null {
  if (!headSha) return null;
  const second = git(repoRoot, ['rev-parse', '--verify', '--quiet', 'HEAD^2']);
  if (!second.ok || second.stdout.toString('utf8').trim() !== headSha) return null;
  return 'HEAD^1';
}

function listTree(repoRoot: string, sha: string): TreeEntry[] {
  const result = git(repoRoot, ['ls-tree', '-r', '-z', '--full-tree', sha]);
  if (!result.ok) throw new Error(`git ls-tree ${sha} failed: ${result.stderr.split('\n')[0]}`);
  const entries: TreeEntry[] = [];
  for (const record of result.stdout.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode = '', type = '', object = ''] = record.slice(0, tab).split(' ');
    entries.push({ mode, type, object, path: record.slice(tab + 1) });
  }
  return entries;
}

/** Reads many blobs in one `git cat-file --batch` process. */
function readBlobs(repoRoot: string, objects: readonly string[]): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  if (objects.length === 0) return blobs;
  const result = git(repoRoot, ['cat-file', '--batch'], `${objects.join('\n')}\n`);
  if (!result.ok) throw new Error(`git cat-file failed: ${result.stderr.split('\n')[0]}`);
  const out = result.stdout;
  let offset = 0;
  while (offset < out.length) {
    const newline = out.indexOf(10, offset);
    if (newline < 0) break;
    const header = out.subarray(offset, newline).toString('utf8').split(' ');
    offset = newline + 1;
    if (header[1] === 'missing' || header.length < 3) continue;
    const size = Number(header[2]);
    blobs.set(header[0] ?? '', out.subarray(offset, offset + size));
    offset += size + 1; // content, then a newline
  }
  return blobs;
}

/** The folder part of a glob before its first wildcard: `policies/**\/*.md` -> `policies/`. */
export function staticPrefix(pattern: string): string {
  const segments = pattern.replace(/^\.\//, '').split('/');
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (/[*?[{]/.test(segment)) break;
    fixed.push(segment);
  }
  return fixed.length === 0 ? '' : `${fixed.join('/')}/`;
}

const isBlob = (entry: TreeEntry) => entry.type === 'blob' && (entry.mode === '100644' || entry.mode === '100755');

/**
 * Writes the base commit's ISMS files into `folder`; throws on git failure. Returns the
 * config path to check with: undefined when the base has no such config file.
 */
function materialise(options: BaseCheckOptions, sha: string, folder: string): string | undefined {
  const entries = listTree(options.repoRoot, sha).filter(isBlob);
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  const write = (relative: string, content: Buffer) => {
    const target = path.resolve(folder, relative);
    if (!isInside(folder, target)) return; // git never stores `..`, but the path is data
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  };

  const configRelative = (options.configPath ?? '.isms.yml').replace(/^\.\//, '');
  const configEntry = byPath.get(configRelative);
  if (configEntry) write(configRelative, readBlobs(options.repoRoot, [configEntry.object]).get(configEntry.object) ?? Buffer.alloc(0));

  // The base's own config says where its policies and SoA are.
  const config = loadConfig(folder, configEntry ? configRelative : undefined, ruleIds);
  const configDir = path.relative(folder, config.root).split(path.sep).join('/');
  const inConfig = (relative: string) => (configDir === '' ? relative : `${configDir}/${relative}`);
  const patterns = options.paths && options.paths.length > 0 ? options.paths : config.policies;
  const prefixes = patterns.map((pattern) => inConfig(staticPrefix(pattern)));
  const wanted = new Set<string>([inConfig(config.soa.replace(/^\.\//, ''))]);
  for (const pattern of patterns) if (!/[*?[{]/.test(pattern)) wanted.add(inConfig(pattern.replace(/^\.\//, '')));

  const selected = entries.filter(
    (entry) =>
      wanted.has(entry.path) ||
      (entry.path.toLowerCase().endsWith('.md') && prefixes.some((prefix) => entry.path.startsWith(prefix))),
  );
  const blobs = readBlobs(options.repoRoot, [...new Set(selected.map((entry) => entry.object))]);
  for (const entry of selected) write(entry.path, blobs.get(entry.object) ?? Buffer.alloc(0));
  return configEntry ? configRelative : undefined;
}

export async function checkBaseCommit(options: BaseCheckOptions): Promise<BaseCheck> {
  const sha = resolveCommit(options.repoRoot, options.candidates);
  if (!sha) {
    const named = options.candidates[0] ? ` ${options.candidates[0].slice(0, 12)}` : '';
    return {
      ok: false,
      reason: `the base commit${named} is not in the checkout (actions/checkout fetches one commit unless \`fetch-depth\` says otherwise; \`fetch-depth: 2\` is enough for pull_request)`,
    };
  }
  const folder = mkdtempSync(path.join(options.tempRoot, 'isms-base-'));
  try {
    const configPath = materialise(options, sha, folder);
    const result = await check({
      root: folder,
      configPath,
      paths: options.paths,
      today: options.today,
      remindWithinDays: options.remindWithinDays,
    });
    return { ok: true, sha, result: toRepoPaths(result, folder) };
  } catch (error) {
    return { ok: false, reason: `the base commit ${sha.slice(0, 12)} could not be checked: ${(error as Error).message.split('\n')[0]}` };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
