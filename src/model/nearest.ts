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
  const width = b.length;
  if (row.length < width + 1) row = new Int32Array(width + 1);
  for (let j = 0; j <= width; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    let left = i;
    row[0] = i;
    let rowMinimum = i;
    const char = a.charCodeAt(i - 1);
    for (let j = 1; j <= width; j++) {
      const above = row[j]!;
      let value = diagonal + (char === b.charCodeAt(j - 1) ? 0 : 1);
      if (above + 1 < value) value = above + 1;
      if (left + 1 < value) value = left + 1;
      row[j] = value;
      left = value;
      diagonal = above;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum >= cutoff) return cutoff;
  }
  return row[width]!;
}

/**
 * A pattern's position masks (Myers' Peq): for each character, the bits of the
 * positions that hold it. ASCII in a reused table, anything else in a map.
 */
class PatternMasks {
  readonly ascii = new Int32Array(128);
  readonly other = new Map<number, number>();
  length = 0;

  set(pattern: string): void {
    this.ascii.fill(0);
    this.other.clear();
    this.length = pattern.length;
    for (let index = 0; index < pattern.length; index++) {
      const code = pattern.charCodeAt(index);
      if (code < 128) this.ascii[code]! |= 1 << index;
      else this.other.set(code, (this.other.get(code) ?? 0) | (1 << index));
    }
  }

  of(code: number): number {
    return code < 128 ? this.ascii[code]! : (this.other.get(code) ?? 0);
  }
}

const valueMasks = new PatternMasks();

/**
 * The edit distance of `text` and the pattern of `masks` (1 to 31 characters):
 * Myers' bit-parallel algorithm in Hyyrö's form for whole-string distance, one
 * column of the distance table per character of `text` in a few integer
 * operations. Stops at `cutoff` like boundedDistance.
 */
function bitDistance(text: string, masks: PatternMasks, cutoff: number): number {
  const high = 1 << (masks.length - 1);
  let positive = -1; // vertical +1 deltas: all of them in the first column
  let negative = 0; // vertical -1 deltas
  let score = masks.length;
  for (let index = 0; index < text.length; index++) {
    const equal = masks.of(text.charCodeAt(index));
    const vertical = equal | negative;
    // Bits above the pattern fill with garbage; carries only move up, so the pattern's bits stay right.
    const horizontal = ((((equal & positive) + positive) | 0) ^ positive) | equal;
    let horizontalPositive = negative | ~(horizontal | positive);
    let horizontalNegative = positive & horizontal;
    if (horizontalPositive & high) score++;
    else if (horizontalNegative & high) score--;
    // The first row counts up (0, 1, 2, ...): a +1 shifts in at the bottom.
    horizontalPositive = (horizontalPositive << 1) | 1;
    horizontalNegative <<= 1;
    positive = horizontalNegative | ~(vertical | horizontalPositive);
    negative = horizontalPositive & vertical;
    // Each remaining character can lower the distance by one at most.
    if (score - (text.length - index - 1) >= cutoff) return cutoff;
  }
  return score;
}

/** Values up to this long are compared with bit vectors (one 32-bit integer). */
const MAX_BIT_PATTERN = 31;

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
  // The value is the pattern of the bit vectors, worked out once for all candidates.
  const bits = lower.length >= 1 && lower.length <= MAX_BIT_PATTERN;
  if (bits) valueMasks.set(lower);
  let best = -1;
  // No candidate further than this can be close enough, so distances stop being worked out there.
  let bestDistance = Math.max(2, Math.ceil(Math.max(value.length, list.longest) / 2)) + 1;
  for (let index = 0; index < candidates.length; index++) {
    const candidate = list.lower[index]!;
    const distance =
      bits && lower !== candidate && Math.abs(lower.length - candidate.length) < bestDistance
        ? bitDistance(candidate, valueMasks, bestDistance)
        : boundedDistance(lower, candidate, bestDistance);
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  }
  if (best === -1) return undefined;
  const candidate = candidates[best]!;
  return closeEnough(bestDistance, value.length, candidate.length) ? candidate : undefined;
}
