import { it } from 'vitest';
import { bodyComplexity } from '../src/parse/complexity.js';
import { parseBody } from '../src/parse/body.js';
const gens: Record<string, (n: number) => string> = {
  nestedStrongEmph: (n) => '*a **a '.repeat(n) + 'b' + ' a** a*'.repeat(n),
  emphClosersNoOpeners: (n) => 'a_ '.repeat(n),
  emphOpenersNoClosers: (n) => '_a '.repeat(n),
  linkOpenersNoClosers: (n) => '[a '.repeat(n),
  mismatched: (n) => '*a_ '.repeat(n),
  mult3: (n) => 'a**b' + 'c* '.repeat(n),
  linkOpenEmphClose: (n) => '[ a_'.repeat(n),
  nestedBrackets: (n) => '['.repeat(n) + 'a' + ']'.repeat(n),
  nestedBlockQuotes: (n) => '> '.repeat(n) + 'a',
  gt: (n) => '>'.repeat(n) + 'a',
  unclosedLinksA: (n) => '[a](<b'.repeat(n),
  unclosedLinksB: (n) => '[a](b'.repeat(n),
  unclosedComment: (n) => '</' + '<!--'.repeat(n),
  nestedInlines: (n) => '*'.repeat(n) + 'a' + '*'.repeat(n),
  quotedEmph: (n) => '> *a **a\n'.repeat(n),
  lazyEmph: (n) => '*a **a\n'.repeat(n),
  nestedListShallow: (n) => '- - - - - - - - - - a\n'.repeat(n),
  listdeep: (n) => Array.from({length: n}, (_, i) => ' '.repeat(i*2) + '- x').join('\n') + '\n',
  bqlist: (n) => '> - '.repeat(n) + 'x\n',
};
it('patho', () => {
  for (const [name, gen] of Object.entries(gens)) {
    let lo = 1, hi = 1;
    while (!bodyComplexity(gen(hi), 1) && hi < 400000) hi *= 2;
    if (hi >= 400000) { lo = hi; } else { lo = hi / 2; while (hi - lo > 1) { const mid = Math.floor((lo + hi) / 2); if (bodyComplexity(gen(mid), 1)) hi = mid; else lo = mid; } }
    const text = gen(lo);
    const t = performance.now();
    parseBody(text, 1);
    console.log(name.padEnd(22), 'max n', lo, 'len', text.length, 'parse', Math.round(performance.now() - t), 'ms');
  }
}, 600000);
