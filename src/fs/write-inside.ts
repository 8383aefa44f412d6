/**
 * Every file the tool writes goes through here: only inside a boundary folder, never through
 * a symbolic link, and atomically (a temp file beside the target, then a rename), so a
 * reader never sees half a file and a failed write leaves the old one intact.
 *
 * "Never through a link": the target itself must not be a symbolic link (replacing or
 * following a committed link is never what the user asked for), and every folder on the way
 * must really be inside the boundary: a committed link to a folder outside cannot redirect it.
 */
import { linkSync, lstatSync, mkdirSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../config/load.js';
import { outputBoundary } from './boundary.js';
import { resolveInside } from './inside.js';
import { shown } from './shown.js';
import { sweepStaleTemps, tempPathFor } from './temp-files.js';

/** A write (or read) refused because of where the path leads: a usage error (exit 2), never a partial write. */
export class PathRefused extends UsageError {
  override name = 'PathRefused';
}

/**
 * Where the file goes: its real path in a real folder inside the boundary (created when
 * missing), and what is there now (lstat: a link is seen, not followed).
 */
function prepare(boundary: string, target: string, name: string): { real: string; existing: Stats | undefined } {
  try {
    mkdirSync(boundary, { recursive: true });
  } catch (error) {
    throw new UsageError(`Cannot write ${shown(name)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const folder = resolveInside(boundary, path.dirname(target));
  switch (folder.kind) {
    case 'outside':
      throw new PathRefused(
        folder.throughLink
          ? `Refusing to write ${shown(name)}: a folder on its path is a symbolic link that leads outside ${shown(boundary)}; remove the link or write elsewhere`
          : `Refusing to write ${shown(name)}: it is outside ${shown(boundary)}`,
      );
    case 'loop':
      throw new PathRefused(`Refusing to write ${shown(name)}: its folder is a loop of symbolic links; remove them`);
    case 'error':
      throw new UsageError(`Cannot write ${shown(name)}: ${folder.code}`);
    case 'missing':
      try {
        mkdirSync(folder.real, { recursive: true });
      } catch (error) {
        throw new UsageError(`Cannot write ${shown(name)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      break;
    case 'found':
      if (!folder.stats.isDirectory()) throw new UsageError(`Cannot write ${shown(name)}: ${shown(path.dirname(name))} is not a folder`);
      break;
  }
  const real = path.join(folder.real, path.basename(target));
  let existing: Stats | undefined;
  try {
    existing = lstatSync(real);
  } catch {
    existing = undefined;
  }
  return { real, existing };
}

/**
 * Writes `content` to `target` inside `boundary`. `name` is how messages call the file (the
 * path as the user or the repository names it).
 */
export function writeFileInside(boundary: string, target: string, content: string | Uint8Array, name: string = target): void {
  const { real, existing } = prepare(boundary, target, name);
  if (existing?.isSymbolicLink()) {
    throw new PathRefused(`Refusing to write ${shown(name)}: it is a symbolic link, and writing would go wherever it points; remove the link or choose another file`);
  }
  sweepStaleTemps(path.dirname(real), real);
  const temporary = tempPathFor(real);
  try {
    // `wx`: a file or link planted at the temp name is never written through.
    writeFileSync(temporary, content, { flag: 'wx' });
    renameSync(temporary, real);
  } catch (error) {
    rmSync(temporary, { force: true }); // no half-written leftovers beside the target
    throw new UsageError(`Cannot write ${shown(name)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Writes a path the user typed, by the rule of outputBoundary. */
export function writeOutputFile(base: string, typed: string, content: string | Uint8Array): void {
  const { target, boundary } = outputBoundary(base, typed);
  writeFileInside(boundary, target, content, typed);
}

/**
 * Creates `target` inside `boundary` unless something (a file, a folder, a link) is there:
 * 'exists' then, and nothing is touched. The content appears whole or not at all: it is
 * written to a temp file and hard-linked into place, which fails when the name is taken.
 */
export function createFileInside(boundary: string, target: string, content: string, name: string = target): 'created' | 'exists' {
  const { real, existing } = prepare(boundary, target, name);
  // A file, a folder or a link (even a dangling one) at the target: it is not replaced.
  if (existing) return 'exists';
  sweepStaleTemps(path.dirname(real), real);
  const temporary = tempPathFor(real);
  try {
    writeFileSync(temporary, content, { flag: 'wx' });
    try {
      linkSync(temporary, real);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return 'exists';
      // File systems without hard links: an exclusive create, still never over an existing file.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EMLINK') throw error;
      writeFileSync(real, content, { flag: 'wx' });
    }
    return 'created';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw new UsageError(`Cannot create ${shown(name)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  } finally {
    rmSync(temporary, { force: true });
  }
}
