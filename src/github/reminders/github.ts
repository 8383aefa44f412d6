/**
 * The GitHub reads of a reminder run (issues by label, the token's identity, labels) and the
 * label creation. Each is one small function, so the run can be counted and kept minimal:
 * an idle run is the listing pages and nothing else.
 */
import { describeRequestError, type Octokit } from '../client.js';
import { listAll, PER_PAGE, readPage } from '../listing.js';
import { LOGIN_PATTERN } from '../../model/owner-ref.js';
import type { ExistingIssue } from './plan.js';

/** Author of the issues the Actions GITHUB_TOKEN opens (what GraphQL `viewer` answers for it). */
export const ACTIONS_IDENTITY = 'github-actions[bot]';

export interface RepoRef {
  owner: string;
  repo: string;
}

/**
 * Every issue carrying `label`, open or closed, all pages: our issue may sit behind any number
 * of other people's issues with the same label (comply #56 read page one only and duplicated).
 * A listing that ends early is an error (src/github/listing.ts), never "no more issues".
 */
export async function listLabelledIssues(octokit: Octokit, ref: RepoRef, label: string): Promise<ExistingIssue[]> {
  const items = await listAll(octokit, 'GET /repos/{owner}/{repo}/issues', { ...ref, labels: label, state: 'all' }, `the issues labelled ${label}`);
  return items.map((item) => toExistingIssue(item as ListedIssue));
}

/**
 * The labelled issues created since the listings behind `seen` (issue numbers already listed),
 * newest first: what a run working at the same time can have opened since. One request as a
 * rule (100 a page), however many labelled issues the repository has.
 *
 * Why it is complete: every issue in `seen` existed at one of our listings, and an issue opened
 * after a listing was created later than every issue that listing saw. So in GitHub's
 * `sort=created&direction=desc` order, everything new comes before the first issue of `seen`.
 * The walk goes past that issue through the ones created in the same second (GitHub's times have
 * one-second steps, and its order among equal times is not documented) and stops at the first
 * older one. With no issue of `seen` on a full page, the next page is read: a busy concurrent run
 * costs one request per 100 issues it opened, never a re-listing of everything.
 *
 * Our own new issues must not go into `seen` before a listing has returned them: an issue a
 * concurrent run opened just before ours would then sit behind the stop.
 */
export async function listNewLabelledIssues(octokit: Octokit, ref: RepoRef, label: string, seen: ReadonlySet<number>): Promise<ExistingIssue[]> {
  const fresh: ExistingIssue[] = [];
  let stopBefore: string | undefined;
  for (let page = 1; ; page++) {
    const items = (await readPage(
      octokit,
      'GET /repos/{owner}/{repo}/issues',
      { ...ref, labels: label, state: 'all', sort: 'created', direction: 'desc', per_page: PER_PAGE, ...(page > 1 ? { page } : {}) },
      `the newest issues labelled ${label}`,
    )) as ListedIssue[];
    for (const item of items) {
      const created = typeof item.created_at === 'string' ? item.created_at : undefined;
      if (stopBefore !== undefined && created !== undefined && created < stopBefore) return fresh;
      fresh.push(toExistingIssue(item));
      // An issue without a creation time cannot mark where the new ones end: the walk goes on.
      if (stopBefore === undefined && created !== undefined && seen.has(item.number)) stopBefore = created;
    }
    if (items.length < PER_PAGE) return fresh;
  }
}

interface ListedIssue {
  created_at?: string;
  number: number;
  title: string;
  body?: string | null;
  state: string;
  labels: Array<string | { name?: string }>;
  assignees?: Array<{ login: string }> | null;
  user?: { login: string } | null;
  pull_request?: unknown;
}

/** An issue as GitHub answers it (listing, create or update), reduced to what the planner reads. */
export function toExistingIssue(issue: ListedIssue): ExistingIssue {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? null,
    state: issue.state === 'closed' ? 'closed' : 'open',
    labels: (issue.labels ?? []).map((item) => (typeof item === 'string' ? item : (item.name ?? ''))).filter((name) => name !== ''),
    assignees: (issue.assignees ?? []).map((user) => user.login),
    author: issue.user?.login ?? null,
    isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
  };
}

export interface Identity {
  login: string;
  /** How it was found, for the digest. */
  source: 'option' | 'GraphQL viewer';
}

/** The token's login could not be found: nothing is written rather than written under a guess. */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';
}


/**
 * The login our issues and comments are authored by, asked of GitHub: GraphQL `viewer { login }`
 * answers for every kind of token, `github-actions[bot]` for the Actions GITHUB_TOKEN, `<app>[bot]`
 * for a GitHub App's installation token (both are `ghs_...` tokens: the token cannot tell them
 * apart), the user's login for a personal token. `GET /user` answers 403 to installation tokens.
 * When GitHub does not say, this throws: a wrong guess re-creates every issue and comment.
 */
export async function resolveIdentity(octokit: Octokit, override: string | undefined): Promise<Identity> {
  if (override) return { login: override, source: 'option' };
  let login: unknown;
  try {
    const data = await octokit.graphql<{ viewer?: { login?: unknown } } | undefined>('query { viewer { login } }');
    login = data?.viewer?.login;
  } catch (error) {
    throw new IdentityError(
      `Cannot tell which login this token writes as (GraphQL viewer { login }: ${describeRequestError(error)}), so nothing is written rather than guessed: set the \`identity\` input (e.g. my-app[bot]) or \`--identity\`.`,
    );
  }
  // The owner-reference rules for a GitHub login, without the `@` front matter writes.
  if (typeof login !== 'string' || !LOGIN_PATTERN.test(`@${login}`)) {
    throw new IdentityError(
      'Cannot tell which login this token writes as (GraphQL viewer { login } gave no login), so nothing is written rather than guessed: set the `identity` input (e.g. my-app[bot]) or `--identity`.',
    );
  }
  return { login, source: 'GraphQL viewer' };
}

export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

/** Which of `labels` do not exist yet: one GET per label not already seen on a listed issue. */
export async function missingLabels(
  octokit: Octokit,
  ref: RepoRef,
  labels: readonly LabelSpec[],
  seen: readonly string[],
): Promise<LabelSpec[]> {
  const missing: LabelSpec[] = [];
  for (const label of labels) {
    if (seen.some((name) => name.toLowerCase() === label.name.toLowerCase())) continue;
    try {
      await octokit.rest.issues.getLabel({ ...ref, name: label.name });
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
      missing.push(label);
    }
  }
  return missing;
}

/** Creates a label; one created meanwhile by someone else (422 already_exists) is fine. */
export async function createLabel(octokit: Octokit, ref: RepoRef, label: LabelSpec): Promise<boolean> {
  try {
    await octokit.rest.issues.createLabel({ ...ref, ...label });
    return true;
  } catch (error) {
    const err = error as { status?: number; response?: { data?: { errors?: Array<{ code?: string }> } } };
    if (err.status === 422 && err.response?.data?.errors?.some((item) => item.code === 'already_exists')) return false;
    throw error;
  }
}

/** The repository's default branch, for links to the policy files. */
export async function defaultBranch(octokit: Octokit, ref: RepoRef): Promise<string> {
  const { data } = await octokit.rest.repos.get({ owner: ref.owner, repo: ref.repo });
  return data.default_branch;
}
