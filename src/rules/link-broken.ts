/**
 * link-broken: relative Markdown links and `evidence` paths point at files that
 * exist inside the repository. Links that leave the repository (`../../etc`) or
 * go through a symbolic link out of it are reported and never followed.
 */
import path from 'node:path';
import type { Config } from '../config/load.js';
import { isInside, resolveInside } from '../fs/inside.js';
import { show } from './fields.js';
import type { FileRule } from './types.js';

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i;

type Verdict = 'ok' | 'missing' | 'outside';

/**
 * What one run has learned about the disk: verdicts by absolute target. Thousands of
 * policies link the same few files; keyed by the run's config object, so nothing outlives
 * the run.
 */
type DiskCache = Map<string, Verdict>;
const caches = new WeakMap<Config, DiskCache>();

function cacheFor(config: Config): DiskCache {
  let cache = caches.get(config);
  if (!cache) {
    cache = new Map();
    caches.set(config, cache);
  }
  return cache;
}

/** Where a repo-relative or file-relative target lands. */
export function resolveTarget(root: string, fromDir: string, target: string, cache: DiskCache = new Map()): Verdict {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    /* keep the raw text: a literal % in a file name */
  }
  const absolute = decoded.startsWith('/') ? path.join(root, decoded) : path.resolve(fromDir, decoded);
  if (!isInside(root, absolute)) return 'outside';
  let verdict = cache.get(absolute);
  if (verdict === undefined) {
    verdict = judge(root, absolute);
    cache.set(absolute, verdict);
  }
  return verdict;
}

/**
 * Whether `absolute` (inside `root` by its name) exists, and really is inside once links are
 * followed. Resolved by the repository guard: a link out of the repository is `outside`
 * without anything behind it being looked at (not even whether it exists).
 */
function judge(root: string, absolute: string): Verdict {
  const where = resolveInside(root, absolute);
  switch (where.kind) {
    case 'found':
      return 'ok';
    case 'outside':
      return 'outside';
    default:
      return 'missing';
  }
}

export const linkBroken: FileRule = {
  id: 'link-broken',
  scope: 'file',
  defaultSeverity: 'error',
  summary: 'A relative Markdown link or `evidence` path that does not exist, or leaves the repository.',
  docs: 'Links are resolved from the document\'s folder (`/path` from the repository root); `evidence` paths from the repository root. Fix the path, add the file, or link with `https://`.',
  examples: {
    ok: [
      {
        name: 'an existing sibling and evidence',
        files: { 'policies/backup.md': '# Backup\n', 'records/restore-test.md': '# Test\n' },
        text: '---\nevidence: [records/restore-test.md]\n---\nSee [backup](backup.md#scope) and [ISO](https://www.iso.org/).\n',
      },
    ],
    notOk: [
      { name: 'a missing file', text: '---\nid: POL-AC-001\n---\nSee [backup](backup.md).\n', expected: ['4:5 `backup.md` does not exist'] },
      { name: 'a link out of the repository', text: '---\nid: POL-AC-001\n---\n[passwd](../../../etc/passwd)\n', expected: ['4:1 leaves the repository'] },
      { name: 'missing evidence', text: '---\nevidence:\n  - records/missing.csv\n---\n', expected: ['3:5 Evidence `records/missing.csv` does not exist'] },
    ],
  },
  check({ root, file, frontMatter, body, config, report }) {
    const cache = cacheFor(config);
    const fromDir = path.dirname(path.join(root, file));
    for (const link of body.links) {
      const url = link.url.trim();
      if (url === '' || EXTERNAL.test(url)) continue;
      const target = url.replace(/[?#].*$/, '');
      if (target === '') continue;
      const verdict = resolveTarget(root, fromDir, target, cache);
      if (verdict === 'missing') report(`Broken link: ${show(target)} does not exist; fix the path or add the file`, link);
      if (verdict === 'outside') report(`Broken link: ${show(target)} leaves the repository and is not followed; link inside the repository or use https://`, link);
    }
    for (const item of frontMatter.items(['evidence'])) {
      if (typeof item.value !== 'string') continue;
      const target = item.value.trim();
      if (target === '' || EXTERNAL.test(target)) continue;
      const verdict = resolveTarget(root, root, target.replace(/^\.\//, ''), cache);
      if (verdict === 'missing') report(`Evidence ${show(target)} does not exist: paths are relative to the repository root`, item.position);
      if (verdict === 'outside') report(`Evidence ${show(target)} leaves the repository and is not followed: keep evidence inside the repository or use https://`, item.position);
    }
  },
};
