/**
 * "Did you mean" for ids and keys: the closest candidate by edit distance.
 *
 * Policies are hostile input: a file may hold a hundred thousand unknown ids, or
 * one key a megabyte long. So a suggestion costs at most the square of the
 * candidates' length whatever the value's length (a value more than twice as
 * long as every candidate cannot be close enough, and is answered without
 * comparing), the distance reuses one buffer instead of allocating rows, and
 * answers are remembered per candidate list, so repeated ids cost a lookup.
 */

/** Edit distance between two strings (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  return boundedDistance(a, b, Infinity);
}

let row = new Int32Array(64);

/**
 * The edit distance of `a` and `b`, or a number >= `cutoff` as soon as it is
 * certain to reach `cutoff` (every entry of a row is >= it): callers that only
 * want a better distance than one they have stop early.
 */
function boundedDistance(a: string, b: string, cutoff: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) >= cutoff) return cutoff;
  if (row.length < b.length + 1) row = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    let rowMinimum = i;
    const char = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      const value = Math.min(above + 1, row[j - 1]! + 1, diagonal + (char === b.charCodeAt(j - 1) ? 0 : 1));
      row[j] = value;
      diagonal = above;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum >= cutoff) return cutoff;
  }
  return row[b.length]!;
}

/** Whether a suggestion at `distance` is close enough to show: at most half of the longer string changes. */
function closeEnough(distance: number, valueLength: number, candidateLength: number): boolean {
  return distance <= Math.max(2, Math.ceil(Math.max(valueLength, candidateLength) / 2));
}

interface CandidateList {
  lower: string[];
  longest: number;
  answers: Map<string, string | undefined>;
}

/** Remembered answers per list; bounded so that a file of distinct ids cannot grow it without end. */
const MAX_REMEMBERED = 4096;
const lists = new WeakMap<readonly string[], CandidateList>();

function prepared(candidates: readonly string[]): CandidateList {
  let list = lists.get(candidates);
  if (!list) {
    const lower = candidates.map((candidate) => candidate.toLowerCase());
    list = { lower, longest: lower.reduce((longest, candidate) => Math.max(longest, candidate.length), 0), answers: new Map() };
    lists.set(candidates, list);
  }
  return list;
}

/**
 * The candidate closest to `value`, or undefined when none is close enough
 * (more than half of the longer string would have to change). Ties go to the
 * first candidate.
 */
export function nearest(value: string, candidates: readonly string[]): string | undefined {
  const list = prepared(candidates);
  // Distance >= length difference; past twice the longest candidate (+2) no candidate can be close enough.
  if (value.length > 2 * list.longest + 2) return undefined;
  if (list.answers.has(value)) return list.answers.get(value);
  const answer = search(value, candidates, list);
  if (list.answers.size >= MAX_REMEMBERED) list.answers.clear();
  list.answers.set(value, answer);
  return answer;
}

function search(value: string, candidates: readonly string[], list: CandidateList): string | undefined {
  const lower = value.toLowerCase();
  let best = -1;
  // No candidate further than this can be close enough, so distances stop being worked out there.
  let bestDistance = Math.max(2, Math.ceil(Math.max(value.length, list.longest) / 2)) + 1;
  for (let index = 0; index < candidates.length; index++) {
    const distance = boundedDistance(lower, list.lower[index]!, bestDistance);
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  }
  if (best === -1) return undefined;
  const candidate = candidates[best]!;
  return closeEnough(bestDistance, value.length, candidate.length) ? candidate : undefined;
}
