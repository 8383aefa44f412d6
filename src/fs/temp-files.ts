/**
 * Our temporary files: `<name>.isms-<pid>.tmp` beside the file `<name>` being written, so a
 * reader can tell whose they are and a later run can clean up after one that was killed
 * (kill -9 leaves them behind: nothing runs on SIGKILL).
 *
 * A temp file is stale when the process that made it is gone, or when its pid is ours: a
 * write is synchronous, so this process is writing none of them now (in a container every
 * run may get the same pid). Earlier versions named them `<name>.<pid>.tmp`; those are
 * removed too, but only beside the file being written, as that name is less distinctive.
 */
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const OURS = /^(.+)\.isms-(\d+)\.tmp$/;
const EARLIER = /^(.+)\.(\d+)\.tmp$/;

export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `${path.basename(target)}.isms-${process.pid}.tmp`);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  // 0 would signal our own process group; no process of ours ever had it.
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders listed once per process: name of the target -> earlier-style leftovers beside it. */
const listed = new Map<string, Map<string, string[]>>();

function remove(file: string): void {
  try {
    // A folder of that name is nobody's temp file.
    if (!lstatSync(file).isDirectory()) rmSync(file, { force: true });
  } catch {
    /* gone already, or not ours to remove: never a reason to fail the write */
  }
}

/** Removes stale temp files in `folder` (a real path inside the boundary) before writing `target` there. */
export function sweepStaleTemps(folder: string, target: string): void {
  let earlier = listed.get(folder);
  if (!earlier) {
    earlier = new Map();
    listed.set(folder, earlier);
    let names: string[] = [];
    try {
      names = readdirSync(folder);
    } catch {
      return;
    }
    for (const name of names) {
      const ours = OURS.exec(name);
      if (ours) {
        if (!alive(Number(ours[2]))) remove(path.join(folder, name));
        continue;
      }
      const old = EARLIER.exec(name);
      if (old && !alive(Number(old[2]))) earlier.set(old[1]!, [...(earlier.get(old[1]!) ?? []), name]);
    }
  }
  const name = path.basename(target);
  for (const leftover of earlier.get(name) ?? []) remove(path.join(folder, leftover));
  earlier.delete(name);
}
