/**
 * Where a path really lands, found without touching anything outside the repository.
 *
 * `realpath()` would follow a committed symbolic link out of the repository and stat (or
 * block on) whatever it finds there. This walks the path one component at a time from the
 * repository's real root, reads each link's text instead of following it, and stops as soon
 * as the path would leave: nothing outside the root is ever stat-ed, opened or listed.
 */
import { lstatSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';

/** Linux gives up after 40 links too (ELOOP). */
const MAX_LINKS = 40;

export type Resolution =
  /** The path exists inside; `real` has no symbolic link in it, `stats` are its own (lstat). */
  | { kind: 'found'; real: string; stats: Stats; throughLink: boolean }
  /** Nothing there yet; `real` is where it would be, inside the root. */
  | { kind: 'missing'; real: string; throughLink: boolean }
  /**
   * The path as written leaves the root (`throughLink: false`), or a symbolic link on the way
   * does; `link` is the first link on the way, relative to the root with `/` separators.
   */
  | { kind: 'outside'; throughLink: boolean; link?: string }
  | { kind: 'loop' }
  | { kind: 'error'; code: string };

/** True when `target` is `root` or inside it, by name. Both must be absolute. */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  // `..` or `../x` leaves; `..notes.md` is a file inside whose name starts with two dots.
  const leaves = relative === '..' || relative.startsWith(`..${path.sep}`);
  return relative === '' || (!leaves && !path.isAbsolute(relative));
}

function components(text: string): string[] {
  return text.split(path.sep === '\\' ? /[\\/]/ : '/').filter((part) => part !== '' && part !== '.');
}

/** The components of an absolute link text below one of the root's names, or null when it starts elsewhere. */
function below(linkText: string, roots: readonly string[]): string[] | null {
  const parts = components(linkText);
  for (const root of roots) {
    const prefix = components(root);
    if (prefix.length <= parts.length && prefix.every((part, index) => part === parts[index])) return parts.slice(prefix.length);
  }
  return null;
}

/**
 * Resolves `target` (absolute, or relative to `root`) inside `root`. `root` itself is trusted
 * (the working directory, the workspace): its own real path is taken as it is.
 */
export function resolveInside(root: string, target: string): Resolution {
  const absolute = path.resolve(root, target);
  let realRoot: string;
  try {
    realRoot = realpathSync.native(root);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    // No root yet (a folder `isms init` is about to create): nothing in it exists either.
    if ((code === 'ENOENT' || code === 'ENOTDIR') && isInside(root, absolute)) return { kind: 'missing', real: absolute, throughLink: false };
    return { kind: 'error', code };
  }
  // The target may be named through the root as given or through its real path (/tmp vs /private/tmp).
  const base = isInside(root, absolute) ? root : isInside(realRoot, absolute) ? realRoot : null;
  if (base === null) return { kind: 'outside', throughLink: false };
  const pending = components(path.relative(base, absolute));

  let current = realRoot;
  let stats: Stats;
  try {
    stats = lstatSync(realRoot);
  } catch (error) {
    return { kind: 'error', code: (error as NodeJS.ErrnoException).code ?? 'error' };
  }
  let throughLink = false;
  let firstLink: string | undefined;
  let links = 0;
  const outside = (): Resolution => (firstLink === undefined ? { kind: 'outside', throughLink } : { kind: 'outside', throughLink, link: firstLink });
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (name === '..') {
      // `current` has no link in it, so its parent is what the kernel's `..` means.
      if (current === realRoot) return outside();
      current = path.dirname(current);
      continue;
    }
    const next = path.join(current, name);
    let entry: Stats;
    try {
      entry = lstatSync(next);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return { kind: 'error', code };
      const real = path.join(next, ...pending);
      return isInside(realRoot, real) ? { kind: 'missing', real, throughLink } : outside();
    }
    if (!entry.isSymbolicLink()) {
      current = next;
      stats = entry;
      continue;
    }
    if (++links > MAX_LINKS) return { kind: 'loop' };
    throughLink = true;
    firstLink ??= path.relative(realRoot, next).split(path.sep).join('/');
    let text: string;
    try {
      text = readlinkSync(next);
    } catch (error) {
      return { kind: 'error', code: (error as NodeJS.ErrnoException).code ?? 'error' };
    }
    if (path.isAbsolute(text)) {
      const inner = below(text, [realRoot, path.resolve(root)]);
      if (inner === null) return outside();
      current = realRoot;
      pending.unshift(...inner);
    } else {
      pending.unshift(...components(text));
    }
  }
  return { kind: 'found', real: current, stats, throughLink };
}
