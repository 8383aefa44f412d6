/**
 * The executor: applies a reminder plan's operations one after another (never in parallel:
 * GitHub's content-creation limits punish bursts; the client spaces and retries writes). It
 * stops at the first failure and reports what it had done, so nothing is half-written silently.
 *
 * Exactly once, even when GitHub loses answers and when two runs work at the same time:
 * - every create (issue, closing comment, "could not assign" comment) goes through createOnce:
 *   look for it by its marker right before creating, and again after a create that may have
 *   written; the client never retries a create;
 * - right before each new issue, the labelled issues created since our last listing are read
 *   (newest first: one request as a rule, see listNewLabelledIssues; the planning listing
 *   covers everything older). That one read also checks the issue created before it: if a
 *   concurrent run opened one for the same policy first, ours (the later, higher number) is
 *   closed as a duplicate, so the oldest stays. Such closes are sent after the create, so the
 *   read and the create it guards are as close together as they can be;
 * - every answer is checked (an issue number must be there) before it is logged or used.
 */
import { describeRequestError, replyId, replyNumber, type Octokit } from '../client.js';
import { createOnce } from '../create-once.js';
import { listAll } from '../listing.js';
import { includesName, parseMarker, renderIssue, replaceMarker, sameName, type RenderInput } from './content.js';
import { listNewLabelledIssues, toExistingIssue, type RepoRef } from './github.js';
import type { ExistingIssue, IssueChanges, PlanEntry } from './plan.js';

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

export interface ApplyContext {
  /** The reminder label: the listing that finds our issues again. */
  label: string;
  /** The token's login (asked of GitHub once, when first needed). */
  identity: () => Promise<string>;
  /**
   * The full listing the plan was made from: later reads fetch only the issues created since.
   * Default: none (every labelled issue is then read again once, by the first create).
   */
  listed?: readonly ExistingIssue[];
}

/** Hidden markers of the comments this executor posts, so a retry or a second run finds them. */
export const CLOSING_MARKER = '<!-- isms-as-code:closing -->';
const unassignableMarker = (logins: readonly string[]) => `<!-- isms-as-code:unassignable ${logins.join(',')} -->`;

interface Created {
  policyId: string;
  number: number;
}

export async function applyPlan(
  octokit: Octokit,
  ref: RepoRef,
  entries: readonly PlanEntry[],
  log: (line: string) => void,
  context: ApplyContext,
): Promise<ApplyResult> {
  const applied: AppliedOperation[] = [];
  const executor = new Executor(octokit, ref, log, context);
  let current: PlanEntry | null = null;
  try {
    for (const entry of entries) {
      current = entry;
      const operation = entry.operation;
      if (operation.kind === 'none') continue;
      if (operation.kind === 'create') {
        const result = await executor.create(entry.policyId, operation);
        if (result) applied.push({ entry, ...result });
      } else if (operation.kind === 'update') {
        const refused = await executor.update(operation.issue, operation.changes, operation.render);
        applied.push({ entry, issue: operation.issue, refused });
        log(`Updated #${operation.issue} for ${entry.policyId} (${operation.reasons.join(', ')})${refusedNote(refused)}`);
      } else {
        await executor.close(operation.issue, operation.comment, operation.stateReason, operation.body);
        applied.push({ entry, issue: operation.issue, refused: [] });
        log(`Closed #${operation.issue} for ${entry.policyId} (${operation.reason})`);
      }
    }
    current = null;
    // The last new issue is checked against concurrent runs too.
    await executor.settleDuplicates();
  } catch (error) {
    const entry = current ?? entries[entries.length - 1]!;
    return { applied, failure: { entry, message: describeRequestError(error), status: (error as { status?: number }).status } };
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

/** Logins asked for that GitHub's answer does not list: dropped silently (no access, no such user). */
export function droppedAssignees(asked: readonly string[], answer: unknown): string[] {
  const listed = (answer as { assignees?: unknown } | null)?.assignees;
  if (!Array.isArray(listed)) return [];
  const kept = listed.map((user) => (user as { login?: unknown })?.login).filter((login): login is string => typeof login === 'string');
  return asked.filter((login) => !includesName(kept, login));
}

class Executor {
  /** Issues we created whose policy has not yet been checked for a concurrent duplicate. */
  private unsettled: Created[] = [];
  /** Every labelled issue a listing has returned, by number: the last state each listing saw. */
  private readonly known = new Map<number, ExistingIssue>();

  constructor(
    private readonly octokit: Octokit,
    private readonly ref: RepoRef,
    private readonly log: (line: string) => void,
    private readonly context: ApplyContext,
  ) {
    for (const issue of context.listed ?? []) this.known.set(issue.number, issue);
  }

  /** Reads the labelled issues created since the last listing; returns everything known. */
  private async relist(): Promise<ExistingIssue[]> {
    const fresh = await listNewLabelledIssues(this.octokit, this.ref, this.context.label, new Set(this.known.keys()));
    for (const issue of fresh) this.known.set(issue.number, issue);
    return [...this.known.values()];
  }

  /** Our open reminder issues for `policyId`, oldest first. */
  private async ourOpenIssues(policyId: string, listing: readonly ExistingIssue[]): Promise<ExistingIssue[]> {
    const marked = listing.filter((issue) => !issue.isPullRequest && issue.state === 'open' && parseMarker(issue.body)?.id === policyId);
    if (marked.length === 0) return [];
    const login = await this.context.identity();
    return marked.filter((issue) => issue.author !== null && sameName(issue.author, login)).sort((a, b) => a.number - b.number);
  }

  /**
   * Closes each of our new issues (created before `listing` was read) that a concurrent run's
   * older issue duplicates.
   */
  private async settle(listing: readonly ExistingIssue[], settled: readonly Created[]): Promise<void> {
    for (const created of settled) {
      const open = await this.ourOpenIssues(created.policyId, listing);
      const older = open.find((issue) => issue.number < created.number);
      const mine = open.find((issue) => issue.number === created.number);
      if (!older || !mine) continue;
      const marker = parseMarker(mine.body);
      await this.octokit.rest.issues.update({
        ...this.ref,
        issue_number: created.number,
        state: 'closed',
        state_reason: 'duplicate',
        ...(marker ? { body: replaceMarker(mine.body ?? '', { ...marker, closed: 'duplicate' }) } : {}),
      });
      mine.state = 'closed';
      this.log(`Closed #${created.number} for ${created.policyId}: #${older.number}, opened by a run at the same time, is kept`);
    }
  }

  async settleDuplicates(): Promise<void> {
    if (this.unsettled.length === 0) return;
    const settled = this.unsettled.splice(0);
    await this.settle(await this.relist(), settled);
  }

  async create(
    policyId: string,
    operation: { title: string; body: string; labels: string[]; assignees: string[]; render: RenderInput },
  ): Promise<{ issue: number; refused: string[] } | null> {
    // The read right before the create: a concurrent run may have opened it since we planned.
    // It also covers the issues we created before (to be settled once this one is sent).
    const settled = this.unsettled.splice(0);
    const before = await this.relist();
    const already = (await this.ourOpenIssues(policyId, before))[0];
    if (already) {
      this.log(`#${already.number} for ${policyId} was opened meanwhile (by a run at the same time): not opened again`);
      await this.settle(before, settled);
      return null;
    }
    let refused: string[] = [];
    let sent = operation;
    const send = async (fields: typeof operation): Promise<ExistingIssue> => {
      const { data } = await this.octokit.rest.issues.create({ ...this.ref, title: fields.title, body: fields.body, labels: fields.labels, assignees: fields.assignees });
      replyNumber(data, `POST /repos/${this.ref.owner}/${this.ref.repo}/issues`);
      return toExistingIssue(data);
    };
    const outcome = await this.createThenSettle(before, settled, () => createOnce<ExistingIssue>({
      what: `open the reminder issue for ${policyId}`,
      justListed: true,
      find: async () => (await this.ourOpenIssues(policyId, await this.relist()))[0],
      create: async () => {
        try {
          return await send(sent);
        } catch (error) {
          const named = refusedAssignees(error, sent.assignees);
          if (!named) throw error;
          // Once more without them; the body names them instead.
          refused = named;
          const rendered = renderIssue({ ...operation.render, unassignable: [...operation.render.unassignable, ...named] });
          sent = { ...operation, title: rendered.title, body: rendered.body, assignees: rendered.assignees };
          return await send(sent);
        }
      },
      log: this.log,
    }));
    const issue = outcome.value;
    this.unsettled.push({ policyId, number: issue.number });
    if (outcome.kind === 'found') {
      this.log(`#${issue.number} for ${policyId} was opened meanwhile: not opened again`);
      return null;
    }
    const dropped = droppedAssignees(sent.assignees, { assignees: issue.assignees.map((login) => ({ login })) });
    if (dropped.length > 0) await this.recordUnassignable(issue.number, issue.body ?? sent.body, dropped, sent.render);
    refused = [...refused, ...dropped];
    this.log(`Opened #${issue.number} for ${policyId}${outcome.confirmedByLooking ? ' (GitHub lost its answer; found by looking again)' : ''}${refusedNote(refused)}`);
    return { issue: issue.number, refused };
  }

  /** Sends the create, then closes the duplicates `before` shows, even when the create fails. */
  private async createThenSettle<T>(before: readonly ExistingIssue[], settled: readonly Created[], create: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await create();
    } catch (error) {
      // The earlier issues are settled all the same; the create's failure is what is reported.
      await this.settle(before, settled).catch(() => {});
      throw error;
    }
    await this.settle(before, settled);
    return result;
  }

  async update(issue: number, changes: IssueChanges, render: RenderInput): Promise<string[]> {
    try {
      const { data } = await this.octokit.rest.issues.update({ ...this.ref, issue_number: issue, ...changes });
      const dropped = changes.assignees ? droppedAssignees(changes.assignees, data) : [];
      if (dropped.length > 0) {
        const body = typeof (data as { body?: unknown }).body === 'string' ? (data as { body: string }).body : (changes.body ?? '');
        await this.recordUnassignable(issue, body, dropped, render);
      }
      return dropped;
    } catch (error) {
      const refused = refusedAssignees(error, changes.assignees ?? []);
      if (!refused) throw error;
      // The marker must remember them, or every run would try again: the body is rewritten.
      const rendered = renderIssue({ ...render, unassignable: [...render.unassignable, ...refused] });
      await this.octokit.rest.issues.update({
        ...this.ref,
        issue_number: issue,
        ...changes,
        body: rendered.body,
        assignees: (changes.assignees ?? []).filter((login) => !includesName(refused, login)),
      });
      return refused;
    }
  }

  /**
   * GitHub kept the issue but dropped some assignees without a word. The marker records them
   * (so no later run sends the same assignees again) and one comment says who and why.
   */
  private async recordUnassignable(issue: number, body: string, dropped: string[], render: RenderInput): Promise<void> {
    const marker = parseMarker(body);
    const known = marker?.unassignable ?? [];
    const fresh = dropped.filter((login) => !includesName(known, login));
    if (fresh.length === 0) return;
    const rendered = renderIssue({ ...render, unassignable: [...render.unassignable, ...known, ...fresh] });
    await this.octokit.rest.issues.update({ ...this.ref, issue_number: issue, body: rendered.body });
    // In code spans: named, not notified (they cannot act on the issue anyway).
    const names = fresh.map((login) => `\`@${login}\``).join(', ');
    await this.commentOnce(
      issue,
      `could not assign on #${issue}`,
      unassignableMarker(fresh),
      `GitHub did not assign ${names} (people need access to this repository to be assigned). The owners stay listed in the description; assign someone who can review, or give them access.\n\n${unassignableMarker(fresh)}`,
    );
  }

  /** Posts `body` on `issue` unless a comment of ours with `marker` is there already. */
  private async commentOnce(issue: number, what: string, marker: string, body: string, justListed = false): Promise<void> {
    const find = async (): Promise<number | undefined> => {
      const comments = await listAll(this.octokit, 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...this.ref, issue_number: issue }, `the comments of #${issue}`);
      const marked = comments.filter((item) => String((item as { body?: unknown }).body ?? '').includes(marker));
      if (marked.length === 0) return undefined;
      const login = await this.context.identity();
      const ours = marked.find((item) => sameName(String((item as { user?: { login?: unknown } }).user?.login ?? ''), login));
      return ours ? (ours as { id: number }).id : undefined;
    };
    await createOnce<number>({
      what: `comment ${what}`,
      justListed,
      find,
      create: async () => {
        const { data } = await this.octokit.rest.issues.createComment({ ...this.ref, issue_number: issue, body });
        return replyId(data, `POST /repos/${this.ref.owner}/${this.ref.repo}/issues/${issue}/comments`);
      },
      log: this.log,
    });
  }

  async close(issue: number, comment: string, stateReason: 'completed' | 'not_planned', body: string): Promise<void> {
    await this.commentOnce(issue, `why #${issue} is closed`, CLOSING_MARKER, `${comment}\n\n${CLOSING_MARKER}`);
    // Closing is a PATCH: sending it twice closes once.
    await this.octokit.rest.issues.update({ ...this.ref, issue_number: issue, state: 'closed', state_reason: stateReason, body });
  }
}

