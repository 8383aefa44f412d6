/**
 * front-matter-invalid: the front matter must be a YAML mapping. Syntax errors,
 * duplicate keys, alias bombs, other front-matter languages (`---js`) and
 * non-UTF-8 or binary content are reported here, never evaluated.
 * Raised by the parser (src/parse/front-matter.ts, src/parse/read-file.ts).
 */
import type { ParseRule } from './types.js';

const bomb = [
  '---',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
  '---',
  '',
].join('\n');

export const frontMatterInvalid: ParseRule = {
  id: 'front-matter-invalid',
  scope: 'parse',
  defaultSeverity: 'error',
  summary: 'YAML syntax error, alias bomb, non-YAML language, or front matter that is not a mapping.',
  docs: [
    'The front matter must be a YAML mapping of fields. The message says where the YAML breaks and how to mend it.',
    'The commonest mistake is an unquoted owner: `owners: @alice` is not valid YAML because `@` is reserved; write `owners: ["@alice"]`.',
    'Front matter in another language (`---js`, `---json`, `---toml`) is refused without being read: policies arrive in pull requests and nothing in them is ever executed.',
  ].join('\n\n'),
  examples: {
    ok: [{ name: 'a YAML mapping', text: '---\nid: POL-AC-001\nowners: ["@alice"]\n---\n' }],
    notOk: [
      { name: 'unquoted @owner', text: '---\nid: POL-AC-001\nowners: @alice\n---\n', expected: ['3:9 quote it'] },
      { name: 'JavaScript front matter', text: '---js\n{ id: require("fs").writeFileSync("pwned", "") }\n---\n', expected: ['1:4 `---js`'] },
      { name: 'a list instead of a mapping', text: '---\n- id: POL-AC-001\n---\n', expected: ['2:1 Unexpected a list'] },
      { name: 'a duplicate key', text: '---\nid: POL-AC-001\nid: POL-AC-002\n---\n', expected: ['3:1 duplicate key `id`'] },
      { name: 'unclosed front matter', text: '---\nid: POL-AC-001\n# Access control\n', expected: ['1:1 Unclosed'] },
      { name: 'an alias bomb', text: bomb, expected: ['2:1 Too many YAML aliases'] },
    ],
  },
};
