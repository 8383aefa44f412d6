/**
 * What a reminder run tells people: a Markdown digest for the job summary and `isms remind
 * --format markdown` (due and overdue policies by owner, the operations, the API requests
 * used), and a plain-text table of the plan for the terminal. Nobody is @mentioned here: the
 * owners are mentioned in their issues only.
 */
import { escapeMarkdown, inlineCode } from '../../format/markdown-escape.js';
import { safeText } from '../../format/terminal.js';
import type { AppliedOperation, ApplyFailure } from './apply.js';
import { issueUrl } from './content.js';
import type { Identity } from './github.js';
import type { PlanEntry, ReminderPlan } from './plan.js';
import type { RequestCounts } from './requests.js';

export interface DigestInput {
  plan: ReminderPlan;
  dryRun: boolean;
  /** What was applied (empty on a dry run). */
  applied: readonly AppliedOperation[];
  failure: ApplyFailure | null;
  labelsCreated: readonly string[];
  /** Labels a dry run would create. */
  labelsMissing: readonly string[];
  counts: RequestCounts | null;
  identity: Identity | null;
  /** Extra lines, e.g. "no token: planned as if no issues existed". */
  notes: readonly string[];
}

type Status = 'done' | 'planned' | 'not done';

interface Row {
  entry: PlanEntry;
  issue: number | null;
  status: Status;
  /** Present tense for plans, past tense for what was done. */
  text: string;
  refused: string[];
}

function rows(input: DigestInput): Row[] {
  const done = new Map<PlanEntry, AppliedOperation>(input.applied.map((item) => [item.entry, item]));
  return input.plan.entries.map((entry) => {
    const operation = entry.operation;
    const applied = done.get(entry);
    const status: Status = operation.kind === 'none' || applied ? 'done' : input.dryRun ? 'planned' : 'not done';
    const issue = applied?.issue ?? entry.issue;
    const past = status === 'done';
    let text: string;
    switch (operation.kind) {
      case 'create':
        text = past ? 'opened' : 'open a new issue';
        break;
      case 'update':
        text = `${past ? 'updated' : 'update'}: ${operation.reasons.join(', ')}`;
        break;
      case 'close':
        text = `${past ? 'closed' : 'close'}: ${operation.reason}`;
        break;
      default:
        text = operation.reason;
    }
    if (status === 'not done') text = `not done (${text})`;
    return { entry, issue, status, text, refused: applied?.refused ?? [] };
  });
}

function counts(input: DigestInput, all: readonly Row[]) {
  const count = (kind: string, status: Status) =>
    all.filter((row) => row.entry.operation.kind === kind && row.status === status).length;
  const policies = new Map<string, PlanEntry>();
  for (const entry of input.plan.entries) if (entry.state === 'overdue' || entry.state === 'due-soon') policies.set(entry.policyId, entry);
  const due = [...policies.values()];
  return {
    overdue: due.filter((entry) => entry.state === 'overdue').length,
    dueSoon: due.filter((entry) => entry.state === 'due-soon').length,
    create: count('create', input.dryRun ? 'planned' : 'done'),
    update: count('update', input.dryRun ? 'planned' : 'done'),
    close: count('close', input.dryRun ? 'planned' : 'done'),
    upToDate: input.plan.entries.filter((entry) => entry.operation.kind === 'none').length,
  };
}

function headline(input: DigestInput, all: readonly Row[]): string {
  const c = counts(input, all);
  const window = `${c.overdue} overdue, ${c.dueSoon} due within ${input.plan.withinDays} days (today ${input.plan.today})`;
  const verbs = input.dryRun
    ? `dry run, nothing written: would open ${c.create}, update ${c.update}, close ${c.close}`
    : `opened ${c.create}, updated ${c.update}, closed ${c.close}`;
  return `${window}; ${verbs}; ${c.upToDate} unchanged.`;
}

function requestsLine(input: DigestInput): string | null {
  if (!input.counts) return null;
  const { requests, writes, retries } = input.counts;
  return `${requests} API request${requests === 1 ? '' : 's'} (${writes} write${writes === 1 ? '' : 's'}${retries > 0 ? `, ${retries} retr${retries === 1 ? 'y' : 'ies'}` : ''})`;
}

function listingLine(input: DigestInput): string | null {
  // No counts: nothing was read (a dry run without a token).
  if (!input.counts) return null;
  const { listed, label } = input.plan;
  const parts = [`${listed.issues} issue${listed.issues === 1 ? '' : 's'} labelled ${label} listed: ${listed.ours} ours`];
  if (listed.foreign > 0) parts.push(`${listed.foreign} others left alone`);
  if (listed.pullRequests > 0) parts.push(`${listed.pullRequests} pull requests skipped`);
  return parts.join(', ');
}

function failureLine(input: DigestInput): string | null {
  if (!input.failure) return null;
  const done = input.applied.map((item) => `#${item.issue}`);
  return `Stopped at ${input.failure.entry.policyId}: ${input.failure.message}. ${
    done.length > 0 ? `Done before that: ${done.join(', ')}.` : 'Nothing was written before that.'
  } The next run continues from here.`;
}

function refusedLines(list: readonly Row[]): string[] {
  return list
    .filter((row) => row.refused.length > 0)
    .map((row) => `#${row.issue}: GitHub refused to assign ${row.refused.map((login) => `@${login}`).join(', ')}; the issue says so.`);
}

export function renderDigestMarkdown(input: DigestInput): string {
  const { plan } = input;
  const all = rows(input);
  const link = (issue: number | null) => (issue === null ? 'new' : `[#${issue}](${issueUrl(plan.links, issue)})`);
  const policy = (entry: PlanEntry) =>
    entry.policyTitle ? `${escapeMarkdown(entry.policyId)} ${escapeMarkdown(entry.policyTitle)}` : escapeMarkdown(entry.policyId);
  const out: string[] = ['## Policy reviews', '', headline(input, all), ''];

  const failure = failureLine(input);
  if (failure) out.push(`> [!WARNING]\n> ${escapeMarkdown(failure)}`, '');

  // Due and overdue by owner: a policy with two owners is listed under both.
  const byOwner = new Map<string, Row[]>();
  const seen = new Set<string>();
  for (const row of all) {
    const { entry } = row;
    if ((entry.state !== 'overdue' && entry.state !== 'due-soon') || seen.has(entry.policyId)) continue;
    seen.add(entry.policyId);
    for (const owner of entry.owners.length > 0 ? entry.owners : ['(no owner)']) {
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), row]);
    }
  }
  if (byOwner.size > 0) {
    out.push('### Due and overdue by owner', '', '| Owner | Policy | Due | State | Issue |', '| --- | --- | --- | --- | --- |');
    for (const owner of [...byOwner.keys()].sort((a, b) => a.localeCompare(b))) {
      for (const row of byOwner.get(owner)!) {
        const holders = Object.hasOwn(row.entry.roles, owner) ? row.entry.roles[owner] : undefined;
        // A role shows its holders, as code spans like the owner: nobody is notified by the digest.
        const ownerCell =
          owner === '(no owner)' ? owner : holders ? `${inlineCode(owner)} (${holders.map((holder) => inlineCode(holder)).join(', ')})` : inlineCode(owner);
        out.push(`| ${ownerCell} | ${policy(row.entry)} | ${row.entry.due ?? 'never reviewed'} | ${row.entry.state} | ${link(row.issue)} |`);
      }
    }
    out.push('');
  }

  const changes = all.filter((row) => row.entry.operation.kind !== 'none');
  if (changes.length > 0) {
    out.push(input.dryRun ? '### Planned operations' : '### Operations', '', '| Policy | Due | State | Issue | Operation |', '| --- | --- | --- | --- | --- |');
    for (const row of changes) {
      out.push(`| ${policy(row.entry)} | ${row.entry.due ?? 'never reviewed'} | ${row.entry.state} | ${link(row.issue)} | ${escapeMarkdown(row.text)} |`);
    }
    out.push('');
  }

  const notes = [
    ...[...refusedLines(all), ...plan.warnings, ...input.notes].map((line) => escapeMarkdown(line)),
    ...input.labelsCreated.map((name) => `Created the label ${inlineCode(name, { table: false })}.`),
    ...input.labelsMissing.map((name) => `Would create the label ${inlineCode(name, { table: false })}.`),
  ];
  if (notes.length > 0) out.push(...notes.map((note) => `- ${note}`), '');

  const footer = [requestsLine(input), listingLine(input), input.identity ? `issues by ${input.identity.login} count as ours (${input.identity.source})` : null]
    .filter((part): part is string => part !== null)
    .map((part) => escapeMarkdown(part));
  if (footer.length > 0) out.push(`<sub>${footer.join(' · ')}</sub>`, '');
  return out.join('\n');
}

/** The plan as a terminal table: policy, due date, state, issue, operation. */
export function renderPlanText(input: DigestInput): string {
  const all = rows(input);
  const header = ['POLICY', 'DUE', 'STATE', 'ISSUE', 'OPERATION'];
  const body = all.map((row) => [
    safeText(row.entry.policyId),
    row.entry.due ?? 'never reviewed',
    row.entry.state,
    row.issue === null ? 'new' : `#${row.issue}`,
    safeText(row.text),
  ]);
  const lines: string[] = [];
  if (body.length > 0) {
    const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]!.length)));
    const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
    lines.push(line(header), ...body.map(line), '');
  }
  lines.push(headline(input, all));
  const failure = failureLine(input);
  if (failure) lines.push(safeText(failure));
  for (const note of [
    ...refusedLines(all),
    ...input.labelsCreated.map((name) => `Created the label ${name}.`),
    ...input.labelsMissing.map((name) => `Would create the label ${name}.`),
    ...input.plan.warnings,
    ...input.notes,
  ]) {
    lines.push(safeText(note));
  }
  const footer = [requestsLine(input), listingLine(input)].filter((part) => part !== null);
  if (footer.length > 0) lines.push(safeText(footer.join('; ')));
  return `${lines.join('\n')}\n`;
}
