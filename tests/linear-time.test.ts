/**
 * Every per-file pass is linear: hostile bodies and front matter of 128 KiB and
 * 1 MiB (the largest file the checker reads) through the whole `parseBody` and
 * through every rule via check(). Growth ratios, not times: the 1 MiB input is
 * 8 times the 128 KiB one, so linear work takes about 8 times as long and
 * quadratic work 64 times. The bound is 24 (8x, and 3x for a shared, loaded
 * machine); a quadratic helper at the end of the file shows it still fails.
 * Time is this process's CPU time, not the wall clock: other processes on the
 * machine do not count, though they do share its caches and cores.
 *
 * How each shape is timed, so that one noisy sample does not fail a linear pass:
 * - two warm-up runs of the small input (the first compiles the code paths);
 * - the small input is run eight times, every result kept, and its time is an
 *   eighth of the total: it carries the same garbage-collection load as one
 *   1 MiB run (what a run keeps outlives the young generation only past some
 *   size, and that step is the memory, not the algorithm);
 * - a shape quicker than MIN_RUN_MS at 128 KiB is repeated (both sizes, every
 *   result kept) until a timed batch is long enough not to be timer noise;
 * - the 1 MiB input is timed up to three times, stopping at the first time
 *   within the bound: its best time counts;
 * - a full garbage collection before each timed batch when `global.gc` exists
 *   (node --expose-gc); without it the kept results make the loads equal.
 * LINEAR_TIME_LOG=1 prints every shape's times and growth.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { parseBody } from '../src/parse/body.js';
import { markdownMessage } from '../src/format/markdown-escape.js';
import { messageHtml } from '../src/report/html-text.js';
import { makeRepo } from './support/repo.js';

const KiB = 1024;
/** The small and the large size; the large leaves room in the 1 MiB file for the rest of the policy. */
const SIZES = [128 * KiB, 1024 * KiB - 2 * KiB] as const;
/** How many small runs make one large one. */
const COPIES = Math.round(SIZES[1] / SIZES[0]);
/** 8x the input may take at most this many times as long. */
const MAX_GROWTH = 24;
/** Tries of the large input before a growth above MAX_GROWTH fails. */
const LARGE_TRIES = 3;
/**
 * A 128 KiB run quicker than this (in ms) is repeated until it is not: below a
 * few ms, one garbage collection or timer tick would be most of the time.
 */
const MIN_RUN_MS = 4;
/** At most this many repeats (a shape that is still quicker does next to no work). */
const MAX_REPEATS = 64;
const log = process.env.LINEAR_TIME_LOG === '1';

/** `unit` repeated to about `size` characters. */
function fill(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.floor(size / unit.length)));
}

/** CPU time of this process (user and system, all threads: garbage collection counts) in ms. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** The time of one run of `work(input)`, in ms: `runs` runs, every result kept, the total divided by `runs`. */
async function timeRuns<T>(input: T, runs: number, work: (input: T) => unknown): Promise<number> {
  collectGarbage?.();
  const kept: unknown[] = [];
  const started = process.cpuUsage();
  for (let run = 0; run < runs; run++) kept.push(await work(input));
  const time = cpuMs(started) / runs;
  expect(kept).toHaveLength(runs);
  return time;
}

interface Growth {
  growth: number;
  /** The times and the growth, for a failure message. */
  shown: string;
}

/** How much longer `work` takes on `large` than on `small` (SIZES), timed as the file header says. */
async function measureGrowth<T>(small: T, large: T, work: (input: T) => unknown): Promise<Growth> {
  await work(small);
  const warm = await timeRuns(small, 1, work);
  const repeats = Math.min(MAX_REPEATS, Math.max(1, Math.ceil(MIN_RUN_MS / Math.max(warm, 0.001))));
  const smallTime = await timeRuns(small, COPIES * repeats, work);
  const largeTimes: number[] = [];
  let growth = Infinity;
  while (largeTimes.length < LARGE_TRIES && growth >= MAX_GROWTH) {
    largeTimes.push(await timeRuns(large, repeats, work));
    growth = Math.min(...largeTimes) / smallTime;
  }
  const shown = `${SIZES[0] / KiB} KiB ${smallTime.toFixed(2)} ms, ${Math.round(SIZES[1] / KiB)} KiB ${largeTimes.map((time) => time.toFixed(2)).join(' / ')} ms (x${repeats}), growth ${growth.toFixed(1)}x for ${COPIES}x the input`;
  return { growth, shown };
}

/** Asserts that `work` is linear from the small to the large input, naming the times when not. */
async function expectLinear<T>(what: string, small: T, large: T, work: (input: T) => unknown): Promise<void> {
  const { growth, shown } = await measureGrowth(small, large, work);
  if (log) console.log(`${what}: ${shown}`);
  expect(growth, `${what}: ${shown}`).toBeLessThan(MAX_GROWTH);
}

/** Each test takes 0.1-5 s on an idle 2-core machine; a busy one may take several times that. */
const CHECK_TIMEOUT_MS = 60_000;

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
    const [small, large] = SIZES.map((size) => make(size));
    await expectLinear(name, small!, large!, (body) => parseBody(body, 1));
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
    await expectLinear(name, roots[0]!, roots[1]!, async (root) => {
      const result = await check({ root, today: '2026-11-24' });
      // The rules really run on every size (a file too large to read would be quick for nothing).
      const rules = new Set(result.findings.map((finding) => finding.rule));
      expect(wanted.filter((rule) => !rules.has(rule)), `${name}: rules that did not report`).toEqual([]);
      expect(rules.has('file-too-large') || rules.has('front-matter-invalid'), `${name}: the file was not read`).toBe(false);
      return result;
    });
  }, CHECK_TIMEOUT_MS);
});

describe('finding messages are linear where they are shown', () => {
  /**
   * Unclosed backtick runs of every length from 1 up, as a message quoting a
   * hostile value can hold: no run has a closing run of its length. The HTML
   * report's own splitter searched the rest of the message for each (measured:
   * 140 ms at 128 KiB, 1.6 s at 1 MiB, 11.7x: O(n^1.5), under this bound but
   * 100 times slower); both formats now share src/text/code-spans.ts.
   */
  const unclosedRuns = (size: number) => {
    let text = '';
    for (let length = 1; text.length < size; length++) text += `${'`'.repeat(length)} a `;
    return text.slice(0, size);
  };
  const [small, large] = SIZES.map(unclosedRuns);
  it('unclosed backtick runs of different lengths, in the HTML report', async () => {
    await expectLinear('HTML report message', small!, large!, messageHtml);
  }, CHECK_TIMEOUT_MS);
  it('unclosed backtick runs of different lengths, in Markdown', async () => {
    await expectLinear('Markdown message', small!, large!, (message) => markdownMessage(message));
  }, CHECK_TIMEOUT_MS);
});

describe('the bound catches quadratic work', () => {
  /**
   * Quadratic by construction, the way a scanner that searches the rest of its
   * input at every step is: each 256 characters, a search of all the text
   * before them (for a character that is not there).
   */
  function searchesAllBefore(text: string): number {
    let found = 0;
    for (let end = 256; end <= text.length; end += 256) if (text.slice(0, end).indexOf('\u0000') !== -1) found++;
    return found;
  }

  it('a pass that searches everything before each step grows past the bound', async () => {
    const [small, large] = SIZES.map((size) => fill('a', size));
    const { growth, shown } = await measureGrowth(small!, large!, searchesAllBefore);
    if (log) console.log(`quadratic self-test: ${shown}`);
    expect(growth, `quadratic self-test: ${shown}`).toBeGreaterThan(MAX_GROWTH);
  }, CHECK_TIMEOUT_MS);
});
