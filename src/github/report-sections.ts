/**
 * The Markdown sections that the job summary and the pull-request comment share: the
 * headline, the findings table, the policies a PR touches, the reviews due and the coverage
 * (with its change against the base commit). Each returns lines; the composers pick the
 * sections and the row limits. Text from policies is escaped (no HTML, no links, no @mentions,
 * no broken table cells); ids and owners are code spans that show the exact value, so nobody
 * is notified by a summary and an owner pastes back as it was written.
 */
import { getClause, getControl } from '../catalog/index.js';
import type { CheckResult } from '../check.js';
import { escapeMarkdown, inlineCode, markdownMessage } from '../format/markdown-escape.js';
import type { ControlState, Coverage, CoverageDelta } from '../model/coverage.js';
import type { Finding } from '../model/finding.js';
import type { PolicyRecord } from '../model/policy.js';
import { ownerLabel } from '../model/roles.js';
import type { LinkTo } from './links.js';
import type { PullFileInfo } from './review-plan.js';

export interface PolicyChange {
  change: 'added' | 'changed' | 'removed' | 'renamed';
  file: string;
  previousFile?: string;
  /** The head's record (the base's for a removed policy); null when the file could not be read as a policy. */
  policy: PolicyRecord | null;
}

export type CoverageComparison =
  | { kind: 'delta'; baseSha: string; base: Coverage; head: Coverage; delta: CoverageDelta }
  | { kind: 'unavailable'; reason: string };

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const policiesWord = (count: number) => `${count} ${count === 1 ? 'policy' : 'policies'}`;

export function headline(result: CheckResult): string {
  const { policies, errors, warnings } = result.summary;
  if (errors === 0 && warnings === 0) return `✅ ${policiesWord(policies)} checked: no problems (today ${result.today}).`;
  const icon = errors > 0 ? '❌' : '⚠️';
  return `${icon} **${plural(errors, 'error')}**, **${plural(warnings, 'warning')}** in ${policiesWord(policies)} (today ${result.today}).`;
}

function where(finding: Finding, linkTo: LinkTo | null): string {
  if (finding.file === null) return 'ISMS';
  const label = `${escapeMarkdown(finding.file)}:${finding.line}`;
  return linkTo ? `[${label}](${linkTo(finding.file, finding.line)})` : label;
}

/** A findings table of at most `maxRows` rows; the rest are counted under it. */
export function findingsTable(findings: readonly Finding[], linkTo: LinkTo | null, maxRows: number, rest = 'see the job summary and the JSON report'): string[] {
  if (findings.length === 0) return [];
  const lines = ['| | Where | Problem | Rule |', '|---|---|---|---|'];
  for (const finding of findings.slice(0, maxRows)) {
    const icon = finding.severity === 'error' ? '❌' : '⚠️';
    lines.push(`| ${icon} | ${where(finding, linkTo)} | ${markdownMessage(finding.message)} | \`${finding.rule}\` |`);
  }
  if (findings.length > maxRows) lines.push('', `_${plural(findings.length - maxRows, 'more finding')} not listed here: ${rest}._`);
  return lines;
}

function policyLabel(policy: PolicyRecord | null, file: string, linkTo: LinkTo | null, linkable: boolean): string {
  const name = policy?.id ? inlineCode(policy.id) : escapeMarkdown(file);
  return linkTo && linkable ? `[${name}](${linkTo(file)})` : name;
}

/** Policies the PR adds, changes, renames or removes, from the PR's file listing. */
export function policyChanges(files: readonly PullFileInfo[], head: CheckResult, base: CheckResult | null): PolicyChange[] {
  const headByFile = new Map(head.policies.map((policy) => [policy.file, policy]));
  const baseByFile = new Map((base?.policies ?? []).map((policy) => [policy.file, policy]));
  const headFindingFiles = new Set(head.findings.map((finding) => finding.file).filter((file): file is string => file !== null));
  const changes: PolicyChange[] = [];
  for (const file of files) {
    // A file that failed to parse has findings but no record: still a policy file of the PR.
    const isHeadPolicy = headByFile.has(file.filename) || (headFindingFiles.has(file.filename) && file.filename.toLowerCase().endsWith('.md'));
    if (file.status === 'removed') {
      const before = baseByFile.get(file.filename);
      // Without the base, a removed Markdown file is listed as possibly a policy.
      if (before || (!base && file.filename.toLowerCase().endsWith('.md'))) changes.push({ change: 'removed', file: file.filename, policy: before ?? null });
      continue;
    }
    if (!isHeadPolicy) continue;
    const policy = headByFile.get(file.filename) ?? null;
    if (file.status === 'renamed' && file.previous_filename) {
      changes.push({ change: 'renamed', file: file.filename, previousFile: file.previous_filename, policy });
    } else {
      changes.push({ change: file.status === 'added' ? 'added' : 'changed', file: file.filename, policy });
    }
  }
  return changes;
}

const CHANGE_LABEL: Record<PolicyChange['change'], string> = { added: '🆕 added', changed: '✏️ changed', removed: '🗑️ removed', renamed: '🔀 renamed' };

export function policyChangesTable(changes: readonly PolicyChange[], linkTo: LinkTo | null, maxRows: number): string[] {
  if (changes.length === 0) return ['_This pull request changes no policy._'];
  const lines = ['| Change | Policy | Title | Status | Next review |', '|---|---|---|---|---|'];
  for (const change of changes.slice(0, maxRows)) {
    const policy = change.policy;
    const label = policyLabel(policy, change.file, linkTo, change.change !== 'removed');
    const from = change.previousFile ? ` (from ${escapeMarkdown(change.previousFile)})` : '';
    lines.push(
      `| ${CHANGE_LABEL[change.change]} | ${label}${from} | ${escapeMarkdown(policy?.title ?? '')} | ${escapeMarkdown(policy?.status ?? '')} | ${escapeMarkdown(policy?.next_review ?? '')} |`,
    );
  }
  if (changes.length > maxRows) lines.push('', `_${plural(changes.length - maxRows, 'more policy change')} not listed._`);
  return lines;
}

/** Policies whose review is overdue or due within the reminder window, soonest first. */
export function duePolicies(result: CheckResult): PolicyRecord[] {
  return result.policies
    .filter((policy) => policy.review_state === 'overdue' || policy.review_state === 'due-soon')
    .sort((a, b) => (a.next_review ?? '').localeCompare(b.next_review ?? '') || a.file.localeCompare(b.file));
}

export function dueTable(result: CheckResult, linkTo: LinkTo | null, maxRows: number): string[] {
  const due = duePolicies(result);
  if (due.length === 0) return [`_No review is due within ${result.config.remindWithinDays} days._`];
  const lines = ['| Policy | Title | Owners | Next review | State |', '|---|---|---|---|---|'];
  for (const policy of due.slice(0, maxRows)) {
    const state = policy.review_state === 'overdue' ? `🔴 overdue by ${plural(-(policy.days_until_review ?? 0), 'day')}` : `🟡 due in ${plural(policy.days_until_review ?? 0, 'day')}`;
    lines.push(
      `| ${policyLabel(policy, policy.file, linkTo, true)} | ${escapeMarkdown(policy.title ?? '')} | ${policy.owners.map((owner) => inlineCode(ownerLabel(owner, policy.roles))).join(', ')} | ${escapeMarkdown(policy.next_review ?? '')} | ${state} |`,
    );
  }
  if (due.length > maxRows) lines.push('', `_${policiesWord(due.length - maxRows)} more due, not listed._`);
  return lines;
}

export function coverageCounts(coverage: Coverage): string {
  const { counts } = coverage;
  const undecided = counts.undecided > 0 ? `, ${counts.undecided} undecided in the SoA` : '';
  const clauseDrafts = counts.requiredClausesDraftOnly > 0 ? ` (${counts.requiredClausesDraftOnly} only by drafts)` : '';
  return `${counts.covered} of ${counts.controls} Annex A controls covered (${counts.overdueOnly} only by overdue policies, ${counts.draftOnly} only by drafts, ${counts.uncovered} uncovered, ${counts.excluded} not applicable${undecided}); ${counts.requiredClausesCovered} of ${counts.requiredClauses} clauses requiring documented information mapped${clauseDrafts}.`;
}

const MAX_IDS = 40;

function controlList(ids: readonly string[]): string {
  const shown = ids.slice(0, MAX_IDS).map((id) => `${inlineCode(id, { table: false })} ${escapeMarkdown(getControl(id)?.title ?? '')}`.trim());
  return ids.length > MAX_IDS ? `${shown.join('; ')}; and ${ids.length - MAX_IDS} more` : shown.join('; ');
}

function clauseList(ids: readonly string[]): string {
  return ids.map((id) => `${inlineCode(id, { table: false })} ${escapeMarkdown(getClause(id)?.title ?? '')}`.trim()).join('; ');
}

const STATE_WORD: Record<ControlState, string> = {
  covered: 'covered',
  'overdue-only': 'covered only by overdue policies',
  'draft-only': 'only by drafts',
  uncovered: 'uncovered',
  excluded: 'not applicable',
  undecided: 'undecided in the SoA',
};

/** What the PR changes in control and clause coverage, against the base commit. */
export function coverageDeltaLines(comparison: CoverageComparison): string[] {
  if (comparison.kind === 'unavailable') return [`_Coverage change not shown: ${markdownMessage(comparison.reason, { table: false })}._`];
  const { delta, base, head } = comparison;
  const lines: string[] = [];
  const b = base.counts;
  const h = head.counts;
  lines.push(
    `Against the base commit \`${comparison.baseSha.slice(0, 7)}\`: controls covered ${b.covered} → ${h.covered} of ${h.controls}${b.draftOnly + h.draftOnly > 0 ? ` (only by drafts ${b.draftOnly} → ${h.draftOnly})` : ''}; required clauses mapped ${b.requiredClausesCovered} → ${h.requiredClausesCovered} of ${h.requiredClauses}${b.requiredClausesDraftOnly + h.requiredClausesDraftOnly > 0 ? ` (only by drafts ${b.requiredClausesDraftOnly} → ${h.requiredClausesDraftOnly})` : ''}.`,
    '',
  );
  const none =
    delta.controlsGained.length + delta.controlsLost.length + delta.controlsChanged.length + delta.clausesGained.length + delta.clausesLost.length === 0;
  if (none) {
    lines.push('No control or clause changes its coverage.');
    return lines;
  }
  if (delta.controlsGained.length > 0) lines.push(`- 🟢 **Controls now covered (${delta.controlsGained.length})**: ${controlList(delta.controlsGained)}`);
  if (delta.controlsLost.length > 0) lines.push(`- 🔴 **Controls no longer covered (${delta.controlsLost.length})**: ${controlList(delta.controlsLost)}`);
  if (delta.controlsChanged.length > 0) {
    const shown = delta.controlsChanged.slice(0, MAX_IDS).map((entry) => `${inlineCode(entry.id, { table: false })} ${STATE_WORD[entry.from]} → ${STATE_WORD[entry.to]}`);
    lines.push(`- 🔁 **Controls whose state changed (${delta.controlsChanged.length})**: ${shown.join('; ')}${delta.controlsChanged.length > MAX_IDS ? `; and ${delta.controlsChanged.length - MAX_IDS} more` : ''}`);
  }
  if (delta.clausesGained.length > 0) lines.push(`- 🟢 **Clauses now mapped (${delta.clausesGained.length})**: ${clauseList(delta.clausesGained)}`);
  if (delta.clausesLost.length > 0) lines.push(`- 🔴 **Clauses no longer mapped (${delta.clausesLost.length})**: ${clauseList(delta.clausesLost)}`);
  return lines;
}

/**
 * Cuts Markdown to at most `max` units (measured by `size`) at a line boundary and says so.
 * Cutting between lines never leaves half a link, entity or table row behind.
 */
export function fitMarkdown(text: string, max: number, note: string, size: (text: string) => number = (value) => value.length): string {
  if (size(text) <= max) return text;
  const tail = `\n\n${note}\n`;
  const budget = max - size(tail);
  const lines = text.split('\n');
  let used = 0;
  let kept = 0;
  for (const line of lines) {
    const cost = size(line) + 1;
    if (used + cost > budget) break;
    used += cost;
    kept++;
  }
  return `${lines.slice(0, kept).join('\n')}${tail}`;
}
