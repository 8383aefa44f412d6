/**
 * The front-matter parser: where the YAML is, what it says, and the exact line
 * and column of every key, value and list item (a list item's own line, a scalar's value).
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config/load.js';
import { parseDate } from '../src/model/dates.js';
import { buildPolicyRecord } from '../src/model/policy.js';
import { FrontMatter, parseFrontMatter, splitFrontMatter, type SplitFile } from '../src/parse/front-matter.js';

function split(text: string): SplitFile {
  const result = splitFrontMatter(text);
  if (!result.ok) throw new Error(result.problem.message);
  return result.split;
}

function parse(text: string): FrontMatter {
  const parts = split(text);
  const result = parseFrontMatter(parts.yaml ?? '', parts.yamlStartLine);
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('; '));
  return result.frontMatter;
}

function problems(text: string): string[] {
  const splitResult = splitFrontMatter(text);
  if (!splitResult.ok) return [`${splitResult.problem.rule} ${splitResult.problem.line}:${splitResult.problem.column} ${splitResult.problem.message}`];
  const result = parseFrontMatter(splitResult.split.yaml ?? '', splitResult.split.yamlStartLine);
  return result.ok ? [] : result.problems.map((problem) => `${problem.rule} ${problem.line}:${problem.column} ${problem.message}`);
}

const at = (position: { line: number; column: number } | undefined) => (position ? `${position.line}:${position.column}` : 'none');

describe('splitFrontMatter', () => {
  it('finds the YAML and where the body starts', () => {
    const parts = split('---\nid: POL-A-001\n---\n# Title\n');
    expect(parts).toMatchObject({ yaml: 'id: POL-A-001\n', yamlStartLine: 2, body: '# Title\n', bodyStartLine: 4 });
  });

  it('accepts CRLF, fences with trailing blanks and `...` as the closing line', () => {
    expect(split('---\r\nid: X\r\n---\r\nbody\r\n')).toMatchObject({ yaml: 'id: X\r\n', body: 'body\r\n', bodyStartLine: 4 });
    expect(split('--- \t\nid: X\n---  \nbody')).toMatchObject({ body: 'body' });
    expect(split('---\nid: X\n...\nbody')).toMatchObject({ body: 'body', bodyStartLine: 4 });
  });

  it('accepts an empty front matter and a file that ends at the closing fence', () => {
    expect(split('---\n---\n')).toMatchObject({ yaml: '', body: '', bodyStartLine: 3 });
    expect(split('---\nid: X\n---')).toMatchObject({ yaml: 'id: X\n', body: '' });
  });

  it('a `---` later in the body is a thematic break, not front matter', () => {
    expect(split('---\nid: X\n---\n# T\n\n---\n\nmore\n').body).toBe('# T\n\n---\n\nmore\n');
  });

  it.each([
    ['# Title\n', 'front-matter-missing'],
    ['', 'front-matter-missing'],
    ['\n---\nid: X\n---\n', 'front-matter-missing'],
    ['----\nid: X\n----\n', 'front-matter-missing'],
    ['---\nid: X\n', 'front-matter-invalid'],
    ['---', 'front-matter-invalid'],
    ['---js\nmodule.exports = {}\n---\n', 'front-matter-invalid'],
  ])('%j is %s', (text, rule) => {
    const result = splitFrontMatter(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.rule).toBe(rule);
  });

  it('names the language of a non-YAML front matter', () => {
    expect(problems('---toml\ntitle = "x"\n---\n')).toEqual([
      'front-matter-invalid 1:4 Unexpected `---toml` front matter, expected YAML: start the file with a plain `---` line (other languages are never evaluated)',
    ]);
  });

  it('a front matter of thousands of lines is read; past the bound it is unclosed', () => {
    const long = `---\n${'# comment\n'.repeat(5000)}id: X\n---\n`;
    expect(split(long).bodyStartLine).toBe(5004);
    expect(problems(`---\n${'# comment\n'.repeat(10_001)}---\n`)).toEqual([expect.stringMatching(/^front-matter-invalid 1:1 Unclosed front matter: no closing `---` line within 10,000 lines/)]);
  });
});

describe('positions', () => {
  const text = [
    '---', // 1
    'id: POL-AC-001', // 2
    'title:   Access control', // 3
    'owners:', // 4
    '  - "@alice"', // 5
    '  -   alice@example.com', // 6
    'iso27001:', // 7
    '  clauses: [5.2, "9.2.1"]', // 8
    '  controls:', // 9
    '    - A.5.15', // 10
    'maps_to: { nist-csf-2.0: [PR.AA-01] }', // 11
    'last_reviewed: 2026-01-31', // 12
    '---',
    '',
  ].join('\n');

  it('every value and list item is at its own line and column', () => {
    const fm = parse(text);
    expect(at(fm.valuePosition(['id']))).toBe('2:5');
    expect(at(fm.valuePosition(['title']))).toBe('3:10');
    expect(at(fm.keyPosition('title'))).toBe('3:1');
    expect(fm.items(['owners']).map((item) => `${String(item.value)} ${at(item.position)}`)).toEqual(['@alice 5:5', 'alice@example.com 6:7']);
    expect(fm.items(['iso27001', 'clauses']).map((item) => at(item.position))).toEqual(['8:13', '8:18']);
    expect(fm.items(['iso27001', 'controls']).map((item) => at(item.position))).toEqual(['10:7']);
    expect(fm.items(['maps_to', 'nist-csf-2.0']).map((item) => at(item.position))).toEqual(['11:27']);
  });

  it('a missing value points at its key, a missing key at line 1', () => {
    const fm = parse('---\nid: POL-A-001\nowners:\n---\n');
    expect(at(fm.valuePosition(['owners']))).toBe('3:1');
    expect(at(fm.valuePosition(['title']))).toBe('1:1');
    expect(buildPolicyRecord('a.md', fm, defaultConfig('/r'), parseDate('2026-01-01')!).owners).toEqual([]);
  });

  it('the policy record keeps ids as written and their positions', () => {
    const record = buildPolicyRecord('policies/a.md', parse(text), defaultConfig('/repo'), parseDate('2026-11-24')!);
    expect(record.clauses).toEqual(['5.2', '9.2.1']);
    expect(record.positions.clauses.map((entry) => at(entry.position))).toEqual(['8:13', '8:18']);
    expect(record.owners).toEqual(['@alice', 'alice@example.com']);
    expect(record.last_reviewed).toBe('2026-01-31');
    expect(record.next_review).toBe('2027-01-31');
    expect(at(record.positions.lastReviewed)).toBe('12:16');
  });

  it('a trailing zero is kept: clause 10.10 is not 10.1', () => {
    const record = buildPolicyRecord('a.md', parse('---\niso27001:\n  clauses: [10.10, 6.10]\n---\n'), defaultConfig('/r'), parseDate('2026-01-01')!);
    expect(record.clauses).toEqual(['10.10', '6.10']);
  });
});

describe('values as written (YAML 1.2 core schema)', () => {
  it('dates stay text, including impossible ones', () => {
    expect(parse('---\nlast_reviewed: 2026-02-30\nnext_review: 2026-03-01\n---\n').data).toEqual({ last_reviewed: '2026-02-30', next_review: '2026-03-01' });
  });

  it('yes/no/on/off are text, not booleans', () => {
    expect(parse('---\na: yes\nb: off\nc: true\n---\n').data).toEqual({ a: 'yes', b: 'off', c: true });
  });

  it('custom tags are never constructed', () => {
    const fm = parse('---\nid: !!js/function "function () { return 1 }"\ntitle: !include /etc/passwd\n---\n');
    expect(typeof fm.data.id).toBe('string');
    expect(fm.data.title).toBe('/etc/passwd');
  });

  it('a merge key is just a key (no implicit inheritance)', () => {
    expect(Object.keys(parse('---\nbase: &b { status: approved }\n<<: *b\n---\n').data)).toEqual(['base', '<<']);
  });

  it('aliases resolve for lists and positions stay on the alias', () => {
    const fm = parse('---\napprover: &boss "@bob"\nowners:\n  - "@alice"\n  - *boss\n---\n');
    expect(fm.items(['owners']).map((item) => `${String(item.value)} ${at(item.position)}`)).toEqual(['@alice 4:5', '@bob 5:5']);
  });
});

describe('YAML problems', () => {
  it('an unquoted @ says to quote it, at the @', () => {
    expect(problems('---\nid: POL-A-001\nowners: [@alice]\n---\n')).toEqual([
      'front-matter-invalid 3:10 Invalid YAML: a value cannot start with `@`; quote it, e.g. `owners: ["@alice"]` or `- "@org/team"`',
    ]);
    expect(problems('---\napprover: `bob`\n---\n')[0]).toMatch(/^front-matter-invalid 2:11 Invalid YAML: a value cannot start with a backtick; quote the whole value/);
  });

  it('a duplicate key is named, at the second one', () => {
    expect(problems('---\nid: A-1\nstatus: draft\nstatus: approved\n---\n')).toEqual(['front-matter-invalid 4:1 Invalid YAML: duplicate key `status`; keep only one of them']);
  });

  it('a tab used for indentation says to use spaces', () => {
    expect(problems('---\niso27001:\n\tcontrols: [A.5.1]\n---\n')[0]).toMatch(/tabs cannot indent YAML; indent with spaces|Invalid YAML/);
  });

  it('a syntax error is placed where the parser finds it, once', () => {
    const found = problems('---\nid: POL-A-001\ntitle: "open\n---\n');
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found).size).toBe(found.length);
    for (const entry of found) expect(entry).toMatch(/^front-matter-invalid \d+:\d+ Invalid YAML: /);
  });

  it('not a mapping', () => {
    expect(problems('---\n- a\n---\n')).toEqual(['front-matter-invalid 2:1 Unexpected a list as front matter, expected a mapping of fields (`id: POL-XX-001`, `title: ...`)']);
    expect(problems('---\n42\n---\n')[0]).toMatch(/Unexpected a number as front matter/);
  });

  it('an alias bomb is refused, a handful of aliases is fine', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let index = 1; index < 8; index++) {
      const name = String.fromCharCode(97 + index);
      const previous = String.fromCharCode(96 + index);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    expect(problems(`---\n${levels.join('\n')}\n---\n`)).toEqual([expect.stringMatching(/^front-matter-invalid 2:1 Too many YAML aliases/)]);
  });

  it('nesting is bounded without overflowing the stack', () => {
    expect(problems(`---\nid: ${'{a: '.repeat(5000)}\n---\n`)).toEqual([expect.stringMatching(/nested more than 64 levels deep/)]);
    expect(problems(`---\nid: ${'['.repeat(65)}${']'.repeat(65)}\n---\n`)).toEqual([expect.stringMatching(/^front-matter-invalid 2:\d+ Invalid YAML: nested more than 64 levels/)]);
    expect(problems(`---\nid: ${'['.repeat(60)}${']'.repeat(60)}\n---\n`)).toEqual([]);
  });
});
