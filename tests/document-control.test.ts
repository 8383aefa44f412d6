/**
 * Document-control metadata and document types through the real checker: an
 * ISMS whose documents carry their old register's control block (classification,
 * effective date, distribution, author, supersedes, related, parent, history),
 * a register and a form with no mapping, a procedure under a mapped policy and
 * required sections per type. The clean set gives no finding at all; each
 * problem is one finding at its line, saying what to do.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { toJsonReport } from '../src/format/json.js';
import { documentsById, mappingSources, parentCycles } from '../src/model/document-tree.js';
import type { PolicyRecord } from '../src/model/policy.js';
import { documentFacts } from '../src/report/model.js';
import { makeRepo } from './support/repo.js';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'document-control');
const TODAY = '2026-11-24';

function fixtureFiles(dir = FIXTURE): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const absolute = path.join(dir, name);
    if (statSync(absolute).isDirectory()) Object.assign(files, fixtureFiles(absolute));
    else files[path.relative(FIXTURE, absolute).split(path.sep).join('/')] = readFileSync(absolute, 'utf8');
  }
  return files;
}

async function checkRepo(files: Record<string, string>) {
  return check({ root: makeRepo(files), today: TODAY });
}

function shown(findings: Awaited<ReturnType<typeof checkRepo>>['findings']) {
  return findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.rule} ${finding.message}`);
}

/** Line (1-based) of the first line of `text` that contains `needle`, after line `after`. */
function lineOf(text: string, needle: string, after = 0): number {
  const index = text.split('\n').findIndex((line, number) => number >= after && line.includes(needle));
  if (index === -1) throw new Error(`${needle} not in the fixture`);
  return index + 1;
}

describe('document-control metadata', () => {
  it('a clean set that uses every document-control field, a register, a form and a procedure under a mapped policy has no finding at all', async () => {
    const result = await checkRepo(fixtureFiles());
    expect(result.summary.policies).toBe(7);
    expect(shown(result.findings)).toEqual([]);
  });

  it('keeps the document-control fields on the policy record and in the JSON report', async () => {
    const result = await checkRepo(fixtureFiles());
    const procedure = toJsonReport(result).policies.find((policy) => policy.id === 'PRC-AC-001')!;
    expect(procedure).toMatchObject({
      type: 'procedure',
      classification: 'Internal',
      effective_date: '2026-06-15',
      audience: ['IT operations', 'People team', 'Line managers'],
      author: 'Ola Brandt',
      supersedes: ['PRC-AC-000'],
      related: ['POL-IS-001', 'REG-AS-001', 'FRM-AC-001'],
      parent: 'POL-AC-001',
      history: [
        { version: '1.0', date: '2024-01-08', author: 'Ola Brandt', approver: null, summary: 'First issue' },
        { version: '2.0', date: '2025-05-19', author: 'Ola Brandt', approver: '@fern-ito', summary: 'Movers get a fresh review of their access' },
        { version: '2.1', date: '2026-06-02', author: 'Ola Brandt', approver: null, summary: 'Leavers lose access on their last day' },
      ],
    });
    // The positions are the rules' own: JSON readers see the fields as written, nothing more.
    expect(JSON.stringify(procedure)).not.toContain('"positions"');
    const policy = toJsonReport(result).policies.find((entry) => entry.id === 'POL-IS-001')!;
    expect(policy).toMatchObject({ type: 'policy', audience: ['All staff and contractors'], parent: null, related: [], history: [] });
  });

  it('gives the report the facts to show, in reading order, with the ids to link', async () => {
    const result = await checkRepo(fixtureFiles());
    const procedure = result.policies.find((policy) => policy.id === 'PRC-AC-001')!;
    expect(documentFacts(procedure)).toEqual([
      { label: 'Type', text: 'procedure' },
      { label: 'Classification', text: 'Internal' },
      { label: 'Effective', text: '2026-06-15' },
      { label: 'Audience', text: 'IT operations, People team, Line managers' },
      { label: 'Author', text: 'Ola Brandt' },
      { label: 'Parent', text: 'POL-AC-001', ids: ['POL-AC-001'] },
      { label: 'Supersedes', text: 'PRC-AC-000', ids: ['PRC-AC-000'] },
      { label: 'Related', text: 'POL-IS-001, REG-AS-001, FRM-AC-001', ids: ['POL-IS-001', 'REG-AS-001', 'FRM-AC-001'] },
      { label: 'Last change', text: '2.1, 2026-06-02, Ola Brandt: Leavers lose access on their last day' },
    ]);
    const policy = result.policies.find((entry) => entry.id === 'POL-AC-001')!;
    expect(documentFacts(policy)).toEqual([
      { label: 'Classification', text: 'Internal' },
      { label: 'Parent', text: 'POL-IS-001', ids: ['POL-IS-001'] },
    ]);
  });

  it('reports each problem of a lifted control block once, at its line, with the fix', async () => {
    const text = [
      '---',
      'id: PRC-AC-002',
      'title: Quarterly Access Review',
      'type: procedure',
      'owners: ["@gus-lindqvist"]',
      'approver: "@fern-ito"',
      'status: approved',
      'last_reviewed: 2026-06-02',
      'classification: "Internal"',
      'effective_date: 2026-06-31',
      'distribution:',
      '  - IT operations',
      'author: Ola Brandt',
      'supersedes: [AC-REVIEW-7]',
      'related: [POL-IS-001, POL-AC-01]',
      'parent: POL-AC-001',
      'history:',
      '  - version: "1.0"',
      '    date: 2025-04-01',
      '    summary: First issue',
      '  - version: "1.2"',
      '    date: 2027-01-10',
      '    summary: Reviews every quarter',
      '  - version: "1.1"',
      '    date: 2025-09-10',
      '    summary: Reviews by system owners',
      '---',
      '',
      '# Quarterly Access Review',
      '',
      '## Purpose',
      '',
      'Access that is no longer needed is found and removed.',
      '',
      '## Steps',
      '',
      '1. Each system owner reviews the accounts of their system.',
      '',
    ].join('\n');
    const file = 'policies/access-review.md';
    const result = await checkRepo({ ...fixtureFiles(), [file]: text });
    expect(shown(result.findings)).toEqual([
      `${file}:10:17 error date-invalid Unexpected date \`2026-06-31\` in \`effective_date\`, expected a real date written YYYY-MM-DD (e.g. 2026-03-31)`,
      `${file}:14:14 warning reference-unknown Unknown document \`AC-REVIEW-7\` in \`supersedes\`: no document in the ISMS has this id; keep the superseded document in the ISMS with \`status: retired\` (obsolete documented information stays identifiable), fix the id, or remove it from \`supersedes\``,
      `${file}:15:23 error reference-unknown Unknown document \`POL-AC-01\` in \`related\`: no document in the ISMS has this id (did you mean \`POL-AC-001\`?); fix the id or remove it from \`related\``,
      `${file}:22:11 error history-invalid \`history\` entry 2 is dated 2027-01-10, after today (2026-11-24): history records changes that were made; fix the date or remove the entry until the change is made`,
      `${file}:24:5 error history-invalid \`history\` entry 3 (2025-09-10) is dated before entry 2 (2027-01-10), but the history is listed oldest first: move the entry to its place or fix its date`,
    ]);
    expect(lineOf(text, 'date: 2027-01-10')).toBe(22);
    expect(lineOf(text, 'version: "1.1"')).toBe(24);
  });

  it('accepts `distribution` as `audience`, and reports both at once as one finding at the second', async () => {
    const files = fixtureFiles();
    const file = 'policies/information-security.md';
    files[file] = files[file]!.replace('author: Fern Ito\n', 'distribution: [Board]\nauthor: Fern Ito\n');
    const result = await checkRepo(files);
    expect(shown(result.findings)).toEqual([
      `${file}:14:1 error field-invalid Unexpected both \`audience\` and \`distribution\`: they are the same field (who must read the document); keep one and merge the lists`,
    ]);
  });

  it('warns on the old document when an approved one supersedes it and it is still in force', async () => {
    const files = fixtureFiles();
    const old = 'policies/retired/isp-2019.md';
    files[old] = files[old]!.replace('status: retired', 'status: approved\napprover: "@fern-ito"').replace('last_reviewed: 2024-05-02', 'last_reviewed: 2026-05-02');
    const result = await checkRepo(files);
    expect(shown(result.findings)).toEqual([
      `${old}:6:9 warning superseded-in-force \`ISP-2019\` is superseded by \`POL-IS-001\` (policies/information-security.md, approved) but its status is \`approved\`: set \`status: retired\` so that only the new document is in force`,
    ]);
  });
});

describe('document types and the parent chain', () => {
  it('a register, a form and a record need no mapping; a policy, standard and guideline do', async () => {
    const doc = (id: string, type: string) =>
      `---\nid: ${id}\ntitle: ${type}\ntype: ${type}\nowners: ["@ola-brandt"]\nstatus: draft\n---\n\n${type}\n`;
    const result = await checkRepo({
      '.isms.yml': 'rules: { clause-uncovered: off }\n',
      'policies/register.md': doc('REG-X-001', 'register'),
      'policies/form.md': doc('FRM-X-001', 'form'),
      'policies/record.md': doc('REC-X-001', 'record'),
      'policies/template.md': doc('TPL-X-001', 'template'),
      'policies/standard.md': doc('STD-X-001', 'standard'),
      'policies/guideline.md': doc('GDL-X-001', 'guideline'),
    });
    expect(result.findings.map((finding) => `${finding.file} ${finding.rule}`)).toEqual([
      'policies/guideline.md mapping-missing',
      'policies/standard.md mapping-missing',
    ]);
  });

  it('required_sections as a list applies to policies, procedures and standards only; per type it applies to the types it names', async () => {
    const doc = (id: string, type: string) => `---\nid: ${id}\ntitle: ${type}\ntype: ${type}\nowners: ["@ola-brandt"]\nstatus: draft\nparent: POL-X-001\n---\n\nNo headings.\n`;
    const policies = {
      'policies/policy.md': `---\nid: POL-X-001\ntitle: Policy\nowners: ["@ola-brandt"]\nstatus: draft\niso27001:\n  controls: [A.5.1]\n---\n\nNo headings.\n`,
      'policies/procedure.md': doc('PRC-X-001', 'procedure'),
      'policies/standard.md': doc('STD-X-001', 'standard'),
      'policies/guideline.md': doc('GDL-X-001', 'guideline'),
      'policies/register.md': doc('REG-X-001', 'register'),
      'policies/form.md': doc('FRM-X-001', 'form'),
      'policies/template.md': doc('TPL-X-001', 'template'),
    };
    const sections = async (config: string) =>
      (await checkRepo({ '.isms.yml': `rules: { clause-uncovered: off }\n${config}`, ...policies })).findings.map((finding) => `${finding.file} ${finding.rule} ${finding.message.split(':')[0]}`);
    expect(await sections('required_sections: [Purpose]\n')).toEqual([
      'policies/policy.md section-missing Missing section `Purpose`',
      'policies/procedure.md section-missing Missing section `Purpose`',
      'policies/standard.md section-missing Missing section `Purpose`',
    ]);
    expect(await sections('required_sections:\n  register: [Assets]\n  guideline: [Purpose]\n')).toEqual([
      'policies/guideline.md section-missing Missing section `Purpose`',
      'policies/register.md section-missing Missing section `Assets`',
    ]);
  });

  it('a document under a parent that maps nothing: one finding, on the parent; under a register: on the document', async () => {
    const files = fixtureFiles();
    const parent = 'policies/access-control.md';
    // POL-AC-001 hangs off the mapped POL-IS-001, so it needs no mapping of its own ...
    files[parent] = files[parent]!.replace(/iso27001:\n {2}controls: \[[^\]]*\]\n/, '');
    expect(shown((await checkRepo(files)).findings)).toEqual([]);
    // ... until it is a top policy: then it is the one finding; the procedure and the form under it get none.
    files[parent] = files[parent]!.replace('parent: POL-IS-001\n', '');
    const underPolicy = await checkRepo(files);
    expect(shown(underPolicy.findings)).toEqual([
      `${parent}:1:1 error mapping-missing Missing mapping: add the clauses (\`iso27001.clauses: ["5.2"]\`) or Annex A controls (\`iso27001.controls: [A.5.1]\`) this document satisfies`,
    ]);

    const procedure = 'policies/access-provisioning.md';
    const underRegister = fixtureFiles();
    underRegister[procedure] = underRegister[procedure]!.replace('parent: POL-AC-001', 'parent: REG-AS-001');
    const text = underRegister[procedure]!;
    expect(shown((await checkRepo(underRegister)).findings)).toEqual([
      `${procedure}:1:1 error mapping-missing Missing mapping: neither this document nor its parent \`REG-AS-001\` (a register) maps a clause or control; add the clauses (\`iso27001.clauses: ["5.2"]\`) or Annex A controls (\`iso27001.controls: [A.5.1]\`) this document satisfies, or name a mapped policy as \`parent\``,
    ]);
    expect(lineOf(text, 'parent:')).toBeGreaterThan(1);
  });

  it('a parent that does not exist is reference-unknown alone (no second finding from mapping-missing)', async () => {
    const files = fixtureFiles();
    const procedure = 'policies/access-provisioning.md';
    files[procedure] = files[procedure]!.replace('parent: POL-AC-001', 'parent: POL-AC-009');
    const text = files[procedure]!;
    expect(shown((await checkRepo(files)).findings)).toEqual([
      `${procedure}:${lineOf(text, 'parent:')}:9 error reference-unknown Unknown document \`POL-AC-009\` in \`parent\`: no document in the ISMS has this id; fix the id or remove \`parent\``,
    ]);
  });

  it('a parent cycle is one finding, on the document first in path order', async () => {
    const files = fixtureFiles();
    // POL-IS-001 -> POL-AC-001 -> POL-IS-001: both map, so only the cycle is wrong.
    const top = 'policies/information-security.md';
    files[top] = files[top]!.replace('author: Fern Ito\n', 'author: Fern Ito\nparent: POL-AC-001\n');
    expect(shown((await checkRepo(files)).findings)).toEqual([
      `policies/access-control.md:${lineOf(files['policies/access-control.md']!, 'parent:')}:9 error reference-unknown Unexpected \`parent\` cycle: POL-AC-001 -> POL-IS-001 -> POL-AC-001; a parent chain must end at a document without \`parent\` (the top policy): remove \`parent\` from one of them`,
    ]);
  });
});

describe('the parent chain at scale', () => {
  function record(id: string, parent: string | null, mapped: boolean, file = `policies/${id}.md`): PolicyRecord {
    return {
      id,
      file,
      type: 'procedure',
      clauses: mapped ? ['5.2'] : [],
      controls: [],
      document: { parent, supersedes: [], related: [], history: [], audience: [], classification: null, effective_date: null, author: null, positions: { parent: null, supersedes: [], related: [], mapping: { line: 1, column: 1 } } },
    } as unknown as PolicyRecord;
  }

  it('resolves a 50,000-document parent chain and a 50,000-document cycle without recursion', () => {
    const size = 50_000;
    const name = (index: number) => `PRC-${String(index).padStart(6, '0')}`;
    const chain = Array.from({ length: size }, (_, index) => record(name(index), index === 0 ? null : name(index - 1), index === 0));
    const byId = documentsById(chain);
    const sources = mappingSources(chain, byId);
    expect(sources.get(chain[size - 1]!)).toEqual({ kind: 'ancestor', from: chain[0] });
    expect(parentCycles(chain, byId)).toEqual([]);

    const cycle = Array.from({ length: size }, (_, index) => record(name(index), name((index + 1) % size), false));
    const cycleIndex = documentsById(cycle);
    expect(mappingSources(cycle, cycleIndex).get(cycle[123]!)).toEqual({ kind: 'broken' });
    const cycles = parentCycles(cycle, cycleIndex);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]![0]).toBe(cycle[0]);
    expect(cycles[0]).toHaveLength(size);
  });
});
