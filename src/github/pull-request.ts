/**
 * The pull-request review: read the PR's files, check the base commit for the coverage delta,
 * plan the line comments and the summary comment, then apply them in sequence.
 *
 * Requests of one run: the file listing (one page per 100 files), the review comments (only
 * when a finding sits on a diff line), the issue comments, one GraphQL `viewer { login }` when
 * some listed comment carries our marker (whose it is can only be asked), then at most one
 * review and one comment write. A create is followed by one more listing (a run at the same
 * time may have made the same: the oldest stays); an edit of a comment that reports another
 * commit by `GET /pulls/{n}` (an older run must not overwrite newer results). Nothing is
 * written when nothing changed since the last run.
 */
import type { CheckResult } from '../check.js';
import { computeCoverage, coverageDelta } from '../model/coverage.js';
import { describeRequestError, replyId, type Octokit } from './client.js';
import { checkBaseCommit, mergeBaseCandidate } from './base-tree.js';
import type { LinkTo } from './links.js';
import { renderPrComment } from './pr-comment.js';
import { policyChanges, type CoverageComparison, type PolicyChange } from './report-sections.js';
import { IdentityError, resolveIdentity } from './reminders/github.js';
import { anyMarked, planReview, postedKeys, type ExistingReviewComment, type PullFileInfo } from './review-plan.js';
import { headMarker, ownComments, recordedHead, sameBody, SUMMARY_MARKER, type CommentOperation, type IssueCommentInfo } from './sticky-comment.js';
import { createOnce } from './create-once.js';
import { listAll } from './listing.js';
import type { WriteGate } from './write-gate.js';

export interface PullRequestOptions {
  octokit: Octokit;
  gate: WriteGate;
  owner: string;
  repo: string;
  number: number;
  headSha: string | undefined;
  baseSha: string | undefined;
  /** Head check, with repo-relative paths. */
  result: CheckResult;
  linkTo: LinkTo | null;
  /** For the base check: the same options as the head's. */
  workspace: string;
  configPath: string | undefined;
  paths: string[] | undefined;
  remindWithinDays: number | undefined;
  tempRoot: string;
  comment: boolean;
  reviewComments: boolean;
  /** What the summary comment should say about how the head was read (see ./pr-head.ts). */
  headNotes?: string[];
  /** Login whose comments are ours; undefined: from the token. */
  identity: string | undefined;
  log: (line: string) => void;
}

export interface PullRequestOutcome {
  files: PullFileInfo[] | null;
  changedFiles: Set<string>;
  changes: PolicyChange[] | null;
  comparison: CoverageComparison;
  /** Line comments posted by this run. */
  lineComments: number;
  /** What happened to the summary comment, null when it was not attempted. */
  comment: CommentOperation['kind'] | 'failed' | 'skipped' | null;
  /** What could not be done and why, for the log, the summary and the comment. */
  notes: string[];
}

async function listFiles(options: PullRequestOptions): Promise<PullFileInfo[]> {
  const ref = `#${options.number}`;
  const items = await listAll(options.octokit, 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { owner: options.owner, repo: options.repo, pull_number: options.number }, `the files of ${ref}`);
  return items.map((item) => {
    const file = item as { filename: string; status: string; patch?: string | null; previous_filename?: string };
    return {
      filename: file.filename,
      status: file.status,
      patch: file.patch ?? null,
      ...(file.previous_filename ? { previous_filename: file.previous_filename } : {}),
    };
  });
}

async function listReviewComments(options: PullRequestOptions): Promise<ExistingReviewComment[]> {
  const items = await listAll(options.octokit, 'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', { owner: options.owner, repo: options.repo, pull_number: options.number }, `the review comments of #${options.number}`);
  return items.map((item) => {
    const comment = item as { id: number; pull_request_review_id?: number | null; path: string; line?: number | null; side?: string | null; body: string; user?: { login: string } | null };
    return {
      id: comment.id,
      reviewId: comment.pull_request_review_id ?? null,
      path: comment.path,
      line: comment.line ?? null,
      side: comment.side ?? null,
      body: comment.body,
      author: comment.user?.login ?? null,
    };
  });
}

async function listIssueComments(options: PullRequestOptions): Promise<IssueCommentInfo[]> {
  const items = await listAll(options.octokit, 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner: options.owner, repo: options.repo, issue_number: options.number }, `the comments of #${options.number}`);
  return items.map((item) => {
    const comment = item as { id: number; body?: string | null; user?: { login: string } | null };
    return { id: comment.id, body: comment.body ?? null, author: comment.user?.login ?? null };
  });
}

async function compareWithBase(options: PullRequestOptions): Promise<{ comparison: CoverageComparison; base: CheckResult | null }> {
  const candidates = [options.baseSha, mergeBaseCandidate(options.workspace, options.headSha)].filter(
    (value): value is string => typeof value === 'string' && value !== '',
  );
  if (candidates.length === 0) return { comparison: { kind: 'unavailable', reason: 'the event names no base commit' }, base: null };
  const base = await checkBaseCommit({
    repoRoot: options.workspace,
    candidates,
    configPath: options.configPath,
    paths: options.paths,
    today: options.result.today,
    remindWithinDays: options.remindWithinDays,
    tempRoot: options.tempRoot,
  });
  if (!base.ok) return { comparison: { kind: 'unavailable', reason: base.reason }, base: null };
  const before = computeCoverage(base.result.policies, base.result.soa);
  const after = computeCoverage(options.result.policies, options.result.soa);
  return { comparison: { kind: 'delta', baseSha: base.sha, base: before, head: after, delta: coverageDelta(before, after) }, base: base.result };
}

export async function reviewPullRequest(options: PullRequestOptions): Promise<PullRequestOutcome> {
  const { octokit, gate, result } = options;
  const ref = `${options.owner}/${options.repo}#${options.number}`;
  const notes: string[] = [];
  // Asked of GitHub once, and only when there are marked comments to tell apart.
  let identity: Promise<string> | undefined;
  const whoAmI = () => (identity ??= resolveIdentity(octokit, options.identity).then((found) => found.login));

  let files: PullFileInfo[] | null = null;
  try {
    files = await listFiles(options);
  } catch (error) {
    notes.push(`The files of ${ref} could not be listed (${describeRequestError(error)}): no line comments this run.`);
  }
  const changedFiles = new Set((files ?? []).filter((file) => file.status !== 'removed').map((file) => file.filename));

  const { comparison, base } = await compareWithBase(options);
  const changes = files ? policyChanges(files, result, base) : null;

  // Findings on diff lines, whatever was posted before: the count the comment shows.
  const onDiff =
    files && options.reviewComments ? planReview({ findings: result.findings, files, existing: [], identity: '', maxComments: Number.MAX_SAFE_INTEGER }) : null;
  const onDiffLines = onDiff ? onDiff.comments.reduce((sum, comment) => sum + comment.findings.length, 0) : 0;

  let lineComments = 0;
  if (options.reviewComments && files && onDiffLines > 0) {
    try {
      lineComments = await postReview(options, files, notes, whoAmI);
    } catch (error) {
      notes.push(
        error instanceof IdentityError
          ? `${error.message} No line comments this run.`
          : `The review comments of ${ref} could not be read (${describeRequestError(error)}): no line comments this run.`,
      );
    }
  }

  let commentOutcome: PullRequestOutcome['comment'] = null;
  if (options.comment) {
    const body = renderPrComment({ result, linkTo: options.linkTo, changedFiles, changes, comparison, onDiffLines, notes: [...(options.headNotes ?? []), ...notes] });
    try {
      commentOutcome = await postSummary(options, options.headSha ? `${body}\n${headMarker(options.headSha)}` : body, notes, whoAmI);
    } catch (error) {
      commentOutcome = 'failed';
      notes.push(
        error instanceof IdentityError
          ? `${error.message} No summary comment this run.`
          : `The comments of ${ref} could not be read (${describeRequestError(error)}): no summary comment this run.`,
      );
    }
  }

  return { files, changedFiles, changes, comparison, lineComments, comment: commentOutcome, notes };
}

type WhoAmI = () => Promise<string>;

/** The login, asked only when some listed item carries our marker (else nothing can be ours). */
async function identityIf(needed: boolean, whoAmI: WhoAmI): Promise<string> {
  return needed ? whoAmI() : '';
}

/**
 * The review with the line comments not posted yet. The review comments are listed right before
 * the create (another run may have posted them since); a create whose answer is lost is looked
 * for again; afterwards the listing is read once more and, if a run at the same time posted the
 * same comments, ours (the later) are deleted and our review says it is a duplicate.
 */
async function postReview(options: PullRequestOptions, files: PullFileInfo[], notes: string[], whoAmI: WhoAmI): Promise<number> {
  const { octokit, gate, result } = options;
  const ref = `${options.owner}/${options.repo}#${options.number}`;
  const plan = async (existing: ExistingReviewComment[]) =>
    planReview({ findings: result.findings, files, existing, identity: await identityIf(anyMarked(existing), whoAmI) });
  const first = await plan(await listReviewComments(options));
  if (first.overLimit.length > 0) notes.push(`${first.overLimit.length} findings on changed lines are listed in the summary comment only: one review carries at most 50 line comments.`);
  if (first.comments.length === 0) {
    if (first.alreadyPosted.length > 0) options.log(`Line comments: all ${first.alreadyPosted.length} findings on changed lines were posted by an earlier run.`);
    return 0;
  }
  const count = first.comments.length;
  const wanted = new Set(first.comments.flatMap((comment) => comment.findings.map((finding) => `${comment.path}\n${comment.line}\n${finding.rule}`)));
  const written = await gate.write(`post a review with ${count} line comment${count === 1 ? '' : 's'} on ${ref}`, () =>
    createOnce<number | null>({
      what: `post the review on ${ref}`,
      justListed: true,
      // Found when every planned comment is there now; its review id, when GitHub lists one.
      find: async () => {
        const existing = await listReviewComments(options);
        const again = await plan(existing);
        if (again.comments.length > 0) return undefined;
        const login = await identityIf(true, whoAmI);
        const mine = existing.filter((comment) => comment.author?.toLowerCase() === login.toLowerCase() && postedKeys(comment).some((key) => wanted.has(key)));
        return mine.map((comment) => comment.reviewId ?? null).sort((a, b) => (b ?? 0) - (a ?? 0))[0] ?? null;
      },
      create: async () => {
        const { data } = await octokit.rest.pulls.createReview({
          owner: options.owner,
          repo: options.repo,
          pull_number: options.number,
          ...(options.headSha ? { commit_id: options.headSha } : {}),
          event: 'COMMENT',
          body: `isms-as-code found ${count === 1 ? 'a problem' : 'problems'} on ${count} changed line${count === 1 ? '' : 's'}. The summary comment lists every finding.`,
          comments: first.comments.map(({ path, line, side, body }) => ({ path, line, side, body })),
        });
        return replyId(data, `POST /repos/${options.owner}/${options.repo}/pulls/${options.number}/reviews`);
      },
      log: options.log,
    }),
  );
  if (!written.ok) {
    if (!written.skipped) notes.push(`GitHub refused the line comments (${written.message}); the findings are in the summary comment.`);
    return 0;
  }
  if (written.value.kind === 'found') {
    options.log(`Line comments: a run at the same time posted them first.`);
    return 0;
  }
  const reviewId = written.value.value;
  return reviewId === null ? count : count - (await removeDuplicateLineComments(options, reviewId, wanted, whoAmI));
}

/** Deletes our new review's comments that an older review of ours (a concurrent run) already has; returns how many. */
async function removeDuplicateLineComments(options: PullRequestOptions, reviewId: number, wanted: ReadonlySet<string>, whoAmI: WhoAmI): Promise<number> {
  const { octokit, gate } = options;
  const existing = await listReviewComments(options);
  const marked = existing.filter((comment) => postedKeys(comment).some((key) => wanted.has(key)));
  if (!marked.some((comment) => comment.reviewId !== reviewId)) return 0;
  const login = (await whoAmI()).toLowerCase();
  const ours = marked.filter((comment) => comment.author?.toLowerCase() === login).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  const seen = new Set<string>();
  const duplicates: ExistingReviewComment[] = [];
  for (const comment of ours) {
    const keys = postedKeys(comment);
    if (comment.reviewId === reviewId && keys.every((key) => seen.has(key))) duplicates.push(comment);
    for (const key of keys) seen.add(key);
  }
  for (const comment of duplicates) {
    await gate.write(`delete the duplicate line comment ${comment.id}`, () =>
      octokit.rest.pulls.deleteReviewComment({ owner: options.owner, repo: options.repo, comment_id: comment.id! }),
    );
  }
  if (duplicates.length > 0 && duplicates.length === ours.filter((comment) => comment.reviewId === reviewId).length) {
    await gate.write(`mark review ${reviewId} as a duplicate`, () =>
      octokit.rest.pulls.updateReview({
        owner: options.owner,
        repo: options.repo,
        pull_number: options.number,
        review_id: reviewId,
        body: 'isms-as-code: a run at the same time posted these line comments first; this duplicate review has none.',
      }),
    );
    options.log(`Line comments: a run at the same time posted them first; the ${duplicates.length} duplicates were deleted.`);
  }
  return duplicates.length;
}

/**
 * The summary comment: created once (looked for right before, and again after a lost answer; a
 * duplicate from a run at the same time is deleted, the oldest stays), edited in place, and
 * never overwritten with results for an older head commit than the one it reports.
 */
async function postSummary(options: PullRequestOptions, body: string, notes: string[], whoAmI: WhoAmI): Promise<PullRequestOutcome['comment']> {
  const { octokit, gate } = options;
  const ref = `${options.owner}/${options.repo}#${options.number}`;
  const ownOf = async (comments: IssueCommentInfo[]) =>
    ownComments(comments, await identityIf(comments.some((comment) => (comment.body ?? '').includes(SUMMARY_MARKER)), whoAmI));
  let own = await ownOf(await listIssueComments(options));
  // Round 1 creates or edits; a second round follows only when a concurrent run's comment is found.
  for (let round = 1; round <= 2; round++) {
    const current = own[0];
    if (current) return updateSummary(options, current, body, notes);
    const written = await gate.write(`post the summary comment on ${ref}`, () =>
      createOnce<number>({
        what: `post the summary comment on ${ref}`,
        justListed: true,
        find: async () => (await ownOf(await listIssueComments(options)))[0]?.id,
        create: async () => {
          const { data } = await octokit.rest.issues.createComment({ owner: options.owner, repo: options.repo, issue_number: options.number, body });
          return replyId(data, `POST /repos/${options.owner}/${options.repo}/issues/${options.number}/comments`);
        },
        log: options.log,
      }),
    );
    if (!written.ok) return failedWrite(written, notes);
    const listed = await listIssueComments(options);
    const mine = written.value.kind === 'created' ? written.value.value : undefined;
    // Only ours carries the marker: nothing to settle, and no need to ask who we are.
    if (mine !== undefined && listed.every((comment) => comment.id === mine || !(comment.body ?? '').includes(SUMMARY_MARKER))) return 'create';
    const after = await ownOf(listed);
    if (mine === undefined) {
      own = after;
      continue;
    }
    const oldest = after[0];
    if (!oldest || oldest.id === mine) return 'create';
    // Two runs created at the same moment: the oldest comment stays, ours goes.
    await gate.write(`delete the duplicate summary comment ${mine} on ${ref}`, () =>
      octokit.rest.issues.deleteComment({ owner: options.owner, repo: options.repo, comment_id: mine }),
    );
    options.log(`Summary comment: a run at the same time posted ${oldest.id} first; the duplicate ${mine} was deleted.`);
    own = after.filter((comment) => comment.id !== mine);
  }
  return 'unchanged';
}

function failedWrite(written: { ok: false; skipped?: string; message?: string }, notes: string[]): PullRequestOutcome['comment'] {
  if (written.skipped) return 'skipped';
  notes.push(`The summary comment could not be written (${written.message}).`);
  return 'failed';
}

/** Edits our comment, unless nothing changed or it reports a newer head commit than this run's. */
async function updateSummary(options: PullRequestOptions, current: IssueCommentInfo, body: string, notes: string[]): Promise<PullRequestOutcome['comment']> {
  const ref = `${options.owner}/${options.repo}#${options.number}`;
  if (sameBody(current.body ?? '', body)) {
    options.log(`Summary comment ${current.id} is up to date.`);
    return 'unchanged';
  }
  const recorded = recordedHead(current.body);
  if (options.headSha && recorded && recorded !== options.headSha) {
    // Another commit's results: ours replace them only if our commit is still the PR's head.
    const { data } = await options.octokit.rest.pulls.get({ owner: options.owner, repo: options.repo, pull_number: options.number });
    const head = typeof data?.head?.sha === 'string' ? data.head.sha : undefined;
    if (head !== options.headSha) {
      const line = `The summary comment reports ${recorded.slice(0, 7)}; this run checked ${options.headSha.slice(0, 7)}, which is no longer the head of ${ref}${head ? ` (${head.slice(0, 7)} is)` : ''}: it is not overwritten with older results.`;
      options.log(line);
      notes.push(line);
      return 'skipped';
    }
  }
  const written = await options.gate.write(`update the summary comment ${current.id} on ${ref}`, () =>
    options.octokit.rest.issues.updateComment({ owner: options.owner, repo: options.repo, comment_id: current.id, body }),
  );
  return written.ok ? 'update' : failedWrite(written, notes);
}
