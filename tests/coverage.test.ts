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
import { coverageMarkdown } from '../src/report/index.js';
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
    const coverage = computeCoverage(policies, soaOf({ 'A.7.1': false }));
    const state = (id: string) => coverage.controls.find((entry) => entry.id === id)?.state;
    expect([state('A.5.1'), state('A.5.2'), state('A.5.3'), state('A.5.4'), state('A.7.1')]).toEqual(['covered', 'covered', 'overdue-only', 'uncovered', 'excluded']);
    expect(coverage.controls.find((entry) => entry.id === 'A.5.2')?.policies).toEqual(['POL-A-001', 'POL-B-001']);
    expect(coverage.counts).toMatchObject({ controls: 93, covered: 2, overdueOnly: 1, excluded: 1, uncovered: 89 });
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
      'soa.yml': 'controls:\n  A.7.1: { applicable: false, justification: Remote }\n',
      'policies/a.md': policy('POL-A-001', '<img src=x onerror=alert(1)> @everyone', ['A.5.1', 'A.8.34']),
      'policies/b.md': policy('POL-B-001', 'Late', ['A.5.2'], 'next_review: 2026-01-01\n'),
    });
    const markdown = coverageMarkdown(await check({ root, today: '2026-11-24' }));
    const cells = [...markdown.matchAll(/🟩|🟨|🟥|⬜/gu)].length;
    // 93 cells plus one emoji in each of the four counts of the legend line.
    expect(cells).toBe(93 + 4);
    expect(markdown).toContain('🟩 2 covered · 🟨 1 only by overdue policies · 🟥 89 not covered · ⬜ 1 not applicable · of 93 controls');
    expect(markdown).toMatch(/\| A\.5 Organizational \(37\) \| 🟩🟨🟥🟥🟥 🟥/u);
    expect(markdown).toMatch(/\| A\.7 Physical \(14\) \| ⬜🟥/u);
    expect(markdown).toContain('- Covered only by overdue policies: `A.5.2`');
    expect(markdown).toContain('and 64 more');
    expect(markdown).toContain('- Clauses requiring documented information: 0/14 mapped; missing `4.3`');
    // Nothing from the policies themselves appears in the picture.
    expect(markdown).not.toMatch(/<img|@everyone|onerror/);
  });

  it('says when there is no SoA', async () => {
    const markdown = coverageMarkdown(await check({ root: makeRepo({ 'policies/a.md': policy('POL-A-001', 'A', ['A.5.1']) }), today: '2026-11-24' }));
    expect(markdown).toContain('🟥 92 not mapped');
    expect(markdown).toContain('No SoA file');
  });
});
