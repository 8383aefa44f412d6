/**
 * Keeps a policy glob inside the repository before it is walked. A glob comes from
 * `.isms.yml` (a pull request may change it) or the command line; `../x/*.md`, `/etc/*.conf`
 * and `../**` would have the walker read, and `migrate`/`review` rewrite, files outside.
 *
 * Checked by its text: a `..` may climb only within the repository and only before the first
 * wildcard (after one, where it lands depends on what the wildcard matched); an absolute glob
 * must name a folder inside the repository and is made relative. Then the glob's fixed folder
 * (`policies/linked` in `policies/linked/*.md`) is resolved inside the repository: the walker
 * starts there, so it must not be a link out. Below it the walker never enters a linked folder
 * (check.ts), and every file it lists is read through the guard.
 */
import path from 'node:path';
import { isInside, resolveInside } from './inside.js';
import { shown } from './shown.js';

export type GlobCheck = { ok: true; pattern: string } | { ok: false; message: string };

/**
 * Glob syntax in one path segment, as the walker (tinyglobby, picomatch) reads it: a wildcard
 * (`*`, `?`, `**`), a class (`[ab]`), braces (`{a,b}`) or an extglob (`@(a|b)`, `!(a)`,
 * `+(a)`, `*(a)`, `?(a)`). The one test of "is this a glob" in the toolkit: which entries are
 * globs, where a glob's fixed folder ends (here, and when a commit is materialised).
 */
export function isGlobSegment(segment: string): boolean {
  return /[*?[{]|[@!+]\(/.test(segment);
}

/** Whether a policy entry is a glob (else a file or folder path). */
export function isGlob(entry: string): boolean {
  return entry.split('/').some(isGlobSegment);
}

/** A `..` as one alternative of a brace or extglob group: `{..,x}`, `@(..|a)`. */
const DOTDOT_IN_GROUP = /(^|[{,(|])\.\.($|[},)|])/;

export function checkGlob(root: string, glob: string): GlobCheck {
  const leaves: GlobCheck = {
    ok: false,
    message: `The policy glob ${shown(glob)} leaves the repository: policy globs match files inside the repository, relative to its root, e.g. \`policies/**/*.md\``,
  };
  let pattern = glob.split(path.sep).join('/');
  if (path.posix.isAbsolute(pattern) || path.isAbsolute(pattern)) {
    const segments = pattern.split('/');
    const fixed = segments.findIndex(isGlobSegment);
    const prefix = (fixed === -1 ? segments : segments.slice(0, fixed)).join('/') || '/';
    const base = [root, path.resolve(root)].find((candidate) => isInside(candidate, path.resolve(prefix)));
    if (base === undefined) return leaves;
    const rest = fixed === -1 ? [] : segments.slice(fixed);
    pattern = [path.relative(base, path.resolve(prefix)).split(path.sep).join('/'), ...rest].filter((part) => part !== '').join('/');
  }
  const fixedParts: string[] = [];
  let depth = 0;
  let wild = false;
  for (const segment of pattern.split('/')) {
    if (segment === '' || segment === '.') continue;
    // A group with a `..` alternative is refused wherever it is, glob or not.
    if (segment !== '..' && DOTDOT_IN_GROUP.test(segment)) return leaves;
    if (isGlobSegment(segment)) {
      wild = true;
      continue;
    }
    if (segment === '..') {
      if (wild || --depth < 0) return leaves;
      fixedParts.pop();
      continue;
    }
    depth++;
    if (!wild) fixedParts.push(segment);
  }
  const base = fixedParts.join('/');
  const where = resolveInside(root, path.join(root, ...fixedParts));
  if (where.kind === 'outside' || where.kind === 'loop') {
    const link = where.kind === 'outside' && where.link ? where.link : base;
    return {
      ok: false,
      message: `The policy glob ${shown(glob)} leaves the repository through the symbolic link ${shown(link)}, and is not walked: replace the link with the folder itself, or point the glob at a folder inside the repository`,
    };
  }
  return { ok: true, pattern };
}
