/**
 * Every per-file pass is linear: hostile bodies and front matter of 128 KiB,
 * 512 KiB and 1 MiB (the largest file the checker reads) through the whole
 * `parseBody` and through every rule via check(). Growth ratios, not times: the
 * 1 MiB input is 8 times the 128 KiB one, so linear work takes about 8 times as
 * long and quadratic work 64 times. The bound is 16 (8x, and 2x for noise), on
 * the best of a few runs of each size, the sizes taken in turn. Time is this
 * process's CPU time, not the wall clock: other processes on the machine do not
 * count.
 *
 * The 128 KiB time is an eighth of eight runs whose results are all kept, so
 * that it carries the same garbage-collection load as one 1 MiB run: what a
 * run keeps (findings, links, positions) outlives the young generation only
 * past some size, and that step (measured: 9-10x from 128 KiB to 512 KiB, then
 * 2x to 1 MiB, on linear code) is the memory, not the algorithm.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { parseBody } from '../src/parse/body.js';
import { makeRepo } from './support/repo.js';

const KiB = 1024;
/** The three sizes; the largest leaves room in the 1 MiB file for the rest of the policy. */
const SIZES = [128 * KiB, 512 * KiB, 1024 * KiB - 2 * KiB] as const;
/** 8x the input may take at most this many times as long. */
const MAX_GROWTH = 16;
/**
 * Times below this are timer noise and JIT warm-up, not work: the smallest
 * time counts as at least this much. A quadratic pass still fails: at 1 MiB it
 * would take 64 times this.
 */
const NOISE_FLOOR_MS = 1;

/** `unit` repeated to about `size` characters. */
function fill(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.floor(size / unit.length)));
}

/** CPU time of this process (user and system, all threads: garbage collection counts) in ms. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/**
 * The best time of `work` for each input (one per SIZES entry), in rounds that
 * take every input in turn; `runs[i]` is how many rounds time input `i`. Each
 * input is worked on as many times as it fits in the largest, keeping every
 * result, and its time is the total divided by that.
 */
async function bestTimes<T>(inputs: readonly T[], runs: readonly number[], work: (input: T) => unknown): Promise<number[]> {
  const best = inputs.map(() => Infinity);
  const rounds = Math.max(...runs);
  for (let round = 0; round < rounds; round++) {
    for (const [index, input] of inputs.entries()) {
      if (round >= runs[index]!) continue;
      const copies = Math.round(SIZES[SIZES.length - 1]! / SIZES[index]!);
      const kept: unknown[] = [];
      const started = process.cpuUsage();
      for (let copy = 0; copy < copies; copy++) kept.push(await work(input));
      best[index] = Math.min(best[index]!, cpuMs(started) / copies);
      expect(kept).toHaveLength(copies);
    }
  }
  return best;
}

/** Asserts that the times for SIZES grow linearly, naming them all when not. */
function expectLinear(times: readonly number[], what: string): void {
  const [small, , large] = times as [number, number, number];
  const growth = large / Math.max(small, NOISE_FLOOR_MS);
  const shown = times.map((time, index) => `${SIZES[index]! / KiB} KiB ${time.toFixed(1)} ms`).join(', ');
  expect(growth, `${what}: ${shown}, growth ${growth.toFixed(1)}x for 8x the input`).toBeLessThan(MAX_GROWTH);
}

/** Each test takes 0.1-5 s on an idle 2-core machine; a busy one may take several times that. */
const CHECK_TIMEOUT_MS = 60_000;

/** Rounds per size for parseBody: the small size is already an average of eight. */
const RUNS = [1, 1, 2] as const;

describe('parseBody is linear on hostile bodies', () => {
  const shapes: Array<[string, (size: number) => string]> = [
    ['placeholders between code spans', (size) => fill('`a` {{b}} ', size)],
    ['placeholders between multi-line code spans', (size) => fill('`a\nb` {{c}}\n', size)],
    ['unknown link targets in a list', (size) => fill('- [A.9.99](A.9.99.md)\n', size)],
    ['unclosed links', (size) => fill('[a](b ', size)],
    ['unclosed brackets', (size) => fill('[a ', size)],
    ['unclosed angle destinations', (size) => fill('[a](<b ', size)],
    ['escaped angle destinations', (size) => fill('[a](<b\\> ', size)],
    ['emphasis runs', (size) => fill('*a **b _c __d ', size)],
    ['a heading full of emphasis and references', (size) => `# ${fill('*a* &ouml; &#x41; &bogus; _b_ ', size)}`],
    ['deep lists', (size) => `${fill('- ', size)}x`],
    ['deep block quotes', (size) => `${fill('> ', size)}x`],
    ['many headings', (size) => fill('# Heading *a* &amp;\n', size)],
    ['many setext headings', (size) => fill('Heading\n===\n', size)],
    ['many link definitions', (size) => fill('[a]: b.md\n', size)],
    ['definitions with unclosed titles', (size) => fill("[a]: b '\n", size)],
    ['entity references in links', (size) => fill('[x](f&ouml;rdern&#x41;&bogus;.md) ', size)],
    ['unclosed HTML comments', (size) => fill('<!-- {{a}} ', size)],
    ['control citations, lists, ranges and near-citations', (size) => fill('A.5.1, A.5.2 and A.5.3; A.7.1 – A.7.14 `A.5.1` A. A.5 A.5.1.1.1 [A.5.1](x) ', size)],
    ['separators that lead to no id', (size) => fill('A.5.1, and , and A.x A.5.1 to to A.5.1 -- ', size)],
    ['bracketed and angle-bracket placeholders', (size) => fill('[YOUR_NAME] [ABC [DEF] <your x> <your [ ', size)],
    ['bold lines used as headings', (size) => fill('**Purpose**\n\n__Scope:__\n\n**a** b\n\n', size)],
    ['a bold line with a long run of spaces', (size) => `**a**${' '.repeat(size)}x\n`],
  ];

  it.each(shapes)('%s', async (name, make) => {
    const bodies = SIZES.map((size) => make(size));
    parseBody(bodies[0]!, 1); // warm up
    expectLinear(await bestTimes(bodies, RUNS, (body) => parseBody(body, 1)), name);
  }, CHECK_TIMEOUT_MS);
});

describe('the rules are linear on hostile policies, through check()', () => {
  const HEAD = '---\nid: POL-A-001\ntitle: A\nowners: ["@alice"]\napprover: "@bob"\nstatus: approved\nlast_reviewed: 2026-01-10\n';
  const MAPPED = 'iso27001:\n  controls: [A.5.15]\n';
  // required_sections: the headings shape is matched against sections, one of them missing.
  const CONFIG = 'required_sections: [Purpose, Objectives]\nrules:\n  clause-uncovered: off\n  control-uncovered: off\n';
  /** A shape makes the front matter after HEAD (ending with its mapping) and the body; the rules it must set off. */
  const shapes: Array<[string, string[], (size: number) => { frontMatter: string; body: string }]> = [
    ['placeholders between code spans', ['placeholder-left'], (size) => ({ frontMatter: MAPPED, body: fill('`a` {{b}} ', size) })],
    ['placeholders in front matter', ['placeholder-left'], (size) => ({ frontMatter: `version: "${fill('{{x}} ', size)}"\n${MAPPED}`, body: '' })],
    [
      'unknown control ids, unknown clauses and 2013 ids in lists',
      ['control-unknown', 'clause-unknown', 'control-legacy'],
      (size) => ({ frontMatter: `iso27001:\n  clauses: [${fill('"77.1", ', size / 3)}]\n  controls: [${fill('A.9.99.1, A.9.2.3, ', (2 * size) / 3)}]\n`, body: '' }),
    ],
    [
      'distinct unknown control ids (a suggestion worked out for each)',
      ['control-unknown'],
      (size) => ({ frontMatter: `iso27001:\n  controls: [${Array.from({ length: Math.floor(size / 12) }, (_, index) => `A.${index % 50}.${index}`).join(', ')}]\n`, body: '' }),
    ],
    ['broken links', ['link-broken'], (size) => ({ frontMatter: MAPPED, body: fill('[a](missing.md) ', size) })],
    // ASCII only: the 1 MiB limit is on bytes, and these fill characters.
    ['cited controls not mapped', ['control-cited-not-mapped'], (size) => ({ frontMatter: MAPPED, body: fill('(A.5.16, A.7.1 - A.7.14) ', size) })],
    ['headings a reader matches to required sections', ['section-missing'], (size) => ({ frontMatter: MAPPED, body: fill('## 1.2 :dart: **Purpose**, Roles & Duties / Scope of this policy (A.5.1)\n', size) })],
    ['bracketed placeholders and TBD values', ['placeholder-left'], (size) => ({ frontMatter: `version: TBD\n${MAPPED}`, body: fill('[YOUR_ORG] <your name> {{#a}}{{/a}} ', size) })],
    ['a long unknown type (nearest to a long value)', ['field-invalid'], (size) => ({ frontMatter: `type: "${fill('procedure ', size)}"\n${MAPPED}`, body: '' })],
  ];

  it.each(shapes)('%s (%j)', async (name, wanted, make) => {
    const roots = SIZES.map((size) => {
      const { frontMatter, body } = make(size);
      return makeRepo({ '.isms.yml': CONFIG, 'policies/a.md': `${HEAD}${frontMatter}---\n${body}\n` });
    });
    const times = await bestTimes(roots, [1, 1, 1], async (root) => {
      const result = await check({ root, today: '2026-11-24' });
      // The rules really run on every size (a file too large to read would be quick for nothing).
      const rules = new Set(result.findings.map((finding) => finding.rule));
      expect(wanted.filter((rule) => !rules.has(rule)), `${name}: rules that did not report`).toEqual([]);
      expect(rules.has('file-too-large') || rules.has('front-matter-invalid'), `${name}: the file was not read`).toBe(false);
      return result;
    });
    expectLinear(times, name);
  }, CHECK_TIMEOUT_MS);
});
