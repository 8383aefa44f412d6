/**
 * The Markdown scanner (src/parse/markdown-scan.ts) against remark, the full
 * CommonMark parser it replaces in `isms check`: same headings (text, depth,
 * position), same links, images and definitions (URL, position), same code and
 * comment ranges for placeholders, on real documents, on tricky snippets and on
 * seeded random documents. And it stays linear on inputs that make remark crawl.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanMarkdown } from '../src/parse/markdown-scan.js';
import { bodyPlaceholders, placeholdersOutside } from '../src/parse/placeholders.js';
import { check } from '../src/check.js';
import { remarkFacts as remarkHeadingsAndLinks, remarkTree, scannedFacts as scannedHeadingsAndLinks } from './support/markdown-facts.js';
import { makeRepo } from './support/repo.js';

interface Facts {
  headings: string[];
  links: string[];
  placeholders: string[];
}

/** Headings and links (tests/support/markdown-facts.ts) and the placeholders outside code and comments, by remark. */
function remarkFacts(text: string): Facts {
  const tree = remarkTree(text);
  const placeholders = bodyPlaceholders(text, tree, 1).map((entry) => `${entry.line}:${entry.column} ${entry.name}`);
  return { ...remarkHeadingsAndLinks(text, tree), placeholders };
}

/** The same, by the scanner. */
function scannedFacts(text: string): Facts {
  const scanned = scanMarkdown(text, 1);
  const placeholders = placeholdersOutside(text, scanned.masked, 1).map((entry) => `${entry.line}:${entry.column} ${entry.name}`);
  return { ...scannedHeadingsAndLinks(text, scanned), placeholders };
}

function markdownFiles(folder: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(folder)) {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) found.push(...markdownFiles(full));
    else if (name.endsWith('.md')) found.push(full);
  }
  return found;
}

const repo = path.resolve(import.meta.dirname, '..');

describe('the scanner reads documents as remark does', () => {
  const documents = [
    path.join(repo, 'README.md'),
    ...['policies', 'templates', 'docs', 'evidence'].flatMap((folder) => {
      try {
        return markdownFiles(path.join(repo, folder));
      } catch {
        return [];
      }
    }),
  ];

  it.each(documents.map((file) => [path.relative(repo, file), file]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(scannedFacts(text)).toEqual(remarkFacts(text));
  });
});

describe('tricky snippets', () => {
  const snippets = [
    '# Title #\n## Closing ## x\n#no\n####### seven\n  # indented\n    # code',
    'Setext\n===\n\nTwo\nlines\n---\n\n---\n',
    '`[not](a.md)` [yes](b.md) ``a`b`` [c](d.md)',
    '```\n[in code](x.md)\n# not a heading\n```\n[after](y.md)',
    '~~~~\n```\n[x](a)\n~~~~\n[z](b)',
    '    [indented](code.md)\n\npara\n    [continued](para.md)',
    '<div>\n[raw](html.md)\n</div>\n\n[out](side.md)',
    '<!--\n[hidden](a.md)\n{{ hidden }}\n-->\n{{ shown }} <!-- {{ inline }} -->',
    '> quote [a](q.md)\nlazy [b](l.md)\n\n> # Quoted heading',
    '- item [a](1.md)\n\n  continued [b](2.md)\n\n      code [c](3.md)\n- ```\n  [d](4.md)\n  ```\n[e](5.md)',
    '1. one\n2) two [x](x.md)\n\n   - nested [y](y.md)\n     > quote [z](z.md)',
    '[ref]: ./defined.md "Title"\n[other]:\n  <spaced name.md>\n\nSee [ref] and [text][other] and [undefined].',
    'para\n[not]: /a-definition\n',
    '[a](<b c>) [d](e "t") [f]( g ) [h](i(j)k) [l](m\\)n) [o](p&amp;q) [r](%20s)',
    '[outer [inner](in.md) text](out.md) ![alt [l](x.md)](img.png) [![i](i.png)](l.md)',
    '<https://example.com/x> <mail@example.com> <not a link> \\[escaped](no.md)',
    '## Access *control* and **bold** and `code` and [link](x.md) and ![img](i.png)',
    '## snake_case_name and _emphasis_ and 2 * 3 and a*b*c',
    'Tabs\there [a](b.md)\n\t\tcode\n- \titem [c](d.md)',
    'Unicode: Überprüfung – 😀 [Anhang](anhang-é.md)',
    'CRLF\r\n## Heading\r\n[link](x.md)\r\n',
    '{{ a }} `{{ b }}` ```\n{{ c }}\n```\n',
    '# Ma&szlig;nahmen &auml;&Ouml; &frac12; &NotANamedEntity; &copy\n[x](f&ouml;rdern.md) [y](&lt;&#x41;&#66;) [z]: &eacute;.md',
    '## &#0; &#1; &#x7f; &#x110000; &#xD800; &#xFFFE; &#65; &#x1F600;\n[a](&#0;&#xFDD0;.md)',
    '[l](<a\\>b>) [m](<a\\<b>) [n](<a>b>)',
  ];
  it.each(snippets.map((snippet) => [JSON.stringify(snippet).slice(0, 60), snippet]))('%s', (_name, snippet) => {
    expect(scannedFacts(snippet)).toEqual(remarkFacts(snippet));
  });
});

describe('character references as remark decodes them, through the checker', () => {
  it('`[x](f&ouml;rdern.md)` links to fördern.md and `# Ma&szlig;nahmen` is the section Maßnahmen', async () => {
    const root = makeRepo({
      '.isms.yml': 'required_sections: [Maßnahmen]\nrules:\n  clause-uncovered: off\n',
      'policies/fördern.md': '---\nid: POL-B-001\n---\n',
      'policies/a.md':
        '---\nid: POL-A-001\ntitle: A\nowners: ["@alice"]\napprover: "@bob"\nstatus: draft\niso27001:\n  controls: [A.5.15]\n---\n# Ma&szlig;nahmen\n\nSee [x](f&ouml;rdern.md) and [y](gel&ouml;scht.md).\n',
    });
    const result = await check({ root, today: '2026-11-24', paths: ['policies/a.md'] });
    const findings = result.findings.map((finding) => `${finding.rule} ${finding.line}:${finding.column}`);
    expect(findings.filter((finding) => finding.startsWith('section-missing'))).toEqual([]);
    // Only the link to a file that does not exist is broken, named as decoded.
    expect(result.findings.filter((finding) => finding.rule === 'link-broken').map((finding) => `${finding.line}:${finding.column} ${finding.message}`)).toEqual([
      expect.stringMatching(/^12:30 .*gelöscht\.md/),
    ]);
  });
});

describe('random documents', () => {
  it('agree with remark on 300 seeded documents', () => {
    let seed = 20261124;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const inline = ['text', '[link](a.md)', '![img](i.png)', '`code`', '**bold**', '*em*', '_em_', '<https://x.y>', '[ref]', '[t][r]', '\\[x]', '<b>', '<!-- c -->', '{{ p }}', '[a](b "t")', '&amp;', '[', ']', '(', ')'];
    const prefixes = ['', '', '', '- ', '* ', '1. ', '2) ', '> ', '>> ', '  ', '    ', '   - ', '> - ', '- > ', '\t', '# ', '## '];
    const line = () => {
      const roll = random();
      if (roll < 0.05) return pick(['```', '~~~', '````']);
      if (roll < 0.08) return pick(['---', '===', '***', '-']);
      if (roll < 0.13) return '';
      if (roll < 0.15) return pick(['<div>', '</div>', '<!--', '-->', '<span>']);
      if (roll < 0.17) return pick(['[r]: /def', '[r]:\n/x']);
      let text = pick(prefixes);
      for (let count = 1 + Math.floor(random() * 4); count > 0; count--) text += `${pick(['', ' '])}${pick(inline)}`;
      return text;
    };
    const mismatches: string[] = [];
    for (let doc = 0; doc < 300; doc++) {
      const text = `${Array.from({ length: 1 + Math.floor(random() * 10) }, line).join('\n')}\n`;
      const expected = remarkFacts(text);
      const actual = scannedFacts(text);
      // Links and placeholders must agree exactly; heading text may differ in exotic inline markup.
      if (JSON.stringify(actual.links) !== JSON.stringify(expected.links) || JSON.stringify(actual.placeholders) !== JSON.stringify(expected.placeholders)) {
        mismatches.push(JSON.stringify(text));
      }
      if (JSON.stringify(actual.headings.map((heading) => heading.split(' ')[0])) !== JSON.stringify(expected.headings.map((heading) => heading.split(' ')[0]))) {
        mismatches.push(`headings: ${JSON.stringify(text)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('linear time on hostile Markdown', () => {
  // Each is about 1 MiB, the largest body the checker reads; remark needs minutes for some.
  const MiB = 1024 * 1024;
  const cases: Array<[string, string]> = [
    ['nested block quotes', `${'>'.repeat(MiB)} x`],
    ['nested list items', `${'- '.repeat(MiB / 2)}x`],
    ['thousands of small lists', '- a\n- b\n\npara\n\n'.repeat(MiB / 16)],
    ['unclosed emphasis', '*a **a _a '.repeat(MiB / 10)],
    ['unclosed links', '[a](b'.repeat(MiB / 5)],
    ['unclosed link destinations in one line', '[a](<b'.repeat(MiB / 6)],
    ['nested brackets', `${'['.repeat(MiB / 2)}x${']'.repeat(MiB / 2)}`],
    ['backtick runs of every length', Array.from({ length: 1400 }, (_, index) => `x${'`'.repeat(index % 700 + 1)}`).join('')],
    ['unclosed HTML comments', '<!--'.repeat(MiB / 4)],
    ['unclosed HTML attributes', '<a b=\''.repeat(MiB / 6)],
    ['a heading full of emphasis', `# ${'*a '.repeat(MiB / 3)}`],
    ['a deep container then blank lines', `${'> '.repeat(50_000)}x${'\n'.repeat(MiB / 2)}`],
  ];

  it.each(cases)('%s', (_name, text) => {
    const started = performance.now();
    scanMarkdown(text, 1);
    // Loose bound for slow CI machines; the quadratic cases take minutes.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
