/**
 * "Did you mean" (src/model/nearest.ts): the fast distance (bit vectors, early
 * stops, remembered answers) gives exactly the suggestions of the plain
 * edit-distance table, and a value far too long is answered at once.
 */
import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from '../src/model/nearest.js';
import { controls } from '../src/catalog/index.js';

/** The textbook edit distance, the reference. */
function tableDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** The suggestion as it was first written: the closest by the table, if close enough. */
function referenceNearest(value: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = tableDistance(value.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= Math.max(2, Math.ceil(Math.max(value.length, best.length) / 2)) ? best : undefined;
}

describe('nearest', () => {
  let seed = 9;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const word = (alphabet: string, max: number) =>
    Array.from({ length: Math.floor(random() * max) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');

  it('agrees with the plain table on 3,000 seeded values and candidate lists', () => {
    const mismatches: string[] = [];
    for (let round = 0; round < 3000; round++) {
      const alphabet = round % 2 === 0 ? 'ab.1' : 'A.5819xyzé';
      const candidates = Array.from({ length: 1 + Math.floor(random() * 8) }, () => word(alphabet, round % 3 === 0 ? 40 : 9));
      const value = word(alphabet, round % 5 === 0 ? 45 : 12);
      if (nearest(value, candidates) !== referenceNearest(value, candidates)) mismatches.push(JSON.stringify([value, candidates]));
      const [a, b] = [word(alphabet, 35), word(alphabet, 35)];
      if (editDistance(a, b) !== tableDistance(a, b)) mismatches.push(`distance ${JSON.stringify([a, b])}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('suggests controls as before, repeated or not', () => {
    const ids = controls.map((control) => control.id);
    for (const value of ['A.5.1x', 'a.8.34', 'A.12.345', 'B.5.15', 'A.5.15', 'x', '']) {
      expect(nearest(value, ids), value).toBe(referenceNearest(value, ids));
      expect(nearest(value, ids), `${value} again`).toBe(referenceNearest(value, ids));
    }
  });

  it('answers a value far longer than every candidate without comparing', () => {
    expect(nearest('approved'.repeat(200_000), ['draft', 'review', 'approved', 'retired'])).toBeUndefined();
    expect(nearest('approvedx', ['draft', 'review', 'approved', 'retired'])).toBe('approved');
  });
});
