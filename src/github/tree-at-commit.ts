/**
 * The ISMS as it is at one commit, checked without touching the work tree: the base of a pull
 * request (for the coverage delta) and its head (when the checkout is the merge commit, or the
 * base branch as `pull_request_target` checks out).
 *
 * A `CommitTree` lists the commit's files and reads blobs, from git objects in the checkout or
 * from the GitHub API (./api-tree.ts). The config, the SoA and the files under the policy globs
 * are written into a temporary folder and checked there with the very same `check()` a checkout
 * goes through, so every way of reading a commit agrees on how a policy is read. Nothing from
 * the commit is executed. Limits, applied before a byte is fetched:
 *
 * - a symbolic link (mode 120000) is refused, never followed: its target is not even read, and
 *   a policy or SoA that is a link is reported as one;
 * - a blob over the 1 MiB file limit is not read: it becomes a sparse file of its size, so the
 *   checker reports it as too large, exactly as it would in a checkout;
 * - every other file of the tree becomes an empty file, so links and `evidence` paths that
 *   point at it still resolve (link-broken checks existence, never contents).
 */
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check, type CheckResult } from '../check.js';
import { loadConfig, UsageError } from '../config/load.js';
import { isGlob, isGlobSegment } from '../fs/glob-inside.js';
import { isInside } from '../fs/inside.js';
import { git } from '../git/run.js';
import { MAX_FILE_BYTES } from '../parse/read-file.js';
import { ruleIds } from '../rules/index.js';
import { toRepoPaths } from './repo-paths.js';

export interface TreeEntry {
  /** Repository-relative, `/`-separated, as git stores it (never `..`, but still treated as data). */
  path: string;
  kind: 'file' | 'link';
  /** The git blob id. */
  object: string;
  /** Bytes; null when the source does not say. */
  size: number | null;
}

export interface CommitTree {
  /** Full sha of the commit. */
  sha: string;
  /** Where the files come from, for messages: `git objects`, `the GitHub API`. */
  origin: string;
  /** Every regular file and symbolic link of the commit (submodules are left out). */
  entries(): Promise<TreeEntry[]>;
  /** The contents of these blobs by object id. Throws when one cannot be read. */
  read(entries: readonly TreeEntry[]): Promise<Map<string, Buffer>>;
}

export interface TreeCheckOptions {
  /** The `config` input, relative to the repository root, or undefined for `.isms.yml` when present. */
  configPath?: string;
  paths?: string[];
  /** `YYYY-MM-DD`; undefined: as check() decides (ISMS_TODAY, else the UTC date). */
  today?: string;
  remindWithinDays?: number;
  /** Where the temporary folder goes (RUNNER_TEMP). */
  tempRoot: string;
  /** The checkout: `result.root` points here, so renderers that write links resolve them from it. */
  repoRoot: string;
}

/** A commit that could not be read or checked, with the reason in one line. */
export class TreeError extends Error {
  override name = 'TreeError';
}

// ---------------------------------------------------------------------------------------------
// git objects

// git runs through the one helper (time limit, no system config, no hooks): src/git/run.ts.
export { git, type GitResult } from '../git/run.js';

const firstLine = (text: string) => text.split('\n')[0] ?? text;

/** The first candidate that names a commit present in the checkout, as a full sha. */
export function resolveCommit(repoRoot: string, candidates: readonly string[]): string | null {
  for (const candidate of candidates) {
    if (!/^[0-9A-Za-z^~._/-]+$/.test(candidate)) continue;
    const result = git(repoRoot, ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]);
    if (result.ok) return result.stdout.toString('utf8').trim();
  }
  return null;
}

/**
 * The parents recorded in a commit object, read from the object itself: a shallow checkout
 * (`fetch-depth: 1`) has the merge commit but not its parents, and still knows their ids.
 */
export function recordedParents(repoRoot: string, commit: string): string[] | null {
  const result = git(repoRoot, ['cat-file', 'commit', commit]);
  if (!result.ok) return null;
  const parents: string[] = [];
  for (const line of result.stdout.toString('utf8').split('\n')) {
    if (line === '') break; // the headers end at the first empty line
    const match = /^parent ([0-9a-f]{40,64})$/.exec(line);
    if (match?.[1]) parents.push(match[1]);
  }
  return parents;
}

/** Which of these blob ids are present in the repository's object store. */
export function presentObjects(repoRoot: string, objects: readonly string[]): Set<string> {
  const present = new Set<string>();
  if (objects.length === 0) return present;
  const result = git(repoRoot, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: `${objects.join('\n')}\n` });
  if (!result.ok) return present;
  for (const line of result.stdout.toString('utf8').split('\n')) {
    const [object, type] = line.split(' ');
    if (object && type === 'blob') present.add(object);
  }
  return present;
}

/** Reads many blobs in one `git cat-file --batch` process. */
export function readGitBlobs(repoRoot: string, objects: readonly string[]): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  if (objects.length === 0) return blobs;
  const result = git(repoRoot, ['cat-file', '--batch'], { input: `${objects.join('\n')}\n` });
  if (!result.ok) throw new TreeError(`git cat-file failed: ${firstLine(result.stderr)}`);
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

const ENTRY_KIND: Record<string, TreeEntry['kind']> = { '100644': 'file', '100755': 'file', '120000': 'link' };

/** The commit's tree from the checkout's git objects. */
export function gitCommitTree(repoRoot: string, sha: string): CommitTree {
  return {
    sha,
    origin: 'git objects',
    async entries() {
      // -l adds the size: `<mode> <type> <object> <size padded>\t<path>`.
      const result = git(repoRoot, ['ls-tree', '-r', '-l', '-z', '--full-tree', sha]);
      if (!result.ok) throw new TreeError(`git ls-tree ${sha.slice(0, 12)} failed: ${firstLine(result.stderr)}`);
      const entries: TreeEntry[] = [];
      for (const record of result.stdout.toString('utf8').split('\0')) {
        const tab = record.indexOf('\t');
        if (tab < 0) continue;
        const [mode = '', type = '', object = '', size = ''] = record.slice(0, tab).split(/ +/);
        const kind = ENTRY_KIND[mode];
        if (type !== 'blob' || !kind) continue;
        entries.push({ path: record.slice(tab + 1), kind, object, size: /^\d+$/.test(size) ? Number(size) : null });
      }
      return entries;
    },
    async read(entries) {
      const wanted = [...new Set(entries.map((entry) => entry.object))];
      const blobs = readGitBlobs(repoRoot, wanted);
      const missing = wanted.find((object) => !blobs.has(object));
      if (missing) throw new TreeError(`blob ${missing.slice(0, 12)} of ${sha.slice(0, 12)} is not in the checkout`);
      return blobs;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// materialise and check

/** The folder part of a glob before its first glob segment: `policies/**\/*.md` -> `policies/`, `policies/@(a|b)/*.md` -> `policies/`. */
export function staticPrefix(pattern: string): string {
  const segments = pattern.replace(/^\.\//, '').split('/');
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (isGlobSegment(segment)) break;
    fixed.push(segment);
  }
  return fixed.length === 0 ? '' : `${fixed.join('/')}/`;
}

/** A cheap superset of what a glob matches: its folder prefix and, when it names one, its extension. */
function candidateMatcher(pattern: string, inConfig: (relative: string) => string): (file: string) => boolean {
  const clean = pattern.replace(/^\.\//, '');
  if (!isGlob(clean)) {
    const exact = inConfig(clean.replace(/\/+$/, ''));
    return (file) => file === exact || file.startsWith(`${exact}/`);
  }
  const prefix = inConfig(staticPrefix(clean));
  const extension = /\.([A-Za-z0-9]+)$/.exec(clean.split('/').at(-1) ?? '')?.[1]?.toLowerCase();
  return (file) => file.startsWith(prefix) && (!extension || file.toLowerCase().endsWith(`.${extension}`));
}

interface Materialised {
  /** The config path to check with: undefined when the commit has no such config file. */
  configPath: string | undefined;
  /** Paths that are symbolic links in the commit and were refused. */
  links: Set<string>;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function materialise(tree: CommitTree, options: TreeCheckOptions, folder: string): Promise<Materialised> {
  const entries = await tree.entries();
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  const target = (relative: string): string | null => {
    const absolute = path.resolve(folder, relative);
    if (!isInside(folder, absolute) || absolute === folder) return null; // the path is data
    mkdirSync(path.dirname(absolute), { recursive: true });
    return absolute;
  };
  const at = `${tree.sha.slice(0, 12)} (read from ${tree.origin})`;

  const configRelative = path.posix.normalize((options.configPath ?? '.isms.yml').replace(/^\.\//, ''));
  const configEntry = byPath.get(configRelative);
  if (configEntry) {
    if (configEntry.kind === 'link') {
      throw new TreeError(`${configRelative} at ${at} is a symbolic link, which is not followed: commit the file itself`);
    }
    if (configEntry.size !== null && configEntry.size > MAX_FILE_BYTES) {
      throw new TreeError(`${configRelative} at ${at} is ${mib(configEntry.size)}, over the 1 MiB limit: keep the config small`);
    }
    const file = target(configRelative);
    if (file) writeFileSync(file, (await tree.read([configEntry])).get(configEntry.object) ?? Buffer.alloc(0));
  } else if (options.configPath !== undefined) {
    throw new UsageError(`Config file ${options.configPath} not found at ${at}; pass an existing file to the \`config\` input`);
  }

  // The commit's own config says where its policies and SoA are.
  const config = loadConfig(folder, configEntry ? configRelative : undefined, ruleIds);
  const configDir = path.relative(folder, config.root).split(path.sep).join('/');
  const inConfig = (relative: string) => path.posix.normalize(configDir === '' ? relative : `${configDir}/${relative}`);
  const patterns = options.paths && options.paths.length > 0 ? options.paths : config.policies;
  const matchers = [...patterns.map((pattern) => candidateMatcher(pattern, inConfig)), candidateMatcher(config.soa, inConfig)];

  const selected: TreeEntry[] = [];
  const links = new Set<string>();
  for (const entry of entries) {
    if (entry.path === configRelative) continue;
    const file = target(entry.path);
    if (!file) continue;
    if (!matchers.some((matches) => matches(entry.path))) {
      writeFileSync(file, ''); // exists, for links and evidence paths; never read
    } else if (entry.kind === 'link') {
      // Refused: a link to the null device reads as "leaves the repository" to the checker,
      // which then never opens it; the finding's message is reworded below.
      symlinkSync(os.devNull, file);
      links.add(entry.path);
    } else if (entry.size !== null && entry.size > MAX_FILE_BYTES) {
      const fd = openSync(file, 'w');
      try {
        ftruncateSync(fd, entry.size); // sparse: the size without the bytes
      } finally {
        closeSync(fd);
      }
    } else {
      selected.push(entry);
    }
  }
  const blobs = await tree.read(selected);
  for (const entry of selected) {
    const file = target(entry.path);
    if (file) writeFileSync(file, blobs.get(entry.object) ?? Buffer.alloc(0));
  }
  return { configPath: configEntry ? configRelative : undefined, links };
}

/** Findings on refused links say what happened, instead of the checker's "leaves the repository". */
function rewordLinkFindings(result: CheckResult, links: ReadonlySet<string>, tree: CommitTree): CheckResult {
  if (links.size === 0) return result;
  const message = `Symbolic link in commit ${tree.sha.slice(0, 12)}, which is read from ${tree.origin} and links are not followed: commit the file itself`;
  return {
    ...result,
    findings: result.findings.map((finding) =>
      finding.file !== null && links.has(finding.file) && finding.line === 1 && finding.column === 1 ? { ...finding, message } : finding,
    ),
  };
}

/** Checks the ISMS of the commit; throws TreeError or UsageError with a one-line reason. */
export async function checkCommitTree(tree: CommitTree, options: TreeCheckOptions): Promise<CheckResult> {
  const folder = mkdtempSync(path.join(options.tempRoot, 'isms-tree-'));
  try {
    const { configPath, links } = await materialise(tree, options, folder);
    const result = await check({ root: folder, configPath, paths: options.paths, today: options.today, remindWithinDays: options.remindWithinDays });
    const repoPaths = rewordLinkFindings(toRepoPaths(result, folder), links, tree);
    // The temporary folder is gone after this: point the result at the checkout.
    const configDir = path.relative(folder, result.config.root);
    return { ...repoPaths, root: options.repoRoot, config: { ...repoPaths.config, root: path.join(options.repoRoot, configDir) } };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
