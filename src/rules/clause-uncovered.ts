/**
 * clause-uncovered: every clause of ISO/IEC 27001:2022 that requires documented
 * information (4.3, 5.2, 6.1.2, 6.1.3, 6.2, 7.2, 7.5, 8.1, 8.2, 8.3, 9.1, 9.2,
 * 9.3, 10.2) is mapped by a non-retired document. A sub-clause covers its parent
 * (`9.2.2` covers `9.2`). Checked with or without an SoA. The SoA file is the
 * documented information of 6.1.3 d), so with one, 6.1.3 is documented by it. A clause
 * mapped only by drafts is not reported (work is under way; the reports count it as
 * "only by drafts", never as covered).
 */
import { clauseCorrespondence, clausesRequiringDocuments, getClause, getClause2013, mandatoryDocuments } from '../catalog/index.js';
import { clauseCovers, coverageIndex, SOA_CLAUSE } from '../model/coverage.js';
import type { RepoRule } from './types.js';

const allClauses = (except: string) =>
  `---\nid: POL-ISMS-001\ntitle: ISMS manual\nstatus: approved\niso27001:\n  clauses: [${clausesRequiringDocuments
    .filter((clause) => clause !== except)
    .map((clause) => (clause === '9.2' ? '9.2.2' : clause))
    .join(', ')}]\n---\n`;

/** What the standard asks to be documented under a clause (the reference lists sub-clause letters: `9.2.2`, `10.2 f)`). */
function whatIsRequired(clause: string): string {
  const items = mandatoryDocuments
    .filter((entry) => {
      const id = entry.clause.replace(/\s.*$/, '');
      return id === clause || id.startsWith(`${clause}.`);
    })
    .map((entry) => entry.what);
  return items.length > 0 ? `: ${items.join('; ')}` : '';
}

/**
 * Under `edition: 2013` a renumbered clause id means another clause (`10.2` is
 * 2013 Continual improvement), so "add `10.2`" would send the reader the wrong
 * way: say what the clause is numbered in 2013 and that the ids count once
 * migrated. Undefined when the 2022 id means the same in 2013.
 */
function renumberedIn2013(clause: string): string | undefined {
  const from = clauseCorrespondence.find((entry) => entry.from !== clause && entry.to.includes(clause))?.from;
  if (!from) return undefined;
  const meaning = getClause2013(clause)?.title;
  return `\`.isms.yml\` sets \`edition: 2013\`, where this clause is numbered \`${from}\`${meaning ? ` and \`${clause}\` is ${meaning}` : ''}: run \`isms migrate\`, then add \`${clause}\``;
}

export const clauseUncovered: RepoRule = {
  id: 'clause-uncovered',
  scope: 'repo',
  defaultSeverity: 'warning',
  summary: 'A clause requiring documented information (4.3, 5.2, 6.1.2 ... 10.2) that no policy maps.',
  docs: 'Add the clause (or one of its sub-clauses) to `iso27001.clauses` of the document that provides the documented information, or write that document (`isms new`). Retired documents do not count; a clause mapped only by drafts is not reported, but the reports count it as "only by drafts" until a document is approved. An SoA file documents 6.1.3 (it is the Statement of Applicability of 6.1.3 d), so with one, 6.1.3 needs no policy. Under `edition: 2013` a clause renumbered in 2022 (10.2, numbered 10.1 in 2013) is named by its 2013 number, with `isms migrate` as the fix. Reported on the SoA file, else `.isms.yml`, else with no file.',
  examples: {
    ok: [
      { name: 'every required clause mapped (9.2 through 9.2.2)', text: allClauses('') },
      { name: '6.1.3 documented by the SoA file', text: allClauses('6.1.3'), files: { 'soa.yml': 'controls: {}\n' } },
      { name: '10.2 mapped only by a draft (counted as "only by drafts" in the reports)', text: allClauses('10.2'), files: { 'policies/nc.md': '---\nid: PRC-NC-001\ntitle: Nonconformity\nstatus: draft\niso27001:\n  clauses: [10.2]\n---\n' } },
    ],
    notOk: [
      {
        name: 'no document for 10.2, reported on the SoA file',
        text: allClauses('10.2'),
        files: { 'soa.yml': 'controls: {}\n' },
        expected: ['soa.yml:1:1 Clause 10.2 (Nonconformity and corrective action) requires documented information'],
      },
      { name: 'no document for 4.3, without SoA or config', text: allClauses('4.3'), expected: ['-:1:1 Clause 4.3 (Determining the scope'] },
      { name: 'no document for 6.1.3 and no SoA file', text: allClauses('6.1.3'), expected: ['-:1:1 Clause 6.1.3 (Information security risk treatment)'] },
    ],
  },
  check({ policies, soa, config, report }) {
    const { coverage } = coverageIndex(policies, soa);
    for (const entry of coverage.clauses) {
      if (!entry.requiresDocument || entry.covered || entry.state === 'draft-only') continue;
      const add = (config.edition === 2013 ? renumberedIn2013(entry.id) : undefined) ?? `add \`${entry.id}\``;
      report(
        `Clause ${entry.id} (${getClause(entry.id)?.title ?? ''}) requires documented information${whatIsRequired(entry.id)}; no policy maps it: ${add} (or a sub-clause) to \`iso27001.clauses\` of the document that provides it${clauseCovers(SOA_CLAUSE, entry.id) ? ', or add the Statement of Applicability (`soa.yml`, `isms init` writes one), which documents 6.1.3 d)' : ''}`,
        { line: 1, column: 1 },
      );
    }
  },
};
