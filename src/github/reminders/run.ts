/**
 * One reminder run: list the labelled issues, plan, make sure the labels exist, apply, and
 * describe it all. Reads happen in dry runs too; writes never do.
 *
 * Requests are kept to what is needed: an idle run (nothing changed) is the listing pages plus
 * one GraphQL `viewer { login }` when it finds reminder issues to verify (whose they are is
 * only known by asking). Each new issue costs one read more, of the newest labelled issues
 * (looked for right before it is opened; one more after the last), whatever the number of
 * labelled issues; each closing comment one comment listing.
 */
import { UsageError } from '../../config/load.js';
import { describeRequestError, type Octokit } from '../client.js';
import { applyPlan, type AppliedOperation, type ApplyFailure } from './apply.js';
import { parseMarker, type ReminderPolicy } from './content.js';
import { renderDigestMarkdown, renderPlanText, type DigestInput } from './digest.js';
import {
  createLabel,
  listLabelledIssues,
  missingLabels,
  IdentityError,
  resolveIdentity,
  type Identity,
  type LabelSpec,
} from './github.js';
import { planReminders, type ExistingIssue, type ReminderPlan } from './plan.js';
import { countRequests } from './requests.js';

export interface ReminderOptions {
  octokit: Octokit;
  owner: string;
  repo: string;
  policies: readonly ReminderPolicy[];
  /** `YYYY-MM-DD`. */
  today: string;
  withinDays: number;
  label: string;
  dryRun: boolean;
  /** For links to the policy files, e.g. `main`. */
  defaultBranch: string;
  /** e.g. https://github.com */
  serverUrl: string;
  log: (line: string) => void;
  /**
   * Login whose issues count as ours. Default: asked of GitHub (GraphQL `viewer { login }`), which
   * knows it for every kind of token; when GitHub cannot say, the run writes nothing.
   */
  identity?: string;
  /** Label added while a review is past due. Default `overdue`. */
  overdueLabel?: string;
}

export interface ReminderOutcome {
  /** Markdown digest for the job summary / terminal (policies by owner, operations, requests). */
  digestMarkdown: string;
  /** Plain-text table of the plan with a summary (for dry runs and the CLI). */
  planText: string;
  created: number;
  updated: number;
  closed: number;
  requests: number;
  writes: number;
  /** Requests repeated by the retry or throttling plugin (included in `requests`). */
  retries: number;
  /** Policies with a review due within the window, and past due. */
  due: number;
  overdue: number;
  dryRun: boolean;
  /** Null when the run failed before it could plan. */
  plan: ReminderPlan | null;
  applied: AppliedOperation[];
  identity: Identity | null;
}

/** A failed run: one-line message, and the outcome with what was done before the failure. */
export class ReminderError extends Error {
  readonly outcome: ReminderOutcome;
  constructor(message: string, outcome: ReminderOutcome) {
    super(message);
    this.name = 'ReminderError';
    this.outcome = outcome;
  }
}

const LABEL_COLOURS = { reminder: '0e8a16', overdue: 'd93f0b' };

/** GitHub label names: at most 50 characters; a comma would split the listing's `labels` filter. */
export function checkLabel(name: string, what: string): void {
  if (name.trim() === '' || name.length > 50 || name.includes(',')) {
    throw new UsageError(`Invalid ${what} \`${name}\`: a GitHub label name of 1 to 50 characters without commas, e.g. isms-review`);
  }
}

function hint(status: number | undefined, access: 'read' | 'write' = 'write'): string {
  if (status === 403 && access === 'read') return ' (the token may not read issues here, or a rate limit outlasted the retries)';
  if (status === 403) return ' (the token may not write issues here: give the workflow `permissions: issues: write`, or use a token with issues access)';
  if (status === 401) return ' (the token is invalid or expired)';
  if (status === 404) return ' (check the repository name and that the token can see it)';
  return '';
}

export async function runReminders(options: ReminderOptions): Promise<ReminderOutcome> {
  const overdueLabel = options.overdueLabel ?? 'overdue';
  checkLabel(options.label, 'reminder label');
  checkLabel(overdueLabel, 'overdue label');
  const ref = { owner: options.owner, repo: options.repo };
  const measure = countRequests(options.octokit);
  const where = `${options.owner}/${options.repo}`;

  const emptyOutcome = (): ReminderOutcome => {
    const counts = measure();
    return {
      digestMarkdown: '',
      planText: '',
      created: 0,
      updated: 0,
      closed: 0,
      ...counts,
      due: 0,
      overdue: 0,
      dryRun: options.dryRun,
      plan: null,
      applied: [],
      identity: null,
    };
  };

  let issues: ExistingIssue[];
  let identity: Identity | null = null;
  // Asked of GitHub once, only when there are marked issues to tell apart (or to look for again).
  const whoAmI = async (): Promise<string> => (identity ??= await resolveIdentity(options.octokit, options.identity)).login;
  try {
    issues = await listLabelledIssues(options.octokit, ref, options.label);
    if (issues.some((issue) => !issue.isPullRequest && parseMarker(issue.body))) await whoAmI();
  } catch (error) {
    if (error instanceof IdentityError) throw new ReminderError(`${error.message} Nothing was written to ${where}.`, emptyOutcome());
    const status = (error as { status?: number }).status;
    throw new ReminderError(`Cannot read the reminder issues of ${where}: ${describeRequestError(error)}${hint(status, 'read')}`, emptyOutcome());
  }

  const plan = planReminders({
    policies: options.policies,
    today: options.today,
    withinDays: options.withinDays,
    existingIssues: issues,
    label: options.label,
    overdueLabel,
    identity: (identity as Identity | null)?.login ?? options.identity ?? '',
    links: { serverUrl: options.serverUrl, owner: options.owner, repo: options.repo, branch: options.defaultBranch },
  });

  const specs: LabelSpec[] = plan.labelsNeeded.map((name) =>
    name.toLowerCase() === overdueLabel.toLowerCase()
      ? { name, color: LABEL_COLOURS.overdue, description: 'Policy review past its due date (isms-as-code)' }
      : { name, color: LABEL_COLOURS.reminder, description: 'Policy review due (isms-as-code)' },
  );
  const labelsCreated: string[] = [];
  let labelsMissing: string[] = [];
  let result: { applied: AppliedOperation[]; failure: ApplyFailure | null } = { applied: [], failure: null };
  let labelError: string | null = null;
  try {
    const missing = await missingLabels(options.octokit, ref, specs, plan.labelsSeen);
    if (options.dryRun) {
      labelsMissing = missing.map((label) => label.name);
    } else {
      for (const label of missing) {
        if (await createLabel(options.octokit, ref, label)) labelsCreated.push(label.name);
      }
    }
  } catch (error) {
    labelError = `Cannot create the labels ${specs.map((label) => label.name).join(', ')} in ${where}: ${describeRequestError(error)}${hint((error as { status?: number }).status)}`;
  }

  if (!options.dryRun && labelError === null) {
    result = await applyPlan(options.octokit, ref, plan.entries, options.log, { label: options.label, identity: whoAmI, listed: issues });
  }

  const digestInput: DigestInput = {
    plan,
    dryRun: options.dryRun,
    applied: result.applied,
    failure: result.failure,
    labelsCreated,
    labelsMissing,
    counts: measure(),
    identity,
    notes: labelError ? [labelError] : [],
  };
  const counts = measure();
  const dueIds = new Map(plan.entries.filter((entry) => entry.state === 'overdue' || entry.state === 'due-soon').map((entry) => [entry.policyId, entry.state]));
  const outcome: ReminderOutcome = {
    digestMarkdown: renderDigestMarkdown(digestInput),
    planText: renderPlanText(digestInput),
    created: result.applied.filter((item) => item.entry.operation.kind === 'create').length,
    updated: result.applied.filter((item) => item.entry.operation.kind === 'update').length,
    closed: result.applied.filter((item) => item.entry.operation.kind === 'close').length,
    ...counts,
    due: [...dueIds.values()].filter((state) => state === 'due-soon').length,
    overdue: [...dueIds.values()].filter((state) => state === 'overdue').length,
    dryRun: options.dryRun,
    plan,
    applied: result.applied,
    identity,
  };

  if (labelError) throw new ReminderError(`${labelError}. Nothing was written.`, outcome);
  if (result.failure) {
    const done = result.applied.map((item) => `#${item.issue}`);
    throw new ReminderError(
      `Review reminders stopped at ${result.failure.entry.policyId}: ${result.failure.message}${hint(result.failure.status)}; ${
        done.length > 0 ? `done before that: ${done.join(', ')}` : 'nothing was written'
      }`,
      outcome,
    );
  }
  return outcome;
}
