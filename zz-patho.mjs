import remarkParse from 'remark-parse';
import { unified } from 'unified';
const p = unified().use(remarkParse);
const n = Number(process.argv[3]);
const gens = {
  gt: (n) => '>'.repeat(n) + ' x\n',
  gts: (n) => '> '.repeat(n) + 'x\n',
  lbr: (n) => '['.repeat(n) + 'x\n',
  lbr2: (n) => '['.repeat(n) + 'x' + ']'.repeat(n) + '\n',
  star: (n) => '*a '.repeat(n) + '\n',
  star2: (n) => '*'.repeat(n) + 'a' + '\n',
  starmix: (n) => '*a_ '.repeat(n) + '\n',
  tick: (n) => '`a'.repeat(n) + '\n',
  lt: (n) => '<'.repeat(n) + '\n',
  img: (n) => '!['.repeat(n) + '\n',
  linkopen: (n) => '[a]('.repeat(n) + '\n',
  lines: (n) => 'a\n'.repeat(n),
  refs: (n) => Array.from({length: n/10}, (_, i) => `[r${i}]: u${i}\n`).join('') + '[r1]\n'.repeat(n/10),
  listdeep: (n) => Array.from({length: Math.floor(Math.sqrt(n))}, (_, i) => ' '.repeat(i*2) + '- x').join('\n') + '\n',
  bqlist: (n) => '> - '.repeat(n/4) + 'x\n',
};
const text = gens[process.argv[2]](n);
const t = Date.now();
p.parse(text);
console.log(process.argv[2], n, text.length, Date.now() - t, 'ms');
