/**
 * The executor: applies a reminder plan's operations one after another (never in parallel:
 * GitHub's content-creation limits punish bursts; the client spaces and retries writes). It
 * stops at the first failure and reports what it had done, so nothing is half-written silently.
 */
import { describeRequestError, type Octokit } from '../client.js';
import { includesName, renderIssue, type RenderInput } from './content.js';
import type { RepoRef } from './github.js';
import type { IssueChanges, PlanEntry } from './plan.js';

export interface AppliedOperation {
  entry: PlanEntry;
  /** The issue created or changed. */
  issue: number;
  /** Owner logins GitHub refused as assignees: the issue was written without them and says so. */
  refused: string[];
}

export interface ApplyFailure {
  entry: PlanEntry;
  /** One line: `403 Resource not accessible by integration`. */
  message: string;
  status: number | undefined;
}

export interface ApplyResult {
  applied: AppliedOperation[];
  failure: ApplyFailure | null;
}

export async function applyPlan(
  octokit: Octokit,
  ref: RepoRef,
  entries: readonly PlanEntry[],
  log: (line: string) => void,
): Promise<ApplyResult> {
  const applied: AppliedOperation[] = [];
  for (const entry of entries) {
    const operation = entry.operation;
    if (operation.kind === 'none') continue;
    try {
      if (operation.kind === 'create') {
        const result = await createIssue(octokit, ref, operation);
        applied.push({ entry, ...result });
        log(`Opened #${result.issue} for ${entry.policyId}${refusedNote(result.refused)}`);
      } else if (operation.kind === 'update') {
        const refused = await updateIssue(octokit, ref, operation.issue, operation.changes, operation.render);
        applied.push({ entry, issue: operation.issue, refused });
        log(`Updated #${operation.issue} for ${entry.policyId} (${operation.reasons.join(', ')})${refusedNote(refused)}`);
      } else {
        await octokit.rest.issues.createComment({ ...ref, issue_number: operation.issue, body: operation.comment });
        await octokit.rest.issues.update({
          ...ref,
          issue_number: operation.issue,
          state: 'closed',
          state_reason: operation.stateReason,
          body: operation.body,
        });
        applied.push({ entry, issue: operation.issue, refused: [] });
        log(`Closed #${operation.issue} for ${entry.policyId} (${operation.reason})`);
      }
    } catch (error) {
      return { applied, failure: { entry, message: describeRequestError(error), status: (error as { status?: number }).status } };
    }
  }
  return { applied, failure: null };
}

function refusedNote(refused: readonly string[]): string {
  return refused.length > 0 ? `; GitHub refused to assign ${refused.map((login) => `@${login}`).join(', ')}` : '';
}

/**
 * The logins a 422 says cannot be assigned, or null when the 422 is about something else.
 * GitHub answers `{"errors": [{"field": "assignees", "code": "invalid", "value": "ghost"}]}`;
 * when it names no login, every login tried is taken as refused so the issue still gets written.
 */
export function refusedAssignees(error: unknown, tried: readonly string[]): string[] | null {
  const err = error as { status?: number; response?: { data?: { errors?: unknown } } };
  if (err.status !== 422 || tried.length === 0) return null;
  const errors = Array.isArray(err.response?.data?.errors) ? (err.response!.data!.errors as unknown[]) : [];
  const about = errors.filter(
    (item): item is { field?: unknown; value?: unknown } =>
      typeof item === 'object' && item !== null && ['assignees', 'assignee'].includes(String((item as { field?: unknown }).field)),
  );
  if (about.length === 0) return null;
  const named = about.flatMap((item) => (Array.isArray(item.value) ? item.value : [item.value])).filter((value): value is string => typeof value === 'string');
  const refused = tried.filter((login) => includesName(named, login));
  return refused.length > 0 ? refused : [...tried];
}

async function createIssue(
  octokit: Octokit,
  ref: RepoRef,
  operation: { title: string; body: string; labels: string[]; assignees: string[]; render: RenderInput },
): Promise<{ issue: number; refused: string[] }> {
  try {
    const { data } = await octokit.rest.issues.create({ ...ref, title: operation.title, body: operation.body, labels: operation.labels, assignees: operation.assignees });
    return { issue: data.number, refused: [] };
  } catch (error) {
    const refused = refusedAssignees(error, operation.assignees);
    if (!refused) throw error;
    // Once more without them; the body names them instead.
    const rendered = renderIssue({ ...operation.render, unassignable: [...operation.render.unassignable, ...refused] });
    const { data } = await octokit.rest.issues.create({ ...ref, title: rendered.title, body: rendered.body, labels: operation.labels, assignees: rendered.assignees });
    return { issue: data.number, refused };
  }
}

async function updateIssue(octokit: Octokit, ref: RepoRef, issue: number, changes: IssueChanges, render: RenderInput): Promise<string[]> {
  try {
    await octokit.rest.issues.update({ ...ref, issue_number: issue, ...changes });
    return [];
  } catch (error) {
    const refused = refusedAssignees(error, changes.assignees ?? []);
    if (!refused) throw error;
    // The marker must remember them, or every run would try again: the body is rewritten.
    const rendered = renderIssue({ ...render, unassignable: [...render.unassignable, ...refused] });
    await octokit.rest.issues.update({
      ...ref,
      issue_number: issue,
      ...changes,
      body: rendered.body,
      assignees: (changes.assignees ?? []).filter((login) => !includesName(refused, login)),
    });
    return refused;
  }
}
