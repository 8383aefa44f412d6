/**
 * The shipped templates: every one is listed in templates/index.yml, parses,
 * has the sections the default config requires, maps real ISO/IEC 27001:2022
 * ids, and - filled the way `isms new` fills it - passes the real checker with
 * no errors (drafts may keep placeholder warnings).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clausesRequiringDocuments, getClause, getControl } from '../src/catalog/index.js';
import { check } from '../src/check.js';
import { findPlaceholders } from '../src/parse/placeholders.js';
import { parseFrontMatter, splitFrontMatter } from '../src/parse/front-matter.js';
import { fillTemplate } from '../src/scaffold/fill.js';
import { loadTemplates, readTemplate, templatesDir } from '../src/scaffold/templates.js';
import { makeRepo } from './support/repo.js';

const dir = templatesDir();
const templates = loadTemplates(dir);
const KNOWN = ['id', 'title', 'owner', 'organization', 'today'];

function frontMatterOf(text: string) {
  const split = splitFrontMatter(text);
  if (!split.ok) throw new Error(split.problem.message);
  const parsed = parseFrontMatter(split.split.yaml ?? '', split.split.yamlStartLine);
  if (!parsed.ok) throw new Error(parsed.problems[0]!.message);
  return { data: parsed.frontMatter.data, body: split.split.body };
}

describe('templates/index.yml', () => {
  it('lists every template file once, with unique names and id prefixes', () => {
    const files = readdirSync(dir).filter((file) => file.endsWith('.md')).sort();
    expect(templates.map((entry) => entry.file).sort()).toEqual(files);
    expect(new Set(templates.map((entry) => entry.name)).size).toBe(templates.length);
    expect(new Set(templates.map((entry) => entry.idPrefix)).size).toBe(templates.length);
  });

  it('has the document types an ISMS needs', () => {
    const names = templates.map((entry) => entry.name);
    for (const name of [
      'isms-scope', 'information-security-policy', 'risk-management', 'security-objectives', 'competence-and-awareness',
      'document-control', 'operational-planning-and-control', 'monitoring-and-measurement', 'internal-audit',
      'management-review', 'nonconformity-and-corrective-action', 'access-control', 'cryptography', 'asset-management',
      'acceptable-use', 'supplier-security', 'cloud-services', 'incident-management', 'business-continuity', 'backup',
      'logging-and-monitoring', 'vulnerability-management', 'secure-development', 'change-management', 'physical-security',
      'human-resources-security', 'remote-working', 'data-protection-and-privacy', 'information-classification',
      'threat-intelligence', 'data-leakage-prevention', 'configuration-management', 'policy', 'procedure', 'standard', 'record',
    ]) {
      expect(names, name).toContain(name);
    }
  });

  it('gives `isms init` documents that together cover every clause requiring documented information', () => {
    const covered = new Set<string>();
    for (const entry of templates.filter((template) => template.init)) {
      const clauses = (frontMatterOf(readTemplate(entry, dir)).data.iso27001 as { clauses?: string[] }).clauses ?? [];
      for (const clause of clauses) for (let id = clause; id !== ''; id = id.replace(/\.?[^.]*$/, '')) covered.add(id);
    }
    expect(clausesRequiringDocuments.filter((clause) => !covered.has(clause))).toEqual([]);
  });
});

describe.each(templates.map((entry) => [entry.name, entry] as const))('template %s', (_name, entry) => {
  const text = readTemplate(entry, dir);

  it('parses as it is, with placeholders quoted in the front matter', () => {
    const { data } = frontMatterOf(text);
    expect(data.id).toBe('{{ id }}');
    expect(data.title).toBe('{{ title }}');
    expect(data.owners).toEqual(['{{ owner }}']);
    expect(data.status).toBe('draft');
    expect(data.type).toBe(entry.type);
  });

  it('maps real ISO/IEC 27001:2022 clauses and controls', () => {
    const iso = frontMatterOf(text).data.iso27001 as { clauses?: string[]; controls?: string[] };
    const ids = [...(iso.clauses ?? []), ...(iso.controls ?? [])];
    expect(ids.length).toBeGreaterThan(0);
    expect((iso.clauses ?? []).filter((id) => !getClause(id))).toEqual([]);
    expect((iso.controls ?? []).filter((id) => !getControl(id))).toEqual([]);
  });

  it('has Purpose and Scope sections, guidance, and a document history', () => {
    const { body } = frontMatterOf(text);
    expect(body).toMatch(/^## Purpose$/m);
    expect(body).toMatch(/^## Scope$/m);
    expect(body).toContain('<!--');
    expect(body).toMatch(/^## Document history$/m);
  });

  it('uses placeholder names in snake_case, the tool fills the known ones everywhere', () => {
    const names = findPlaceholders(text).map((match) => match.name);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
    const filled = fillTemplate(text, { id: 'POL-T-001', title: 'T', owner: '@alice', today: '2026-11-24', organization: 'Acme' });
    expect(findPlaceholders(filled).map((match) => match.name).filter((name) => KNOWN.includes(name))).toEqual([]);
  });
});

describe('filled templates', () => {
  it('pass the real checker with no errors; drafts warn only about placeholders left', async () => {
    const files: Record<string, string> = { '.isms.yml': 'required_sections: [Purpose, Scope]\n' };
    for (const entry of templates) {
      const id = `${entry.idPrefix}-001`;
      files[`${entry.folder}/${entry.name}.md`] = fillTemplate(readTemplate(entry, dir), {
        id,
        title: `${entry.title}: "quoted" \\ and: colons`,
        owner: '@acme/security',
        today: '2026-11-24',
        organization: 'Acme & Co <Ltd>',
      });
    }
    const result = await check({ root: makeRepo(files), today: '2026-11-24' });
    expect(result.summary.policies).toBe(templates.length);
    expect(result.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect([...new Set(result.findings.map((finding) => finding.rule))]).toEqual(['placeholder-left']);
    const titles = result.policies.map((policy) => policy.title);
    expect(titles).toContain('Access Control Policy: "quoted" \\ and: colons');
  });
});
