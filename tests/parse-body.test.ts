/**
 * Body facts (headings and links with file positions) and the defensive file
 * reader (size limit, binary and non-UTF-8 content, symlinks out of the repository).
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBody } from '../src/parse/body.js';
import { isInside, MAX_FILE_BYTES, readPolicyFile } from '../src/parse/read-file.js';
import { makeRepo } from './support/repo.js';

describe('parseBody', () => {
  const body = [
    '# Access *control* policy', // 10
    '', // 11
    'Intro with [a link](other.md#scope) and ![a diagram](img/flow.png).', // 12
    '', // 13
    'Setext heading', // 14
    '--------------', // 15
    '', // 16
    '- item with [ref][policy] and <https://example.com/x>', // 17
    '', // 18
    '```md', // 19
    '# not a heading', // 20
    '[not a link](nowhere.md)', // 21
    '```', // 22
    '', // 23
    '    [indented code](nowhere.md)', // 24
    '', // 25
    '[policy]: ../policies/backup.md "Backup"', // 26
    '', // 27
    '## `Scope` and **more**', // 28
    '',
  ].join('\n');
  const facts = parseBody(body, 10);

  it('lists headings with depth, plain text and file positions', () => {
    expect(facts.headings).toEqual([
      { depth: 1, text: 'Access control policy', line: 10, column: 1 },
      { depth: 2, text: 'Setext heading', line: 14, column: 1 },
      { depth: 2, text: 'Scope and more', line: 28, column: 1 },
    ]);
  });

  it('lists links, images and definitions, not code', () => {
    expect(facts.links.map((link) => `${link.kind} ${link.url} ${link.line}:${link.column}`)).toEqual([
      'link other.md#scope 12:12',
      'image img/flow.png 12:41',
      'link https://example.com/x 17:31',
      'definition ../policies/backup.md 26:1',
    ]);
  });

  it('an empty body has no facts', () => {
    expect(parseBody('', 5)).toMatchObject({ headings: [], links: [] });
  });

  it('deep nesting does not overflow the stack and keeps document order', () => {
    const deep = parseBody(`${'> '.repeat(20_000)}[deep](a.md)\n\n# After\n`, 1);
    expect(deep.links.map((link) => link.url)).toEqual(['a.md']);
    expect(deep.headings.map((heading) => heading.text)).toEqual(['After']);
  });

  it('positions count characters after non-ASCII text and across CRLF', () => {
    const crlf = parseBody('# Über\r\n\r\nSehr schön: [Anhang](anhang.md)\r\n', 3);
    expect(crlf.headings[0]).toMatchObject({ text: 'Über', line: 3 });
    expect(crlf.links[0]).toMatchObject({ line: 5, column: 13 });
  });
});

describe('parseBody: citations, bold lines used as headings, bracketed placeholders', () => {
  const body = [
    '## 4. Identity management (A.5.16)', // 1
    '', // 2
    'Controls A.7.1 – A.7.14 apply; so do A.8.1-A.8.3, A.5.1 to A.5.3 and (A.5.15, A.5.18 and A.8.3).', // 3
    '', // 4
    'Not here: `A.5.99`, <!-- A.5.20 --> [link](A.5.21.md) Appendix A.1.2, Section A.2, ISO27001A.5.1, A.5.15.1.2.', // 5
    '', // 6
    '```', // 7
    'A.5.22', // 8
    '```', // 9
    '', // 10
    '**Purpose**', // 11
    '', // 12
    '__2. Scope:__', // 13
    '', // 14
    '**Bold** then text', // 15
    '', // 16
    '- **In a list**', // 17
    '', // 18
    'For [YOUR_ORGANISATION_NAME], [COMPANY NAME] and <your company name>; not [x], [ ], [^1], [A](b), [Ab], [SOA][], \\[ESCAPED\\].', // 19
    '', // 20
    '<your legal entity>', // 21
    '', // 22
    '[SOA]: soa.md', // 23
  ].join('\n');
  const facts = parseBody(body, 1);

  it('finds citations outside code, comments and link destinations, ranges and lists as one citation each', () => {
    expect(facts.citations.map((citation) => `${citation.line}:${citation.column} ${citation.text}`)).toEqual([
      '1:28 A.5.16',
      '3:10 A.7.1 – A.7.14',
      '3:38 A.8.1-A.8.3, A.5.1 to A.5.3',
      '3:71 A.5.15, A.5.18 and A.8.3',
    ]);
  });

  it('takes one-line bold paragraphs outside lists as headings, not bold words in text', () => {
    expect(facts.boldLines).toEqual([
      { text: 'Purpose', line: 11, column: 1 },
      { text: '2. Scope:', line: 13, column: 1 },
    ]);
  });

  it('finds bracketed upper-case tokens and <your ...> that are no link, reference, task box or footnote', () => {
    expect(facts.placeholders.map((entry) => `${entry.line}:${entry.column} ${entry.text}`)).toEqual([
      '19:5 [YOUR_ORGANISATION_NAME]',
      '19:31 [COMPANY NAME]',
      '19:50 <your company name>',
      '21:1 <your legal entity>',
    ]);
  });
});

describe('readPolicyFile', () => {
  it('reads UTF-8 and drops a BOM', () => {
    const root = makeRepo({ 'a.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('---\nid: X\n---\n')]) });
    expect(readPolicyFile(root, path.join(root, 'a.md'))).toEqual({ ok: true, text: '---\nid: X\n---\n' });
  });

  it('reads a file of exactly 1 MiB and refuses one byte more', () => {
    const root = makeRepo({ 'limit.md': 'x'.repeat(MAX_FILE_BYTES), 'over.md': 'x'.repeat(MAX_FILE_BYTES + 1) });
    expect(readPolicyFile(root, path.join(root, 'limit.md')).ok).toBe(true);
    const over = readPolicyFile(root, path.join(root, 'over.md'));
    expect(over.ok ? null : over.problem.rule).toBe('file-too-large');
  });

  it('places a NUL byte and an invalid UTF-8 sequence', () => {
    const root = makeRepo({
      'nul.md': Buffer.from('---\nid: X\nab\u0000c\n'),
      'latin1.md': Buffer.concat([Buffer.from('---\ntitle: Caf'), Buffer.from([0xe9]), Buffer.from('\n---\n')]),
    });
    const nul = readPolicyFile(root, path.join(root, 'nul.md'));
    expect(nul.ok ? null : `${nul.problem.rule} ${nul.problem.line}:${nul.problem.column} ${nul.problem.message}`).toBe(
      'front-matter-invalid 3:3 Binary content (a NUL byte): policies must be UTF-8 Markdown text',
    );
    const latin1 = readPolicyFile(root, path.join(root, 'latin1.md'));
    expect(latin1.ok ? null : `${latin1.problem.rule} ${latin1.problem.line}:${latin1.problem.column}`).toBe('front-matter-invalid 2:11');
  });

  it('follows a symlink inside the repository, refuses one that leaves it or dangles', () => {
    const root = makeRepo({ 'real.md': '---\nid: X\n---\n' });
    const outside = makeRepo({ 'secret.md': 'secret' });
    symlinkSync(path.join(root, 'real.md'), path.join(root, 'inside.md'));
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'out.md'));
    symlinkSync(path.join(root, 'gone.md'), path.join(root, 'dangling.md'));
    expect(readPolicyFile(root, path.join(root, 'inside.md'))).toEqual({ ok: true, text: '---\nid: X\n---\n' });
    const out = readPolicyFile(root, path.join(root, 'out.md'));
    expect(out.ok ? null : out.problem.message).toMatch(/leaves the repository and is not followed/);
    expect(JSON.stringify(out)).not.toContain('secret');
    const dangling = readPolicyFile(root, path.join(root, 'dangling.md'));
    expect(dangling.ok ? null : dangling.problem.rule).toBe('link-broken');
  });

  it('a folder named like a policy is not read', () => {
    const root = makeRepo({});
    mkdirSync(path.join(root, 'folder.md'));
    const result = readPolicyFile(root, path.join(root, 'folder.md'));
    expect(result.ok ? null : result.problem.message).toMatch(/Not a regular file/);
  });

  it('a file that cannot be opened is a finding, not an exception', () => {
    const root = makeRepo({});
    const result = readPolicyFile(root, path.join(root, 'missing.md'));
    expect(result.ok ? null : result.problem.message).toMatch(/Cannot read the file \(ENOENT\)/);
  });
});

describe('isInside', () => {
  it.each([
    ['/repo', '/repo', true],
    ['/repo', '/repo/a/b.md', true],
    ['/repo', '/repo/..notes.md', true],
    ['/repo', '/repo/a/../b.md', true],
    ['/repo', '/repo/../etc/passwd', false],
    ['/repo', '/repository/x.md', false],
    ['/repo', '/', false],
    ['/repo', '/etc/passwd', false],
  ])('%s contains %s: %s', (root, target, expected) => {
    expect(isInside(root, path.resolve(target))).toBe(expected);
  });
});
