/**
 * The pull-request review: read the PR's files, check the base commit for the coverage delta,
 * plan the line comments and the summary comment, then apply them in sequence.
 *
 * Requests of one run: the file listing (one page per 100 files), `GET /user` only for a
 * personal token, the review comments (only when a finding sits on a diff line), the issue
 * comments, then at most one review and one comment write. Nothing is written when nothing
 * changed since the last run.
 */
import type { CheckResult } from '../check.js';
import { computeCoverage, coverageDelta } from '../model/coverage.js';
import { describeRequestError, type Octokit } from './client.js';
import { checkBaseCommit, mergeBaseCandidate } from './base-tree.js';
import type { LinkTo } from './links.js';
import { renderPrComment } from './pr-comment.js';
import { policyChanges, type CoverageComparison, type PolicyChange } from './report-sections.js';
import { resolveIdentity } from './reminders/index.js';
import { planReview, type ExistingReviewComment, type PullFileInfo } from './review-plan.js';
import { planComment, type CommentOperation, type IssueCommentInfo } from './sticky-comment.js';
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
  return options.octokit.paginate(
    options.octokit.rest.pulls.listFiles,
    { owner: options.owner, repo: options.repo, pull_number: options.number, per_page: 100 },
    (response) =>
      response.data.map((file) => ({
        filename: file.filename,
        status: file.status,
        patch: file.patch ?? null,
        ...(file.previous_filename ? { previous_filename: file.previous_filename } : {}),
      })),
  );
}

async function listReviewComments(options: PullRequestOptions): Promise<ExistingReviewComment[]> {
  return options.octokit.paginate(
    options.octokit.rest.pulls.listReviewComments,
    { owner: options.owner, repo: options.repo, pull_number: options.number, per_page: 100 },
    (response) =>
      response.data.map((comment) => ({
        path: comment.path,
        line: comment.line ?? null,
        side: comment.side ?? null,
        body: comment.body,
        author: comment.user?.login ?? null,
      })),
  );
}

async function listIssueComments(options: PullRequestOptions): Promise<IssueCommentInfo[]> {
  return options.octokit.paginate(
    options.octokit.rest.issues.listComments,
    { owner: options.owner, repo: options.repo, issue_number: options.number, per_page: 100 },
    (response) => response.data.map((comment) => ({ id: comment.id, body: comment.body ?? null, author: comment.user?.login ?? null })),
  );
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
  let identity: string | undefined = options.identity;
  const whoAmI = async () => (identity ??= (await resolveIdentity(octokit, undefined)).login);

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
      const existing = await listReviewComments(options);
      const plan = planReview({ findings: result.findings, files, existing, identity: await whoAmI() });
      if (plan.overLimit.length > 0) notes.push(`${plan.overLimit.length} findings on changed lines are listed in the summary comment only: one review carries at most 50 line comments.`);
      if (plan.comments.length > 0) {
        const count = plan.comments.length;
        const written = await gate.write(`post a review with ${count} line comment${count === 1 ? '' : 's'} on ${ref}`, () =>
          octokit.rest.pulls.createReview({
            owner: options.owner,
            repo: options.repo,
            pull_number: options.number,
            ...(options.headSha ? { commit_id: options.headSha } : {}),
            event: 'COMMENT',
            body: `isms-as-code found ${count === 1 ? 'a problem' : 'problems'} on ${count} changed line${count === 1 ? '' : 's'}. The summary comment lists every finding.`,
            comments: plan.comments.map(({ path, line, side, body }) => ({ path, line, side, body })),
          }),
        );
        if (written.ok) lineComments = count;
        else if (!written.skipped) notes.push(`GitHub refused the line comments (${written.message}); the findings are in the summary comment.`);
      } else if (plan.alreadyPosted.length > 0) {
        options.log(`Line comments: all ${plan.alreadyPosted.length} findings on changed lines were posted by an earlier run.`);
      }
    } catch (error) {
      notes.push(`The review comments of ${ref} could not be read (${describeRequestError(error)}): no line comments this run.`);
    }
  }

  let commentOutcome: PullRequestOutcome['comment'] = null;
  if (options.comment) {
    const body = renderPrComment({ result, linkTo: options.linkTo, changedFiles, changes, comparison, onDiffLines, notes: [...(options.headNotes ?? []), ...notes] });
    try {
      const comments = await listIssueComments(options);
      const operation = planComment(comments, await whoAmI(), body);
      if (operation.kind === 'unchanged') {
        options.log(`Summary comment ${operation.commentId} is up to date.`);
        commentOutcome = 'unchanged';
      } else {
        const written =
          operation.kind === 'create'
            ? await gate.write(`post the summary comment on ${ref}`, () =>
                octokit.rest.issues.createComment({ owner: options.owner, repo: options.repo, issue_number: options.number, body: operation.body }),
              )
            : await gate.write(`update the summary comment ${operation.commentId} on ${ref}`, () =>
                octokit.rest.issues.updateComment({ owner: options.owner, repo: options.repo, comment_id: operation.commentId, body: operation.body }),
              );
        if (written.ok) commentOutcome = operation.kind;
        else if (written.skipped) commentOutcome = 'skipped';
        else {
          commentOutcome = 'failed';
          notes.push(`The summary comment could not be written (${written.message}).`);
        }
      }
    } catch (error) {
      commentOutcome = 'failed';
      notes.push(`The comments of ${ref} could not be read (${describeRequestError(error)}): no summary comment this run.`);
    }
  }

  return { files, changedFiles, changes, comparison, lineComments, comment: commentOutcome, notes };
}
