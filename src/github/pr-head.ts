/**
 * Which files a pull-request run checks: the PR head's, whatever was checked out.
 *
 * A review comment, an annotation and a link name a line of the head commit ("Files changed"
 * shows the head). The checkout is often something else: `actions/checkout` on `pull_request`
 * checks out the merge commit (its lines shift wherever the base branch changed the same file),
 * and on `pull_request_target` the base branch (which does not contain the PR at all). So:
 *
 * 1. the checkout is the head (`git rev-parse HEAD` equals the event's head sha): check it;
 * 2. the head commit is in the checkout's git objects (the merge commit's second parent with
 *    `fetch-depth: 2`): check the head's tree from them;
 * 3. else read the head's tree through the API (./api-tree.ts);
 * 4. else, when the checkout is the merge commit of this head, check it and say that lines may
 *    be off, without posting line comments; otherwise stop with how to check out the head.
 *
 * The head's own `.isms.yml` and SoA are used, as a `pull_request` checkout of the merge commit
 * would: a PR may move its policies or change a rule, and the reviewer sees that change in the
 * diff. They are hostile input like every policy: read, never executed, under the same limits.
 */
import type { CheckResult } from '../check.js';
import { UsageError } from '../config/load.js';
import { apiCommitTree } from './api-tree.js';
import { describeRequestError, type Octokit } from './client.js';
import { checkCommitTree, gitCommitTree, recordedParents, resolveCommit, type CommitTree, type TreeCheckOptions } from './tree-at-commit.js';

export interface ReviewedHead {
  result: CheckResult;
  /** Where the head's files came from. `merge commit`: the head could not be read, the checkout was checked. */
  source: 'checkout' | 'git objects' | 'the GitHub API' | 'merge commit';
  /** False when the lines are the merge commit's: line comments would land on the wrong lines. */
  linesAreHead: boolean;
  /** What the job summary and the PR comment should say about it (empty when all is well). */
  notes: string[];
  /** One line for the log. */
  log: string;
}

export interface HeadCheckOptions extends Omit<TreeCheckOptions, 'repoRoot'> {
  workspace: string;
  /** The event's `pull_request.head.sha`. */
  headSha: string | undefined;
  /** For the API; null without a token. */
  octokit: Octokit | null;
  owner: string | undefined;
  repo: string | undefined;
  /** Checks the checkout itself, with repository-relative paths. */
  checkCheckout: () => Promise<CheckResult>;
}

const short = (sha: string) => sha.slice(0, 12);
const HOW_TO_CHECK_OUT =
  'check out the head with actions/checkout (`ref: ${{ github.event.pull_request.head.sha }}`, `persist-credentials: false`: isms-as-code only reads the files, it runs nothing from them), or set `fetch-depth: 2` for pull_request, or give the action a token with `contents: read`';

async function tryTree(tree: CommitTree, options: HeadCheckOptions, reasons: string[]): Promise<CheckResult | null> {
  try {
    return await checkCommitTree(tree, { ...options, repoRoot: options.workspace });
  } catch (error) {
    // A bad config in the head fails the run, exactly as it would in a checkout of the head.
    if (error instanceof UsageError) throw error;
    const status = (error as { status?: number }).status;
    reasons.push(`from ${tree.origin}: ${status !== undefined ? describeRequestError(error) : (error as Error).message.split('\n')[0]}`);
    return null;
  }
}

export async function checkPullRequestHead(options: HeadCheckOptions): Promise<ReviewedHead> {
  const { headSha, workspace } = options;
  const checkout = resolveCommit(workspace, ['HEAD']);
  if (!headSha || checkout === headSha) {
    return { result: await options.checkCheckout(), source: 'checkout', linesAreHead: true, notes: [], log: 'Checked the checkout, which is the pull request head.' };
  }
  const where = checkout ? `the checkout is ${short(checkout)}` : 'the workspace is not a git checkout';
  const reasons: string[] = [];

  if (checkout && resolveCommit(workspace, [headSha]) === headSha) {
    const result = await tryTree(gitCommitTree(workspace, headSha), options, reasons);
    if (result) return { result, source: 'git objects', linesAreHead: true, notes: [], log: `Checked the pull request head ${short(headSha)} from git objects (${where}).` };
  } else {
    reasons.push('not in the checkout');
  }

  if (options.octokit && options.owner && options.repo) {
    const tree = apiCommitTree({ octokit: options.octokit, owner: options.owner, repo: options.repo, sha: headSha, localRepo: checkout ? workspace : null });
    const result = await tryTree(tree, options, reasons);
    if (result) return { result, source: 'the GitHub API', linesAreHead: true, notes: [], log: `Checked the pull request head ${short(headSha)} read through the GitHub API (${where}).` };
  } else {
    reasons.push('no token to read it through the API');
  }

  const parents = checkout ? recordedParents(workspace, checkout) : null;
  if (checkout && parents?.length === 2 && parents[1] === headSha) {
    const note =
      `The pull request head ${short(headSha)} could not be read (${reasons.join('; ')}): the findings are from the merge commit ${short(checkout)}, ` +
      'whose line numbers differ from the head where the base branch changed the same file, so no line comments are posted. Set `fetch-depth: 2` on actions/checkout.';
    return { result: await options.checkCheckout(), source: 'merge commit', linesAreHead: false, notes: [note], log: note };
  }
  throw new UsageError(`${where}, not the pull request head ${short(headSha)}, and the head could not be read (${reasons.join('; ')}): ${HOW_TO_CHECK_OUT}`);
}
