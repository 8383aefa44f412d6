#!/usr/bin/env node
// `npm run bench`: how fast `isms check` is on a large ISMS, against markdownlint-cli2 on the same files.
//
// Generates corpora of realistic policies (about 3 KB each: owners, dates, 3-8 controls, clauses,
// NIST CSF mappings, evidence; a body with headings, paragraphs, lists and relative links that
// exist; about 100 files per folder) in a temporary folder, then runs, as child processes,
//   node dist/cli.js check --format json --output <file> --today 2026-11-24
//   node_modules/.bin/markdownlint-cli2 "policies/**/*.md"
// and prints wall time, policies per second and peak memory (RSS) of each, and the ratio.
//
// Options: --sizes 1000,5000,10000   --runs N (best of N, default 1)   --keep (keep the corpora)
//          --strict (exit 1 when a target is missed)   --no-markdownlint
// Targets (issue 2): isms/markdownlint <= 0.35 at 10k files, peak memory < 400 MB, linear growth.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const cli = path.join(repo, 'dist', 'cli.js');
// The package's bin script, run with the same node as isms so both pay the same start-up.
const markdownlintBin = path.join(repo, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const TODAY = '2026-11-24';
const TARGET_RATIO = 0.35;
const TARGET_RSS_MB = 400;
/** The extra time per extra file may grow at most this much from the smallest sizes to the largest. */
const LINEAR_TOLERANCE = 1.5;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000,10000' },
    runs: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    'no-markdownlint': { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Math.max(1, Number(values.runs));
if (sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error(`--sizes takes whole numbers: ${values.sizes}`);
if (!existsSync(cli)) fail('dist/cli.js is missing: run `npm run build` first');
const withMarkdownlint = !values['no-markdownlint'];
if (withMarkdownlint && !existsSync(markdownlintBin)) fail('markdownlint-cli2 is missing: run `npm install` (it is a devDependency)');
const gnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0 ? '/usr/bin/time' : null;

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// The corpus: deterministic (a seeded generator), so runs and sizes are comparable.

function random(seed) {
  let state = seed >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CONTROLS = [
  ...Array.from({ length: 37 }, (_, index) => `A.5.${index + 1}`),
  ...Array.from({ length: 8 }, (_, index) => `A.6.${index + 1}`),
  ...Array.from({ length: 14 }, (_, index) => `A.7.${index + 1}`),
  ...Array.from({ length: 34 }, (_, index) => `A.8.${index + 1}`),
];
const CLAUSES = ['4.3', '5.2', '6.1.2', '6.1.3', '6.2', '7.2', '7.5', '8.1', '8.2', '8.3', '9.1', '9.2', '9.3', '10.2', '5.3', '7.4'];
const CSF = ['GV.OC-01', 'GV.RM-01', 'GV.PO-01', 'ID.AM-01', 'ID.RA-01', 'PR.AA-01', 'PR.AA-05', 'PR.DS-01', 'PR.PS-01', 'DE.CM-01', 'RS.MA-01', 'RC.RP-01'];
const TOPICS = ['access control', 'backup', 'cryptography', 'supplier security', 'incident response', 'logging', 'asset management', 'secure development', 'physical security', 'awareness'];
const WORDS = 'the of information security shall must owner review control risk asset access data system supplier record process team approve evidence monitor protect incident change backup retention classification'.split(' ');
const FILES_PER_FOLDER = 100;

function pick(next, list) {
  return list[Math.floor(next() * list.length)];
}

function sample(next, list, count) {
  const copy = [...list];
  const chosen = [];
  for (let index = 0; index < count && copy.length > 0; index++) chosen.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
  return chosen;
}

/** A sentence wrapped at 80 columns, so the corpus is also clean for markdownlint's defaults. */
function paragraph(next, words) {
  const lines = [];
  let line = '';
  for (let index = 0; index < words; index++) {
    const word = index === 0 ? 'The' : pick(next, WORDS);
    if (line.length + word.length + 1 > 78) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(`${line}.`);
  return lines.join('\n');
}

function folderOf(index) {
  const folder = Math.floor(index / FILES_PER_FOLDER);
  return `policies/area-${String(Math.floor(folder / 10)).padStart(2, '0')}/group-${String(folder % 10)}`;
}

function fileOf(index) {
  return `${folderOf(index)}/policy-${String(index).padStart(5, '0')}.md`;
}

function policy(index) {
  const next = random(index + 1);
  const topic = pick(next, TOPICS);
  const month = 1 + Math.floor(next() * 10);
  const day = 1 + Math.floor(next() * 28);
  const controls = sample(next, CONTROLS, 3 + Math.floor(next() * 6));
  const clauses = sample(next, CLAUSES, 1 + Math.floor(next() * 3));
  const csf = sample(next, CSF, 2 + Math.floor(next() * 3));
  const id = `POL-B${String(index).padStart(5, '0')}`;
  const folderStart = Math.floor(index / FILES_PER_FOLDER) * FILES_PER_FOLDER;
  // Links to siblings that exist (the previous and the first file of the folder) and to evidence.
  const sibling = (other) => path.posix.basename(fileOf(other));
  const previous = index > folderStart ? index - 1 : index;
  const frontMatter = [
    '---',
    `id: ${id}`,
    `title: ${topic[0].toUpperCase()}${topic.slice(1)} policy ${index}`,
    `type: ${pick(next, ['policy', 'procedure', 'standard'])}`,
    `owners: ["@owner-${index % 37}", "@acme/team-${index % 11}"]`,
    `approver: "@ciso-${index % 3}"`,
    `approved_on: 2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    'status: approved',
    `version: "${1 + (index % 4)}.${index % 10}"`,
    `last_reviewed: 2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    'review_every: 12 months',
    'iso27001:',
    `  clauses: [${clauses.map((clause) => `"${clause}"`).join(', ')}]`,
    '  controls:',
    ...controls.map((control) => `    - ${control}`),
    'maps_to:',
    `  nist-csf-2.0: [${csf.join(', ')}]`,
    'evidence:',
    `  - evidence/records-${index % 10}.md`,
    '---',
  ];
  const body = [
    '',
    '## Purpose',
    '',
    paragraph(next, 60),
    '',
    '## Scope',
    '',
    paragraph(next, 35),
    `See the [related policy](${sibling(previous)}) and the`,
    `[folder overview](${sibling(folderStart)}#purpose).`,
    '',
    '## Policy statements',
    '',
    ...Array.from({ length: 5 }, () => [`- ${paragraph(next, 12).replace(/\n/g, '\n  ')}`]).flat(),
    '',
    '### Exceptions',
    '',
    paragraph(next, 40),
    '',
    '### Monitoring',
    '',
    paragraph(next, 30),
    '',
    '## Roles and responsibilities',
    '',
    '1. The owner keeps this document current.',
    '2. The approver signs off every change.',
    `3. Questions go to the [security team](https://example.com/security/${index}).`,
    '',
    '## Review',
    '',
    paragraph(next, 60),
    `Evidence is kept in [the records](../../../evidence/records-${index % 10}.md).`,
    '',
  ];
  return `${frontMatter.join('\n')}\n${body.join('\n')}`;
}

function makeCorpus(size) {
  const root = mkdtempSync(path.join(tmpdir(), `isms-bench-${size}-`));
  mkdirSync(path.join(root, 'evidence'));
  for (let index = 0; index < 10; index++) writeFileSync(path.join(root, 'evidence', `records-${index}.md`), `# Records ${index}\n`);
  writeFileSync(path.join(root, '.isms.yml'), 'required_sections: [Purpose, Scope]\n');
  // markdownlint-cli2 reads its config from the folder; the defaults, but only the policies.
  writeFileSync(path.join(root, '.markdownlint-cli2.jsonc'), '{ "config": { "default": true } }\n');
  let bytes = 0;
  for (let index = 0; index < size; index++) {
    if (index % FILES_PER_FOLDER === 0) mkdirSync(path.join(root, folderOf(index)), { recursive: true });
    const text = policy(index);
    bytes += Buffer.byteLength(text);
    writeFileSync(path.join(root, fileOf(index)), text);
  }
  return { root, bytes };
}

// ---------------------------------------------------------------------------------------------
// Measuring: wall time around the child, peak RSS from GNU time (or the child's own resourceUsage).

const RSS_HOOK = `data:text/javascript,process.on('exit',()=>process.stderr.write('bench-maxrss-kb:'+process.resourceUsage().maxRSS+'\\n'))`;

/** Runs `node ...args` in `cwd`: wall time, exit status and peak RSS. */
function measure(args, cwd) {
  const started = performance.now();
  const child = gnuTime
    ? spawnSync(gnuTime, ['-v', process.execPath, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, ['--import', RSS_HOOK, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = performance.now() - started;
  if (child.error) throw child.error;
  const pattern = gnuTime ? /Maximum resident set size \(kbytes\): (\d+)/ : /bench-maxrss-kb:(\d+)/;
  const rssKb = Number(pattern.exec(child.stderr)?.[1] ?? NaN);
  return { wallMs, rssMb: rssKb / 1024, status: child.status, stderr: child.stderr };
}

function best(times) {
  return times.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
}

function runIsms(root, size) {
  const output = path.join(root, 'isms-report.json');
  const result = measure([cli, 'check', '--format', 'json', '--output', output, '--today', TODAY], root);
  if (result.status !== 0 && result.status !== 1) fail(`isms check exited ${result.status}:\n${result.stderr.slice(0, 2000)}`);
  const report = JSON.parse(readFileSync(output, 'utf8'));
  if (report.summary.policies !== size) fail(`isms checked ${report.summary.policies} policies, expected ${size}`);
  return { ...result, errors: report.summary.errors, warnings: report.summary.warnings };
}

function runMarkdownlint(root) {
  const result = measure([markdownlintBin, 'policies/**/*.md'], root);
  if (result.status !== 0 && result.status !== 1) fail(`markdownlint-cli2 exited ${result.status}:\n${result.stderr.slice(0, 2000)}`);
  return result;
}

// ---------------------------------------------------------------------------------------------

const rows = [];
console.log(`isms-as-code benchmark: ${sizes.join(', ')} policies, best of ${runs} run(s), peak RSS via ${gnuTime ? '/usr/bin/time -v' : 'process.resourceUsage()'}`);
for (const size of sizes) {
  const { root, bytes } = makeCorpus(size);
  try {
    const isms = best(Array.from({ length: runs }, () => runIsms(root, size)));
    const lint = withMarkdownlint ? best(Array.from({ length: runs }, () => runMarkdownlint(root))) : null;
    const row = { size, kb: bytes / size / 1024, isms, lint, ratio: lint ? isms.wallMs / lint.wallMs : NaN };
    rows.push(row);
    console.log(
      `  ${String(size).padStart(6)} files (${row.kb.toFixed(1)} KB avg): isms ${(isms.wallMs / 1000).toFixed(2)} s, ${isms.rssMb.toFixed(0)} MB, ` +
        `${isms.errors} errors, ${isms.warnings} warnings` +
        (lint ? `; markdownlint-cli2 ${(lint.wallMs / 1000).toFixed(2)} s, ${lint.rssMb.toFixed(0)} MB; ratio ${row.ratio.toFixed(3)}` : ''),
    );
  } finally {
    if (values.keep) console.log(`  kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

const header = ['files', 'isms s', 'policies/s', 'ms/1k files', 'isms peak MB', 'markdownlint s', 'mdlint peak MB', 'isms/markdownlint'];
const table = rows.map((row) => [
  String(row.size),
  (row.isms.wallMs / 1000).toFixed(2),
  Math.round(row.size / (row.isms.wallMs / 1000)).toString(),
  Math.round((row.isms.wallMs / row.size) * 1000).toString(),
  row.isms.rssMb.toFixed(0),
  row.lint ? (row.lint.wallMs / 1000).toFixed(2) : '-',
  row.lint ? row.lint.rssMb.toFixed(0) : '-',
  row.lint ? row.ratio.toFixed(3) : '-',
]);
const widths = header.map((title, column) => Math.max(title.length, ...table.map((cells) => cells[column].length)));
const line = (cells) => `| ${cells.map((cell, column) => cell.padStart(widths[column])).join(' | ')} |`;
console.log('');
console.log(line(header));
console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
for (const cells of table) console.log(line(cells));
console.log('');

const largest = rows.at(-1);
const smallest = rows[0];
const verdicts = [];
if (largest.lint) verdicts.push([`ratio at ${largest.size} files ${largest.ratio.toFixed(3)} <= ${TARGET_RATIO}`, largest.ratio <= TARGET_RATIO]);
const peak = Math.max(...rows.map((row) => row.isms.rssMb));
verdicts.push([`peak memory ${peak.toFixed(0)} MB < ${TARGET_RSS_MB} MB`, peak < TARGET_RSS_MB]);
if (rows.length > 2) {
  // Linear growth: the extra time per extra file is the same between every pair of sizes
  // (start-up is paid once, so total time per file only falls).
  const marginal = rows.slice(1).map((row, index) => (row.isms.wallMs - rows[index].isms.wallMs) / (row.size - rows[index].size));
  const growth = marginal.at(-1) / marginal[0];
  console.log(`marginal ms per file: ${marginal.map((value) => value.toFixed(3)).join(', ')}`);
  verdicts.push([`marginal time per file ${growth.toFixed(2)}x from the first to the last step (linear: <= ${LINEAR_TOLERANCE}x)`, growth <= LINEAR_TOLERANCE]);
} else if (rows.length === 2) {
  const growth = largest.isms.wallMs / largest.size / (smallest.isms.wallMs / smallest.size);
  verdicts.push([`time per file at ${largest.size} is ${growth.toFixed(2)}x that at ${smallest.size} (linear: <= ${LINEAR_TOLERANCE}x)`, growth <= LINEAR_TOLERANCE]);
}
for (const [text, ok] of verdicts) console.log(`${ok ? 'PASS' : 'MISS'}  ${text}`);
if (values.strict && verdicts.some(([, ok]) => !ok)) process.exit(1);
