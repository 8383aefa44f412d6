/**
 * The data every auditor-facing rendering shares: one row per Annex A control
 * (the SoA decision joined with coverage and the implementing policies) and the
 * header counts. Renderers only format this; none of them computes coverage.
 */
import type { CheckResult } from '../check.js';
import { controls, themes, type Control, type Theme } from '../catalog/index.js';
import { coverageIndex, type Coverage, type ControlState } from '../model/coverage.js';
import type { HistoryEntry } from '../model/document-control.js';
import type { PolicyRecord } from '../model/policy.js';
import { ownerLabel } from '../model/roles.js';
import type { Implementation } from '../model/soa.js';

export type Applicability = 'applicable' | 'not-applicable' | 'undecided';

export interface SoaRow {
  control: Control;
  applicability: Applicability;
  justification: string | null;
  implementation: Implementation | null;
  notes: string | null;
  state: ControlState;
  /** Non-retired policies mapping the control, in path order. */
  policies: readonly PolicyRecord[];
  /** Owners of those policies, each once, in order of appearance. */
  owners: string[];
  /** The same owners as reports show them: a role with its holders (`CISO (@maria, ciso@example.org)`). */
  ownerLabels: string[];
}

export interface SoaCounts {
  controls: number;
  applicable: number;
  notApplicable: number;
  undecided: number;
  implemented: number;
  partial: number;
  planned: number;
  notImplemented: number;
  covered: number;
  overdueOnly: number;
  draftOnly: number;
  uncovered: number;
  excluded: number;
}

export interface SoaView {
  organization: string | null;
  today: string;
  /** The SoA file, or null when the repository has none. */
  soaFile: string | null;
  rows: SoaRow[];
  counts: SoaCounts;
  coverage: Coverage;
  clausePolicies: ReadonlyMap<string, readonly PolicyRecord[]>;
}

/** Theme -> the Annex A section number its control ids start with. */
export const THEME_SECTION: Record<Theme, string> = { Organizational: 'A.5', People: 'A.6', Physical: 'A.7', Technological: 'A.8' };

export function buildSoaView(result: CheckResult): SoaView {
  const index = coverageIndex(result.policies, result.soa);
  const stateById = new Map(index.coverage.controls.map((entry) => [entry.id, entry.state]));
  const rows = controls.map((control): SoaRow => {
    const decision = result.soa?.decisions.get(control.id);
    const policies = index.controlPolicies.get(control.id) ?? [];
    return {
      control,
      applicability: decision ? (decision.applicable ? 'applicable' : 'not-applicable') : 'undecided',
      justification: decision?.justification ?? null,
      implementation: decision?.implementation ?? null,
      notes: decision?.notes ?? null,
      state: stateById.get(control.id) ?? 'uncovered',
      policies,
      owners: [...new Set(policies.flatMap((policy) => policy.owners))],
      ownerLabels: [...new Set(policies.flatMap(ownerLabels))],
    };
  });
  const count = (predicate: (row: SoaRow) => boolean) => rows.filter(predicate).length;
  return {
    organization: result.config.organization,
    today: result.today,
    soaFile: result.soa?.file ?? null,
    rows,
    coverage: index.coverage,
    clausePolicies: index.clausePolicies,
    counts: {
      controls: rows.length,
      applicable: count((row) => row.applicability === 'applicable'),
      notApplicable: count((row) => row.applicability === 'not-applicable'),
      undecided: count((row) => row.applicability === 'undecided'),
      implemented: count((row) => row.applicability === 'applicable' && row.implementation === 'implemented'),
      partial: count((row) => row.applicability === 'applicable' && row.implementation === 'partial'),
      planned: count((row) => row.applicability === 'applicable' && row.implementation === 'planned'),
      notImplemented: count((row) => row.applicability === 'applicable' && row.implementation === 'not-implemented'),
      covered: index.coverage.counts.covered,
      overdueOnly: index.coverage.counts.overdueOnly,
      draftOnly: index.coverage.counts.draftOnly,
      uncovered: index.coverage.counts.uncovered,
      excluded: index.coverage.counts.excluded,
    },
  };
}

export function rowsByTheme(rows: readonly SoaRow[]): Array<{ theme: Theme; section: string; rows: SoaRow[] }> {
  return themes.map((theme) => ({ theme, section: THEME_SECTION[theme], rows: rows.filter((row) => row.control.theme === theme) }));
}

export const APPLICABILITY_LABEL: Record<Applicability, string> = {
  applicable: 'Yes',
  'not-applicable': 'No',
  undecided: 'Undecided',
};

export const STATE_LABEL: Record<ControlState, string> = {
  covered: 'Covered',
  'overdue-only': 'Covered only by overdue policies',
  'draft-only': 'Only by drafts',
  uncovered: 'Not covered',
  excluded: 'Not applicable',
  undecided: 'Undecided',
};

/** A policy's review state in words, with the date that matters. */
export function reviewText(policy: PolicyRecord): string {
  switch (policy.review_state) {
    case 'ok':
      return `reviewed ${policy.last_reviewed ?? '?'}, next ${policy.next_review ?? '?'}`;
    case 'due-soon':
      return `due ${policy.next_review ?? '?'}`;
    case 'overdue':
      return policy.next_review ? `overdue since ${policy.next_review}` : 'never reviewed';
    case 'draft':
      return 'draft';
    case 'retired':
      return 'retired';
  }
}

/** A policy's owners as reports show them: as written, a role followed by its holders (`CISO (@maria, ciso@example.org)`). */
export function ownerLabels(policy: Pick<PolicyRecord, 'owners' | 'roles'>): string[] {
  return policy.owners.map((owner) => ownerLabel(owner, policy.roles));
}

/** {@link ownerLabels} as one text: `CISO (@maria), @bob`; empty without owners. */
export function ownersText(policy: Pick<PolicyRecord, 'owners' | 'roles'>): string {
  return ownerLabels(policy).join(', ');
}

/** The name a policy goes by in tables: its id, or its file when it has none. */
export function policyLabel(policy: PolicyRecord): string {
  return policy.id ?? policy.file;
}

/** One document-control fact as the reports show it (text to escape; ids for links to register rows). */
export interface DocumentFact {
  label: 'Type' | 'Classification' | 'Effective' | 'Audience' | 'Author' | 'Parent' | 'Supersedes' | 'Related' | 'Last change';
  text: string;
  /** For Parent, Supersedes and Related: the document ids, to link to their register rows. */
  ids?: string[];
}

/** The `history` entry with the latest date (the last written on a tie), or null without a dated entry. */
export function latestChange(policy: PolicyRecord): HistoryEntry | null {
  let latest: HistoryEntry | null = null;
  for (const entry of policy.document.history) {
    if (entry.date !== null && (latest === null || entry.date >= latest.date!)) latest = entry;
  }
  return latest;
}

/** The document-control facts a document sets, in reading order; empty when it sets none (the type only when not `policy`). */
export function documentFacts(policy: PolicyRecord): DocumentFact[] {
  const { document } = policy;
  const facts: DocumentFact[] = [];
  if (policy.type !== 'policy') facts.push({ label: 'Type', text: policy.type });
  if (document.classification) facts.push({ label: 'Classification', text: document.classification });
  if (document.effective_date) facts.push({ label: 'Effective', text: document.effective_date });
  if (document.audience.length > 0) facts.push({ label: 'Audience', text: document.audience.join(', ') });
  if (document.author) facts.push({ label: 'Author', text: document.author });
  if (document.parent) facts.push({ label: 'Parent', text: document.parent, ids: [document.parent] });
  if (document.supersedes.length > 0) facts.push({ label: 'Supersedes', text: document.supersedes.join(', '), ids: document.supersedes });
  if (document.related.length > 0) facts.push({ label: 'Related', text: document.related.join(', '), ids: document.related });
  const latest = latestChange(policy);
  if (latest) {
    const who = latest.author ?? latest.approver;
    const text = `${latest.version ? `${latest.version}, ` : ''}${latest.date}${who ? `, ${who}` : ''}${latest.summary ? `: ${latest.summary}` : ''}`;
    facts.push({ label: 'Last change', text });
  }
  return facts;
}
