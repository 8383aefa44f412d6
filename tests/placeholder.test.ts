/**
 * Placeholders `{{ name }}`: found where a reader would see them (front matter
 * values, prose) at their exact line and column, never in code, HTML comments or
 * GitHub expressions; filled by name; an error only once a document is approved.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { fillPlaceholders, findPlaceholders } from '../src/parse/placeholders.js';
import { parseBody } from '../src/parse/body.js';
import { makeRepo } from './support/repo.js';

async function placeholderFindings(text: string) {
  const result = await check({ root: makeRepo({ 'policies/p.md': text }), today: '2026-11-24' });
  return result.findings
    .filter((finding) => finding.rule === 'placeholder-left')
    .map((finding) => `${finding.line}:${finding.column} ${finding.severity} ${/`([^`]+)`/.exec(finding.message)![1]}`);
}

describe('findPlaceholders / fillPlaceholders', () => {
  it('finds names with or without spaces, and not GitHub expressions or single braces', () => {
    const found = findPlaceholders('a {{ owner }} b {{org.name}} c ${{ github.token }} d {x} e {{ 1bad }} f {{ two words }}');
    expect(found.map((match) => match.text)).toEqual(['{{ owner }}', '{{org.name}}']);
    expect(found[0]!.index).toBe(2);
  });

  it('fills the names it is given and leaves the others for the checker', () => {
    expect(fillPlaceholders('{{ a }}/{{b}}/{{ c }}', { a: '1', b: '2' })).toBe('1/2/{{ c }}');
    expect(fillPlaceholders('{{ toString }}', {})).toBe('{{ toString }}');
  });
});

describe('body placeholders', () => {
  it('skips code spans, fenced and indented code and HTML comments, with positions in the file', () => {
    const body = [
      '# {{ title }}',
      '',
      'Use `{{ inline }}` here, then {{ real }}.',
      '',
      '```',
      '{{ fenced }}',
      '```',
      '',
      '    {{ indented }}',
      '',
      '<!-- guidance {{ hidden }} -->',
      '',
      '| {{ cell }} | [link]({{ url }}) |',
      '|---|---|',
      '',
    ].join('\n');
    const facts = parseBody(body, 10).placeholders;
    expect(facts.map((fact) => `${fact.line}:${fact.column} ${fact.name}`)).toEqual(['10:3 title', '12:31 real', '22:3 cell', '22:23 url']);
  });

  it('keeps columns right with CRLF line endings', () => {
    const facts = parseBody('intro\r\n\r\nfor {{ organization }}\r\n', 5).placeholders;
    expect(facts.map((fact) => `${fact.line}:${fact.column}`)).toEqual(['7:5']);
  });
});

describe('rule placeholder-left', () => {
  it('warns in a draft, at the placeholder itself in front matter and body', async () => {
    const text = '---\nid: POL-A-001\ntitle: "Policy for {{ organization }}"\nowners: ["@a"]\nstatus: draft\niso27001: { controls: [A.5.1] }\n---\n# T\n\nText {{ x }}.\n';
    expect(await placeholderFindings(text)).toEqual(['3:20 warning {{ organization }}', '10:6 warning {{ x }}']);
  });

  it('is an error once the document is approved', async () => {
    const text = '---\nid: POL-A-001\ntitle: T\nowners: ["@a"]\nstatus: approved\napprover: "@b"\nlast_reviewed: 2026-01-05\niso27001: { controls: [A.5.1] }\n---\n# T\n\n{{ scope }}\n';
    expect(await placeholderFindings(text)).toEqual(['12:1 error {{ scope }}']);
  });

  it('finds placeholders in block scalars and list items at their own line', async () => {
    const text = '---\nid: POL-A-001\ntitle: T\nowners: ["@a"]\nstatus: review\nlast_reviewed: 2026-01-05\nevidence:\n  - "{{ evidence_path }}"\nversion: |\n  first line\n  then {{ version_note }}\niso27001: { controls: [A.5.1] }\n---\n# T\n';
    expect(await placeholderFindings(text)).toEqual(['8:6 warning {{ evidence_path }}', '11:8 warning {{ version_note }}']);
  });

  it('ignores keys, YAML comments and filled documents', async () => {
    const text = '---\nid: POL-A-001 # {{ not_a_value }}\ntitle: T\nowners: ["@a"]\nstatus: draft\niso27001: { controls: [A.5.1] }\n---\n# T\n\nNo blanks here: `{{ code }}`.\n';
    expect(await placeholderFindings(text)).toEqual([]);
  });
});

/** The placeholder-left findings of one policy in a repository with `config` as `.isms.yml`. */
async function findingsWith(config: string, text: string) {
  const result = await check({ root: makeRepo({ '.isms.yml': config, 'policies/p.md': text }), today: '2026-11-24' });
  return result.findings.filter((finding) => finding.rule === 'placeholder-left').map((finding) => `${finding.line}:${finding.column} ${finding.severity} ${/`([^`]+)`/.exec(finding.message)![1]}`);
}

describe('placeholders left by templates from elsewhere', () => {
  const draft = (frontMatter: string, body: string) =>
    `---\nid: POL-A-001\ntitle: T\nowners: ["@a"]\nstatus: draft\niso27001: { controls: [A.5.1] }\n${frontMatter}---\n# T\n\n${body}\n`;

  it('finds Mustache sections, inverted sections, raw variables and partials', () => {
    const found = findPlaceholders('{{#offices}}{{name}}{{/offices}}{{^offices}}none{{/offices}} {{&raw}} {{{rawer}}} {{> footer}} ${{ github.sha }}');
    expect(found.map((match) => `${match.index} ${match.text} ${match.name}`)).toEqual([
      '0 {{#offices}} offices',
      '12 {{name}} name',
      '20 {{/offices}} offices',
      '32 {{^offices}} offices',
      '48 {{/offices}} offices',
      '61 {{&raw}} raw',
      '70 {{{rawer}}} rawer',
      '82 {{> footer}} footer',
    ]);
  });

  it('reports bracketed and angle-bracket blanks in the body, not in code, comments or links', async () => {
    const body = [
      'This policy binds [YOUR_ORGANISATION_NAME] and <your company name>.', // 10
      '',
      'Not `[CODE_NAME]`, <!-- [COMMENT_NAME] -->, [LINKED](https://example.org), <https://example.org>, <br> or [ ] and [x].', // 12
      '',
      '| Owner | [DOCUMENT OWNER] |', // 14
      '|---|---|',
    ].join('\n');
    expect(await placeholderFindings(draft('', body))).toEqual([
      '10:19 warning [YOUR_ORGANISATION_NAME]',
      '10:48 warning <your company name>',
      '14:11 warning [DOCUMENT OWNER]',
    ]);
  });

  it('reports TBD, TBC, XXX and TODO as a whole field value, not inside a sentence', async () => {
    const frontMatter = 'version: TBD\nclassification: "tbc"\naudience: [XXX]\nauthor: TODO\nsummary: "The next test date is TBD"\n';
    expect(await placeholderFindings(draft(frontMatter, 'The owner is TBD until the board meets.'))).toEqual([
      '7:10 warning TBD',
      '8:18 warning tbc',
      '9:12 warning XXX',
      '10:9 warning TODO',
    ]);
  });

  it('reports a bracketed token and <your ...> in a front matter value, an error once approved', async () => {
    const text =
      '---\nid: POL-A-001\ntitle: "[COMPANY] Access Policy for <your team>"\nowners: ["@a"]\nstatus: approved\napprover: "@b"\nlast_reviewed: 2026-01-05\niso27001: { controls: [A.5.1] }\n---\n# T\n';
    expect(await placeholderFindings(text)).toEqual(['3:9 error [COMPANY]', '3:37 error <your team>']);
  });

  it('allows variables by name from placeholders.allow, with or without spaces, and reports the others', async () => {
    const text = draft('version: "{{ companyShortName }}-1"\n', 'For {{companyShortName}} and {{ companyShortName }}, not {{ companyLongName }}.');
    expect(await findingsWith('placeholders:\n  allow: [companyShortName]\n', text)).toEqual(['11:58 warning {{ companyLongName }}']);
    // Without the allow list every one is reported: the test above depends on it.
    expect(await findingsWith('', text)).toHaveLength(4);
  });
});
