/** Which folder a path given by a user or a workflow must stay inside. */
import path from 'node:path';
import { isInside } from './inside.js';

/**
 * The boundary for a path a user typed (`--output`) or a workflow gave (the action's `sarif`,
 * `artifacts`), resolved against `base` (the working directory, or the workspace).
 *
 * The rule: a path that lies, as typed, inside `base` must really land inside `base`: the
 * folders on the way are the repository's, and a symbolic link the repository brings must not
 * redirect it. A path typed outside `base` (`/tmp/report.json`, `../site/report.html`) is the
 * user's explicit choice of place, folders and all; only its target must not be a link.
 */
export function outputBoundary(base: string, typed: string): { target: string; boundary: string } {
  const target = path.resolve(base, typed);
  // `base` itself is not "inside": its own parent is the boundary then.
  const inside = target !== path.resolve(base) && isInside(path.resolve(base), target);
  return { target, boundary: inside ? path.resolve(base) : path.dirname(target) };
}
