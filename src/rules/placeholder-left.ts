/**
 * placeholder-left: a template placeholder nobody filled in. Templates (and
 * `isms new` / `isms init`) write `{{ name }}` where a person must decide the
 * text; an approved document must not keep one, a draft may while it is written.
 */
import { visit } from 'yaml';
import { findPlaceholders } from '../parse/placeholders.js';
import type { FileRule } from './types.js';

export const placeholderLeft: FileRule = {
  id: 'placeholder-left',
  scope: 'file',
  defaultSeverity: 'warning',
  summary: 'An unfilled template placeholder `{{ name }}` in front matter or body: an error when the document is approved, a warning otherwise.',
  docs: [
    'Templates mark what a person must fill in with a placeholder: two braces around a name, `{{ organization }}`, `{{ in_scope_locations }}` (spaces inside the braces are optional; the name is letters, digits, `_`, `-` or `.`, starting with a letter). In front matter the placeholder is quoted so the YAML parses: `title: "{{ title }}"`.',
    '',
    '`isms new` and `isms init` fill `id`, `title`, `owner`, `organization` (from `--org` or `organization` in `.isms.yml`) and `today`; replace the rest with the real text. Placeholders in code spans, code blocks and HTML comments are not reported, nor is a GitHub Actions expression `${{ ... }}`.',
    '',
    'The finding is a warning while the document is a draft or in review, and an error once `status: approved`: an approved document with blanks in it is not a decision anyone can audit.',
  ].join('\n'),
  examples: {
    ok: [
      {
        name: 'a filled document, with braces only in code and comments',
        text: '---\nid: POL-AC-001\ntitle: Access Control Policy\nstatus: approved\n---\n# Access control\n\n<!-- Replace {{ organization }} with the company name. -->\n\nWrite `{{ name }}` for a placeholder; the workflow passes `${{ github.token }}`.\n\n```yaml\nid: "{{ id }}"\n```\n',
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
    ],
  },
  check({ frontMatter, body, policy, report }) {
    const approved = policy.status === 'approved';
    const severity = approved ? 'error' : 'warning';
    const message = (text: string) =>
      approved
        ? `Unfilled placeholder \`${text}\` in an approved document: replace it with the real text, or set \`status: draft\` until it is written`
        : `Unfilled placeholder \`${text}\`: replace it with the real text before the document is approved`;
    visit(frontMatter.doc, {
      Scalar(key, node) {
        if (key === 'key' || typeof node.value !== 'string' || !node.range) return;
        const found = findPlaceholders(node.value);
        if (found.length === 0) return;
        // Search the source as written so the column is exact; escapes (rare) fall back to the value's start.
        const start = node.range[0];
        const raw = frontMatter.source.slice(start, node.range[1]);
        const inSource = findPlaceholders(raw);
        const located = inSource.length > 0 ? inSource.map((match) => ({ text: match.text, offset: start + match.index })) : [{ text: found[0]!.text, offset: start }];
        for (const { text, offset } of located) report(message(text), frontMatter.positionOf(offset), { severity });
      },
    });
    for (const placeholder of body.placeholders) report(message(placeholder.text), placeholder, { severity });
  },
};
