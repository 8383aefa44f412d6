/**
 * Reads one file of the repository, and only a regular one, with a size limit that holds
 * for the bytes actually read.
 *
 * The path is resolved inside the repository first (resolveInside: nothing outside is
 * touched). A FIFO, socket or device is refused before it is opened, and the open itself is
 * non-blocking, so a FIFO swapped in meanwhile cannot hang the run; the descriptor is checked
 * again (fstat) before a byte is read. At most `limit + 8` bytes are read from it: a file whose
 * size says 0 (`/proc/self/pagemap`) or that grows while it is read still stops at the limit.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { resolveInside } from './inside.js';

export type BoundedRead =
  | { ok: true; bytes: Buffer; real: string }
  /** The path leaves the repository: as written (`throughLink: false`) or through a symbolic link. */
  | { ok: false; reason: 'outside'; throughLink: boolean }
  /** Nothing there; `throughLink`: a symbolic link to a missing file. */
  | { ok: false; reason: 'missing'; throughLink: boolean }
  | { ok: false; reason: 'folder' }
  /** A FIFO, socket or device. */
  | { ok: false; reason: 'special' }
  /** `size`: what the file says it holds, when that is over the limit; null when only reading found out. */
  | { ok: false; reason: 'too-large'; size: number | null }
  | { ok: false; reason: 'loop' }
  | { ok: false; reason: 'error'; code: string };

/** O_NOFOLLOW: the resolved path has no link in it, so a link appearing there now is refused (ELOOP). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);
const FIRST_CHUNK = 64 * 1024;
/**
 * How far past the limit a read looks, to tell "exactly the limit" from "more": one 8-byte
 * word, not one byte, because some special files (/proc/<pid>/pagemap) refuse reads that are
 * not whole words (EINVAL).
 */
const PROBE = 8;

export function readRegularFile(root: string, target: string, limit: number): BoundedRead {
  const where = resolveInside(root, target);
  switch (where.kind) {
    case 'outside':
    case 'missing':
      return { ok: false, reason: where.kind, throughLink: where.throughLink };
    case 'loop':
      return { ok: false, reason: 'loop' };
    case 'error':
      return { ok: false, reason: 'error', code: where.code };
    case 'found':
      break;
  }
  if (where.stats.isDirectory()) return { ok: false, reason: 'folder' };
  if (!where.stats.isFile()) return { ok: false, reason: 'special' };

  let fd: number;
  try {
    fd = openSync(where.real, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return code === 'ELOOP' ? { ok: false, reason: 'outside', throughLink: true } : { ok: false, reason: 'error', code };
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { ok: false, reason: 'folder' };
    if (!stats.isFile()) return { ok: false, reason: 'special' };
    if (stats.size > limit) return { ok: false, reason: 'too-large', size: stats.size };
    // A little more than the size says, to notice a file that holds more than it claims.
    const capacity = limit + PROBE;
    let buffer = Buffer.allocUnsafe(Math.min(capacity, stats.size > 0 ? stats.size + PROBE : FIRST_CHUNK));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) return { ok: false, reason: 'too-large', size: null };
        const grown = Buffer.allocUnsafe(Math.min(capacity, buffer.length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return { ok: true, bytes: buffer.subarray(0, length), real: where.real };
  } catch (error) {
    return { ok: false, reason: 'error', code: (error as NodeJS.ErrnoException).code ?? 'error' };
  } finally {
    closeSync(fd);
  }
}
