/**
 * placeholder-left: a template placeholder nobody filled in. Templates (and
 * `isms new` / `isms init`) write `{{ name }}` where a person must decide the
 * text; templates from elsewhere write `[YOUR_ORGANISATION_NAME]`,
 * `<your company name>`, Mustache sections or `TBD`. An approved document must
 * not keep one, a draft may while it is written.
 */
import { visit } from 'yaml';
import { findValuePlaceholders } from '../parse/placeholders.js';
import type { FileRule } from './types.js';

export const placeholderLeft: FileRule = {
  id: 'placeholder-left',
  scope: 'file',
  defaultSeverity: 'warning',
  summary:
    'An unfilled template placeholder (`{{ name }}`, a Mustache tag, `[YOUR_ORGANISATION_NAME]`, `<your company name>`, a `TBD` field) in front matter or body: an error when the document is approved, a warning otherwise.',
  docs: [
    'Templates mark what a person must fill in. Reported wherever a reader would see it:',
    '',
    '- a variable in two braces, `{{ organization }}`, `{{in_scope_locations}}` (spaces inside the braces are optional; the name is letters, digits, `_`, `-` or `.`, starting with a letter), and Mustache tags: sections `{{#x}}`, `{{/x}}`, `{{^x}}`, raw variables `{{&x}}` and `{{{x}}}`, partials `{{> x}}`;',
    '- a bracketed upper-case token of two or more characters (letters, digits, `_`, spaces, at least one letter): `[YOUR_ORGANISATION_NAME]`, `[COMPANY NAME]`, `[TBD]`. Not a Markdown link `[X](...)`, a reference `[X][y]` or a shortcut reference whose label is defined, a task list box `[ ]` / `[x]`, a footnote `[^1]` or an escaped `\\[X]`;',
    '- `<your ...>` in angle brackets (`<your company name>`, `<Your-Org>`), which Markdown would otherwise hide as an HTML tag; other HTML tags and autolinks (`<https://...>`) are not placeholders;',
    '- a front matter value that is only `TBD`, `TBC`, `TBA`, `XXX` or `TODO` (any case). Inside a sentence (`the date is TBD`) these are prose and not reported.',
    '',
    'In front matter a placeholder is quoted so the YAML parses: `title: "{{ title }}"`. `isms new` and `isms init` fill `id`, `title`, `owner`, `organization` (from `--org` or `organization` in `.isms.yml`) and `today`; replace the rest with the real text. Placeholders in code spans, code blocks and HTML comments are not reported, nor is a GitHub Actions expression `${{ ... }}`.',
    '',
    'A team that renders its documents from templates at build time can allow variables by name in `.isms.yml`: `placeholders: { allow: [companyShortName] }` allows `{{ companyShortName }}` and `{{companyShortName}}` (and `[COMPANY_SHORT_NAME]`-style tokens whose text is listed).',
    '',
    'The finding is a warning while the document is a draft or in review, and an error once `status: approved`: an approved document with blanks in it is not a decision anyone can audit.',
  ].join('\n'),
  examples: {
    ok: [
      {
        name: 'a filled document, with braces only in code and comments',
        text: '---\nid: POL-AC-001\ntitle: Access Control Policy\nstatus: approved\n---\n# Access control\n\n<!-- Replace {{ organization }} with the company name. -->\n\nWrite `{{ name }}` for a placeholder; the workflow passes `${{ github.token }}`.\n\n```yaml\nid: "{{ id }}"\n```\n',
      },
      {
        name: 'links, references, task lists, footnotes, HTML and prose TBD are not blanks',
        text: '---\nid: POL-AC-001\ntitle: Access Control Policy\nstatus: draft\n---\n# Access control\n\nSee [ISO](https://www.iso.org/), [the SoA][SOA] and [POLICY] and <https://example.org/>.[^1]\n\n- [ ] reviewed\n- [x] approved<br>\n\nThe date of the next test is TBD.\n\n[SOA]: soa.md\n[POLICY]: policy.md\n[^1]: A footnote.\n',
      },
      {
        name: 'a variable the build fills, allowed by name',
        files: { '.isms.yml': 'placeholders:\n  allow: [companyShortName]\n' },
        text: '---\nid: POL-AC-001\ntitle: "{{ companyShortName }} Access Control Policy"\nstatus: approved\n---\n# Access control at {{companyShortName}}\n',
      },
    ],
    notOk: [
      {
        name: 'placeholders in a draft',
        text: '---\nid: POL-AC-001\ntitle: "{{ title }}"\nstatus: draft\n---\n# Access control\n\nThis policy applies to {{ organization }} and {{organization}}.\n',
        expected: ['3:9 Unfilled placeholder `{{ title }}`', '8:24 Unfilled placeholder `{{ organization }}`', '8:47 `{{organization}}`'],
      },
      {
        name: 'a placeholder in an approved document',
        text: '---\nid: POL-AC-001\nstatus: approved\nowners:\n  - "@alice"\n  - "{{ owner }}"\n---\n# Access control\n',
        expected: ['6:6 Unfilled placeholder `{{ owner }}` in an approved document'],
      },
      {
        name: 'blanks from other templates: brackets, angle brackets, Mustache sections, a TBD field',
        text: '---\nid: POL-AC-001\ntitle: "[YOUR_ORGANISATION_NAME] Access Control Policy"\nversion: TBD\nstatus: draft\n---\n# Access control\n\n[COMPANY NAME] and <your company name> agree.\n\n{{#has_offices}}Offices: {{{office_list}}}{{/has_offices}}\n',
        expected: [
          '3:9 `[YOUR_ORGANISATION_NAME]`',
          '4:10 `TBD`',
          '9:1 `[COMPANY NAME]`',
          '9:20 `<your company name>`',
          '11:1 `{{#has_offices}}`',
          '11:26 `{{{office_list}}}`',
          '11:43 `{{/has_offices}}`',
        ],
      },
    ],
  },
  check({ frontMatter, body, policy, config, report }) {
    const approved = policy.status === 'approved';
    const severity = approved ? 'error' : 'warning';
    const allowed = new Set(config.placeholderAllow);
    const message = (text: string) =>
      approved
        ? `Unfilled placeholder \`${text}\` in an approved document: replace it with the real text, or set \`status: draft\` until it is written`
        : `Unfilled placeholder \`${text}\`: replace it with the real text before the document is approved`;
    visit(frontMatter.doc, {
      Scalar(key, node) {
        if (key === 'key' || typeof node.value !== 'string' || !node.range) return;
        // Search the source as written so the column is exact; escapes (rare) fall back to the value's start.
        const start = node.range[0];
        const raw = frontMatter.source.slice(start, node.range[1]);
        const inSource = findValuePlaceholders(node.value, raw);
        const located =
          inSource.length > 0
            ? inSource.map((match) => ({ text: match.text, name: match.name, offset: start + match.index }))
            : findValuePlaceholders(node.value)
                .slice(0, 1)
                .map((match) => ({ text: match.text, name: match.name, offset: start }));
        for (const { text, name, offset } of located) if (!allowed.has(name)) report(message(text), frontMatter.positionOf(offset), { severity });
      },
    });
    for (const placeholder of body.placeholders) if (!allowed.has(placeholder.name)) report(message(placeholder.text), placeholder, { severity });
  },
};
