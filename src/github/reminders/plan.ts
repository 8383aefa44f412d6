/**
 * The reminder planner: policies + today + the issues found on GitHub -> the operations that
 * make GitHub match (create, update, close with a comment, nothing). Pure: no I/O, no clock,
 * so every lifecycle rule is unit-tested as data in, data out, and `dry-run` prints exactly
 * what a real run would do.
 *
 * The rules (the reminder lifecycle the README documents):
 * - one open issue per policy in force whose review is due within the window or overdue;
 * - only issues whose body carries our marker AND whose author is the token's identity count,
 *   never matched by title; pull requests and other issues with the label are left alone;
 * - a changed due date, owner (or holder of an owner role) or title updates the open issue in place; our title is rewritten
 *   only when the title we would write changes (a person's retitle stands until then);
 * - an issue closed (by anyone) while its due date stands is respected: no reopening and no new
 *   issue until the due date changes; then a NEW issue opens, so each review cycle has its own
 *   record and checklist;
 * - reviewed (out of the window), draft, retired or removed policies get their open issues
 *   closed with a comment saying why; extra open issues for one policy are closed as duplicates;
 * - nothing different means no operation at all.
 */
import { parseDate } from '../../model/dates.js';
import { reviewState, type ReviewState } from '../../model/policy.js';
import { ID_PATTERN } from '../../rules/fields.js';
import {
  dueKey,
  formatMarker,
  includesName,
  parseMarker,
  renderIssue,
  sameName,
  replaceMarker,
  type Marker,
  type ReminderPolicy,
  type RenderInput,
  type RepoLinks,
} from './content.js';

/** An issue as listed by `GET /repos/{owner}/{repo}/issues`, reduced to what the planner reads. */
export interface ExistingIssue {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  labels: string[];
  assignees: string[];
  /** Login of the author. */
  author: string | null;
  /** Pull requests come back from the issues listing too; they are never ours. */
  isPullRequest: boolean;
}

export interface PlanInput {
  policies: readonly ReminderPolicy[];
  /** `YYYY-MM-DD`. */
  today: string;
  /** Days before the due date when the reminder opens (`remind_within_days`). */
  withinDays: number;
  existingIssues: readonly ExistingIssue[];
  /** The reminder label (`isms-review`). */
  label: string;
  /** Added while the review is past due. Default `overdue`. */
  overdueLabel?: string;
  /** Login of the token: only issues it authored count as ours. */
  identity: string;
  links: RepoLinks;
}

/** A policy's review state, plus `removed` for an issue whose policy no longer exists. */
export type PlanState = ReviewState | 'removed';

export interface IssueChanges {
  title?: string;
  body?: string;
  labels?: string[];
  assignees?: string[];
}

export type Operation =
  | {
      kind: 'create';
      title: string;
      body: string;
      labels: string[];
      assignees: string[];
      /** To re-render the body if GitHub refuses some assignees. */
      render: RenderInput;
    }
  | {
      kind: 'update';
      issue: number;
      changes: IssueChanges;
      /** Why, in a few words each: `due date 2026-12-01 -> 2027-01-05`, `overdue`, `assignees`. */
      reasons: string[];
      /** To re-render the body (marker included) if GitHub refuses some assignees. */
      render: RenderInput;
      /** The issue's assignees before the update, to keep the ones a person added. */
      currentAssignees: string[];
    }
  | {
      kind: 'close';
      issue: number;
      comment: string;
      stateReason: 'completed' | 'not_planned';
      reason: string;
      /** The issue's body with `closed=<why>` in its marker (the rest as it is now). */
      body: string;
    }
  | { kind: 'none'; issue: number | null; reason: string };

export interface PlanEntry {
  policyId: string;
  policyTitle: string | null;
  file: string | null;
  owners: string[];
  /** The roles among `owners` (name as written -> holders from `.isms.yml` `roles:`). */
  roles: Record<string, string[]>;
  /** `YYYY-MM-DD`, or null for a policy never reviewed (due now) or a removed one. */
  due: string | null;
  state: PlanState;
  /** The existing issue this entry is about, if any. */
  issue: number | null;
  operation: Operation;
}

export interface ReminderPlan {
  today: string;
  withinDays: number;
  label: string;
  overdueLabel: string;
  identity: string;
  links: RepoLinks;
  /** Ordered as they are applied: most overdue first. */
  entries: PlanEntry[];
  /** Labels the operations put on issues (lower-case comparison is GitHub's). */
  labelsNeeded: string[];
  /** Labels seen on listed issues: they exist, no need to look them up. */
  labelsSeen: string[];
  listed: { issues: number; ours: number; foreign: number; pullRequests: number };
  warnings: string[];
}

interface OurIssue {
  issue: ExistingIssue;
  marker: Marker;
}

const ORDER: Record<PlanState, number> = { overdue: 0, 'due-soon': 1, ok: 2, draft: 3, retired: 4, removed: 5 };

export function planReminders(input: PlanInput): ReminderPlan {
  const overdueLabel = input.overdueLabel ?? 'overdue';
  const today = parseDate(input.today);
  if (!today) throw new Error(`planReminders: today must be YYYY-MM-DD, not ${input.today}`);
  const warnings: string[] = [];

  // Ours: our marker and our author. Anything else with the label belongs to someone else.
  const ours = new Map<string, OurIssue[]>();
  const listed = { issues: input.existingIssues.length, ours: 0, foreign: 0, pullRequests: 0 };
  const labelsSeen = new Set<string>();
  for (const issue of input.existingIssues) {
    for (const name of issue.labels) labelsSeen.add(name.toLowerCase());
    if (issue.isPullRequest) {
      listed.pullRequests++;
      continue;
    }
    const marker = parseMarker(issue.body);
    if (!marker || !issue.author || !sameName(issue.author, input.identity)) {
      listed.foreign++;
      continue;
    }
    listed.ours++;
    const list = ours.get(marker.id) ?? [];
    list.push({ issue, marker });
    ours.set(marker.id, list);
  }
  for (const list of ours.values()) list.sort((a, b) => a.issue.number - b.issue.number);

  // One policy per id: a duplicated id (rule id-duplicate) follows its first file.
  const byId = new Map<string, ReminderPolicy>();
  for (const policy of [...input.policies].sort((a, b) => a.file.localeCompare(b.file))) {
    const state = stateOf(policy, input);
    if (!policy.id || !ID_PATTERN.test(policy.id)) {
      if (state === 'overdue' || state === 'due-soon') {
        warnings.push(`${policy.file} is due for review but has no valid id: no reminder issue until it has one.`);
      }
      continue;
    }
    const first = byId.get(policy.id);
    if (first) {
      const due = (state: ReviewState) => state === 'overdue' || state === 'due-soon';
      if (due(state) || due(stateOf(first, input))) warnings.push(`${policy.id} is the id of both ${first.file} and ${policy.file}: reminders follow ${first.file}.`);
      continue;
    }
    byId.set(policy.id, policy);
  }

  const entries: PlanEntry[] = [];
  const context = { input, overdueLabel };
  for (const [id, policy] of byId) {
    entries.push(...planPolicy(policy, stateOf(policy, input), ours.get(id) ?? [], context));
  }

  // Issues whose policy is gone: closed, unless no policy was found at all, which is far more
  // often a wrong `policies` glob or checkout than an ISMS deleted in one commit.
  for (const [id, list] of ours) {
    if (byId.has(id)) continue;
    const open = list.filter(({ issue }) => issue.state === 'open');
    if (open.length === 0) continue;
    if (input.policies.length === 0) {
      warnings.push(`No policies were found, so ${open.length} open reminder issue(s) such as #${open[0]!.issue.number} (${id}) were left open: check the policies setting in .isms.yml.`);
      continue;
    }
    for (const current of open) {
      entries.push({
        policyId: id,
        policyTitle: null,
        file: null,
        owners: [],
        roles: {},
        due: current.marker.due === 'none' ? null : current.marker.due,
        state: 'removed',
        issue: current.issue.number,
        operation: closeOperation(
          current,
          'removed',
          'not_planned',
          'policy removed',
          `No policy with the id \`${id}\` exists any more (its file was deleted, or its \`id\` changed), so this review reminder is closed. A policy with a new id gets its own reminder when its review is due.`,
        ),
      });
    }
  }

  entries.sort(
    (a, b) =>
      ORDER[a.state] - ORDER[b.state] ||
      (a.due ?? '').localeCompare(b.due ?? '') ||
      a.policyId.localeCompare(b.policyId) ||
      (a.issue ?? 0) - (b.issue ?? 0),
  );

  const labelsNeeded = new Set<string>();
  for (const { operation } of entries) {
    const labels = operation.kind === 'create' ? operation.labels : operation.kind === 'update' ? (operation.changes.labels ?? []) : [];
    for (const name of labels) {
      if (sameName(name, input.label) || sameName(name, overdueLabel)) labelsNeeded.add(name);
    }
  }

  return {
    today: input.today,
    withinDays: input.withinDays,
    label: input.label,
    overdueLabel,
    identity: input.identity,
    links: input.links,
    entries,
    labelsNeeded: [...labelsNeeded],
    labelsSeen: [...labelsSeen],
    listed,
    warnings,
  };
}

function stateOf(policy: ReminderPolicy, input: PlanInput): ReviewState {
  const today = parseDate(input.today)!;
  const due = policy.next_review ? parseDate(policy.next_review) : undefined;
  return reviewState(policy.status, due, today, input.withinDays);
}

interface Context {
  input: PlanInput;
  overdueLabel: string;
}

function planPolicy(policy: ReminderPolicy, state: ReviewState, issues: OurIssue[], context: Context): PlanEntry[] {
  const id = policy.id!;
  const base = {
    policyId: id,
    policyTitle: policy.title,
    file: policy.file,
    owners: policy.owners,
    roles: policy.roles ?? {},
    due: policy.next_review,
    state,
  };
  const open = issues.filter(({ issue }) => issue.state === 'open');
  const entries: PlanEntry[] = [];

  if (state !== 'overdue' && state !== 'due-soon') {
    for (const current of open) {
      entries.push({ ...base, issue: current.issue.number, operation: closeNotDue(policy, state, current, context.input) });
    }
    return entries;
  }

  const [primary, ...duplicates] = open;
  for (const duplicate of duplicates) {
    const kept = primary!.issue.number;
    entries.push({
      ...base,
      issue: duplicate.issue.number,
      operation: closeOperation(
        duplicate,
        'duplicate',
        'not_planned',
        `duplicate of #${kept}`,
        `Duplicate of #${kept}: isms-as-code keeps one review reminder per policy.`,
      ),
    });
  }

  if (primary) {
    entries.push({ ...base, issue: primary.issue.number, operation: planUpdate(policy, state, primary, context) });
    return entries;
  }

  const due = dueKey(policy);
  // Closed by a person (no `closed=` in the marker) while this due date stands: respected.
  const closed = issues.find(({ issue, marker }) => issue.state === 'closed' && marker.due === due && marker.closed === undefined);
  if (closed) {
    entries.push({
      ...base,
      issue: closed.issue.number,
      operation: {
        kind: 'none',
        issue: closed.issue.number,
        reason: `#${closed.issue.number} was closed while this due date stands; a new reminder opens when the due date changes`,
      },
    });
    return entries;
  }

  const render: RenderInput = { policy, links: context.input.links, label: context.input.label, unassignable: [] };
  const rendered = renderIssue(render);
  entries.push({
    ...base,
    issue: null,
    operation: {
      kind: 'create',
      title: rendered.title,
      body: rendered.body,
      labels: desiredLabels(state, context),
      assignees: rendered.assignees,
      render,
    },
  });
  return entries;
}

function desiredLabels(state: ReviewState, context: Context): string[] {
  return state === 'overdue' ? [context.input.label, context.overdueLabel] : [context.input.label];
}

function planUpdate(policy: ReminderPolicy, state: ReviewState, current: OurIssue, context: Context): Operation {
  const { issue, marker } = current;
  const due = dueKey(policy);
  const dueChanged = marker.due !== due;
  // Logins GitHub refused stay unassigned until the due date changes: then they are tried again.
  const render: RenderInput = {
    policy,
    links: context.input.links,
    label: context.input.label,
    unassignable: dueChanged ? [] : marker.unassignable,
  };
  const rendered = renderIssue(render);
  const changes: IssueChanges = {};
  const reasons: string[] = [];

  if (marker.title !== rendered.marker.title) changes.title = rendered.title;
  if (formatMarker(marker) !== formatMarker(rendered.marker)) changes.body = rendered.body;
  if (dueChanged) reasons.push(`due date ${marker.due} -> ${due}`);
  else if (changes.title !== undefined || changes.body !== undefined) reasons.push('policy details changed');

  // Our two labels follow the state; labels people added stay.
  const managed = [context.input.label, context.overdueLabel];
  const wanted = desiredLabels(state, context);
  const currentManaged = issue.labels.filter((name) => includesName(managed, name));
  const sameManaged = wanted.length === currentManaged.length && wanted.every((name) => includesName(currentManaged, name));
  if (!sameManaged) {
    changes.labels = [...issue.labels.filter((name) => !includesName(managed, name)), ...wanted];
    reasons.push(state === 'overdue' ? `now ${context.overdueLabel}` : `no longer ${context.overdueLabel}`);
  }

  // Assignees are the `@login` owners and the `@login` holders of owner roles. Owners we assigned
  // who are no longer owners (or no longer hold the role) are removed; people a person assigned
  // by hand stay.
  const dropped = marker.assignees.filter((login) => !includesName(rendered.assignees, login));
  const kept = issue.assignees.filter((login) => !includesName(dropped, login));
  const missing = rendered.assignees.filter((login) => !includesName(kept, login));
  if (missing.length > 0 || kept.length !== issue.assignees.length) {
    changes.assignees = [...kept, ...missing];
    reasons.push('assignees');
  }

  if (Object.keys(changes).length === 0) return { kind: 'none', issue: issue.number, reason: 'up to date' };
  return {
    kind: 'update',
    issue: issue.number,
    changes,
    reasons,
    render,
    currentAssignees: issue.assignees,
  };
}

function closeOperation(
  current: OurIssue,
  why: string,
  stateReason: 'completed' | 'not_planned',
  reason: string,
  comment: string,
): Operation {
  return {
    kind: 'close',
    issue: current.issue.number,
    stateReason,
    reason,
    comment,
    body: replaceMarker(current.issue.body ?? '', { ...current.marker, closed: why }),
  };
}

function closeNotDue(policy: ReminderPolicy, state: ReviewState, current: OurIssue, input: PlanInput): Operation {
  const id = policy.id!;
  if (state === 'retired') {
    return closeOperation(
      current,
      'retired',
      'not_planned',
      'policy retired',
      `\`${id}\` is now \`retired\`: retired policies are not reviewed, so this reminder is closed.`,
    );
  }
  if (state === 'draft') {
    return closeOperation(
      current,
      'draft',
      'not_planned',
      'policy back in draft',
      `\`${id}\` is back in \`draft\`: drafts are not reviewed on a schedule, so this reminder is closed. A new one opens when the policy is in force and its review is due.`,
    );
  }
  const reviewed = policy.last_reviewed ? `last reviewed ${policy.last_reviewed}, ` : '';
  return closeOperation(
    current,
    'reviewed',
    'completed',
    'reviewed',
    `\`${id}\` is no longer due for review (${reviewed}next review due ${policy.next_review}, more than ${input.withinDays} days away), so this reminder is closed.`,
  );
}
