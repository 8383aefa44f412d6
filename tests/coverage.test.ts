/**
 * Coverage of the ISMS (one computation per run, shared by rules and renderers)
 * and its Markdown picture for job summaries and PR comments.
 */
import { describe, expect, it } from 'vitest';
import { controls } from '../src/catalog/index.js';
import { check } from '../src/check.js';
import { computeCoverage, coverageIndex } from '../src/model/coverage.js';
import { emptyDocumentControl } from '../src/model/document-control.js';
import type { PolicyRecord } from '../src/model/policy.js';
import type { Soa } from '../src/model/soa.js';
import { formatJson, type JsonCoverage } from '../src/format/json.js';
import { formatText } from '../src/format/text.js';
import { coverageMarkdown, renderHtmlReport, renderSoa } from '../src/report/index.js';
import { makeRepo } from './support/repo.js';

function record(id: string, fields: Partial<PolicyRecord> = {}): PolicyRecord {
  const at = { line: 1, column: 1 };
  return {
    id,
    title: id,
    file: `policies/${id}.md`,
    type: 'policy',
    owners: ['@alice'],
    approver: null,
    approved_on: null,
    owner_holders: ['@alice'],
    roles: {},
    status: 'approved',
    version: null,
    last_reviewed: '2026-06-01',
    review_every: '12 months',
    next_review: '2027-06-01',
    review_state: 'ok',
    days_until_review: 189,
    clauses: [],
    controls: [],
    maps_to: {},
    evidence: [],
    document: emptyDocumentControl(),
    // Hand-built records count their ids as written (buildPolicyRecord reads them through the catalog).
    mapping: { edition: 2022, reason: 'config', clauseEdition: 2022, clauses: [], controls: [], counted: { clauses: fields.clauses ?? [], controls: fields.controls ?? [] } },
    positions: { id: at, status: at, lastReviewed: at, nextReview: at, owners: [], approver: at, clauses: [], controls: [] },
    ...fields,
  };
}

function soaOf(decisions: Record<string, boolean>): Soa {
  return {
    file: 'soa.yml',
    decisions: new Map(
      Object.entries(decisions).map(([control, applicable]) => [
        control,
        { control, applicable, justification: applicable ? null : 'n/a', implementation: null, notes: null, position: { line: 1, column: 1 } },
      ]),
    ),
  };
}

describe('coverage', () => {
  it('gives each control one state: covered, overdue-only, uncovered or excluded', () => {
    const policies = [
      record('POL-A-001', { controls: ['A.5.1', 'A.5.2'] }),
      record('POL-B-001', { controls: ['A.5.2', 'A.5.3'], review_state: 'overdue' }),
      record('POL-C-001', { controls: ['A.5.4', 'A.7.1'], status: 'retired', review_state: 'retired' }),
    ];
    const coverage = computeCoverage(policies, soaOf({ ...Object.fromEntries(controls.map((control) => [control.id, true])), 'A.7.1': false }));
    const state = (id: string) => coverage.controls.find((entry) => entry.id === id)?.state;
    expect([state('A.5.1'), state('A.5.2'), state('A.5.3'), state('A.5.4'), state('A.7.1')]).toEqual(['covered', 'covered', 'overdue-only', 'uncovered', 'excluded']);
    expect(coverage.controls.find((entry) => entry.id === 'A.5.2')?.policies).toEqual(['POL-A-001', 'POL-B-001']);
    expect(coverage.counts).toMatchObject({ controls: 93, applicable: 92, covered: 2, overdueOnly: 1, excluded: 1, uncovered: 89, undecided: 0 });
  });

  it('counts a sub-clause for its parents and ignores unknown clause ids', () => {
    const coverage = computeCoverage([record('POL-A-001', { clauses: ['9.2.2', '11.1', '6.1.3'] })], null);
    const covered = coverage.clauses.filter((entry) => entry.covered).map((entry) => entry.id);
    expect(covered).toEqual(['6', '6.1', '6.1.3', '9', '9.2', '9.2.2']);
    expect(coverage.counts.requiredClausesCovered).toBe(2);
  });

  it('is computed once per run: the same policies and SoA give the same object', () => {
    const policies = [record('POL-A-001', { controls: ['A.5.1'] })];
    const soa = soaOf({ 'A.5.1': true });
    const first = coverageIndex(policies, soa);
    expect(coverageIndex(policies, soa)).toBe(first);
    // Another SoA (a base commit, say) is another computation.
    expect(coverageIndex(policies, null)).not.toBe(first);
    expect(coverageIndex(policies, null).coverage.controls[0]!.state).toBe('covered');
  });

  it('scales with policies x mappings: 5,000 policies with 20 controls and 4 clauses each', () => {
    const policies = Array.from({ length: 5000 }, (_, index) =>
      record(`POL-P-${index}`, {
        controls: Array.from({ length: 20 }, (_, offset) => controls[(index + offset) % controls.length]!.id),
        clauses: ['4.3', '6.1.2', '9.2.2', '10.2'],
      }),
    );
    const started = performance.now();
    const coverage = computeCoverage(policies, null);
    const elapsed = performance.now() - started;
    expect(coverage.counts.covered).toBe(93);
    // About 30 ms on a 2-core runner; the bound only catches an accidental O(n^2).
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('coverageMarkdown', () => {
  const policy = (id: string, title: string, controlIds: string[], extra = '') =>
    `---\nid: ${id}\ntitle: "${title}"\nowners: ["@alice"]\nstatus: approved\nlast_reviewed: 2026-06-01\n${extra}iso27001:\n  controls: [${controlIds.join(', ')}]\n---\n`;

  it('draws 93 cells by theme with counts and the ids that need attention', async () => {
    const root = makeRepo({
      'soa.yml': `controls:\n${controls.map((control) => (control.id === 'A.7.1' ? '  A.7.1: { applicable: false, justification: Remote }' : `  ${control.id}: { applicable: true, implementation: implemented }`)).join('\n')}\n`,
      'policies/a.md': policy('POL-A-001', '<img src=x onerror=alert(1)> @everyone', ['A.5.1', 'A.8.34']),
      'policies/b.md': policy('POL-B-001', 'Late', ['A.5.2'], 'next_review: 2026-01-01\n'),
    });
    const markdown = coverageMarkdown(await check({ root, today: '2026-11-24' }));
    const cells = [...markdown.matchAll(/🟩|🟨|🟥|⬜/gu)].length;
    // 93 cells plus one emoji in each of the counts of the legend line (🟦 and 🟪 are not counted by this pattern).
    expect(cells).toBe(93 + 4);
    expect(markdown).toContain('🟩 2 covered · 🟨 1 only by overdue policies · 🟦 0 only by drafts · 🟥 89 not covered · ⬜ 1 not applicable · 🟪 0 undecided · of 93 controls');
    expect(markdown).toMatch(/\| A\.5 Organizational \(37\) \| 🟩🟨🟥🟥🟥 🟥/u);
    expect(markdown).toMatch(/\| A\.7 Physical \(14\) \| ⬜🟥/u);
    expect(markdown).toContain('- Covered only by overdue policies: `A.5.2`');
    expect(markdown).toContain('and 64 more');
    // The SoA file documents 6.1.3.
    expect(markdown).toContain('- Clauses requiring documented information: 1/14 mapped; missing `4.3`');
    // Nothing from the policies themselves appears in the picture.
    expect(markdown).not.toMatch(/<img|@everyone|onerror/);
  });

  it('says when there is no SoA', async () => {
    const markdown = coverageMarkdown(await check({ root: makeRepo({ 'policies/a.md': policy('POL-A-001', 'A', ['A.5.1']) }), today: '2026-11-24' }));
    expect(markdown).toContain('🟥 92 not mapped');
    expect(markdown).toContain('No SoA file');
  });
});

describe('coverage states through the real checker', () => {
  const doc = (id: string, status: string, controlIds: string[], clauseIds: string[] = []) =>
    `---\nid: ${id}\ntitle: ${id}\nowners: ["@alice"]\napprover: "@bob"\nstatus: ${status}\n${status === 'draft' ? '' : 'last_reviewed: 2026-06-01\n'}iso27001:\n  controls: [${controlIds.join(', ')}]\n  clauses: [${clauseIds.join(', ')}]\n---\n\n# Purpose\n\n# Scope\n`;
  const repo = (withSoa = true) =>
    makeRepo({
      ...(withSoa
        ? {
            'soa.yml': [
              'controls:',
              '  A.5.1: { applicable: true, implementation: implemented }',
              '  A.5.2: { applicable: true, implementation: planned }',
              '  A.5.3: { applicable: true }',
              '  A.7.1: { applicable: false, justification: "Fully remote" }',
              '',
            ].join('\n'),
          }
        : {}),
      'policies/approved.md': doc('POL-A-001', 'approved', ['A.5.1'], ['5.2']),
      'policies/draft.md': doc('POL-D-001', 'draft', ['A.5.2'], ['10.2']),
      // Mapped, but the SoA does not decide A.5.15: undecided, never applicable.
      'policies/undecided.md': doc('POL-U-001', 'approved', ['A.5.15']),
    });

  it('counts drafts-only and undecided apart in the text summary line', async () => {
    const result = await check({ root: repo(), today: '2026-11-24' });
    const text = formatText(result);
    expect(text).toContain(
      'Coverage: 1/3 applicable Annex A controls mapped (1 not applicable, 89 undecided, 1 only by drafts); 2/14 clauses that require documented information (1 only by drafts)',
    );
    const withoutSoa = formatText(await check({ root: repo(false), today: '2026-11-24' }));
    expect(withoutSoa).toContain('Coverage: 2/93 Annex A controls mapped (no SoA file, 1 only by drafts); 1/14 clauses that require documented information (1 only by drafts)');
  });

  it('has a coverage block in the JSON report', async () => {
    const report = JSON.parse(formatJson(await check({ root: repo(), today: '2026-11-24' }))) as { coverage: JsonCoverage };
    expect(report.coverage.soa).toBe('soa.yml');
    expect(report.coverage.controls).toMatchObject({ total: 93, applicable: 3, covered: 1, overdue_only: 0, draft_only: 1, uncovered: 1, excluded: 1, undecided: 89 });
    expect(report.coverage.controls.ids.draft_only).toEqual(['A.5.2']);
    expect(report.coverage.controls.ids.covered).toEqual(['A.5.1']);
    expect(report.coverage.controls.ids.undecided).toContain('A.5.15');
    expect(report.coverage.clauses).toMatchObject({ required: 14, covered: 2, draft_only: 1, uncovered: 11 });
    expect(report.coverage.clauses.ids.covered).toEqual(['5.2', '6.1.3']);
    expect(report.coverage.clauses.ids.draft_only).toEqual(['10.2']);
    expect(report.coverage.clauses.documented_by_soa).toEqual(['6', '6.1', '6.1.3']);
  });

  it('says "only by drafts" in the SoA Markdown, CSV and JSON', async () => {
    const result = await check({ root: repo(), today: '2026-11-24' });
    const markdown = renderSoa(result, 'markdown');
    expect(markdown).toContain('| Policy coverage | 1 covered · 0 only by overdue policies · 1 only by drafts · 1 not covered · 1 excluded · 89 undecided |');
    expect(markdown).toContain('| Applicability | 3 applicable · 1 not applicable · 89 undecided |');
    expect(markdown).toMatch(/\| A\.5\.2 \|.*\[POL-D-001\]\([^)]*\) _\(only by drafts: not in force\)_ \|/);
    const csv = renderSoa(result, 'csv');
    expect(csv.split('\r\n').find((line) => line.startsWith('A.5.2,'))).toContain(',Only by drafts,');
    expect(csv.split('\r\n').find((line) => line.startsWith('A.5.15,'))).toContain(',Undecided,');
    const json = JSON.parse(renderSoa(result, 'json')) as { counts: Record<string, number>; controls: Array<{ id: string; coverage: string; applicable: boolean | null }> };
    expect(json.counts).toMatchObject({ applicable: 3, undecided: 89, draft_only: 1, covered: 1 });
    expect(json.controls.find((control) => control.id === 'A.5.2')).toMatchObject({ coverage: 'draft-only', applicable: true });
    expect(json.controls.find((control) => control.id === 'A.5.15')).toMatchObject({ coverage: 'undecided', applicable: null });
  });

  it('says "only by drafts" and "undecided" in the HTML report', async () => {
    const html = renderHtmlReport(await check({ root: repo(), today: '2026-11-24' }));
    expect(html).toContain('data-control="A.5.2" data-state="draft-only"');
    expect(html).toContain('data-control="A.5.15" data-state="undecided"');
    expect(html).toContain('<strong>Only by drafts</strong> (1)');
    expect(html).toContain('<strong>Undecided</strong> (89)');
    expect(html).toContain('<dt>Applicable controls covered</dt><dd>1 / 3</dd>');
  });

  it('documents clause 6.1.3 by the SoA file, reports an applicable row without a status, and not a drafts-only clause', async () => {
    const result = await check({ root: repo(), today: '2026-11-24' });
    const rules = (id: string) => result.findings.filter((finding) => finding.rule === id).map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.message}`);
    expect(rules('clause-uncovered').some((message) => message.includes('Clause 6.1.3 '))).toBe(false);
    expect(rules('clause-uncovered').some((message) => message.includes('Clause 10.2 '))).toBe(false);
    expect(rules('soa-implementation-missing')).toEqual([
      'soa.yml:4:3 `A.5.3` (applicable) has no `implementation` status: add `implementation:` with one of `implemented`, `partial`, `planned`, `not-implemented` (ISO/IEC 27001 6.1.3 d)',
    ]);
    const withoutSoa = await check({ root: repo(false), today: '2026-11-24' });
    expect(withoutSoa.findings.filter((finding) => finding.rule === 'clause-uncovered').map((finding) => finding.message)).toContainEqual(expect.stringContaining('Clause 6.1.3 '));
  });
});
