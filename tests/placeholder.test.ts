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
