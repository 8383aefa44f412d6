/**
 * The GitHub reads of a reminder run (issues by label, the token's identity, labels) and the
 * label creation. Each is one small function, so the run can be counted and kept minimal:
 * an idle run is the listing pages and nothing else.
 */
import type { Octokit } from '../client.js';
import type { ExistingIssue } from './plan.js';

/** Author of the issues the Actions GITHUB_TOKEN opens. */
export const ACTIONS_IDENTITY = 'github-actions[bot]';

export interface RepoRef {
  owner: string;
  repo: string;
}

/**
 * Every issue carrying `label`, open or closed, all pages: our issue may sit behind any number
 * of other people's issues with the same label (comply #56 read page one only and duplicated).
 */
export async function listLabelledIssues(octokit: Octokit, ref: RepoRef, label: string): Promise<ExistingIssue[]> {
  return octokit.paginate(
    octokit.rest.issues.listForRepo,
    { ...ref, labels: label, state: 'all', per_page: 100 },
    (response) =>
      response.data.map((issue) => ({
        number: issue.number,
        title: issue.title,
        body: issue.body ?? null,
        state: issue.state === 'closed' ? 'closed' : 'open',
        labels: issue.labels.map((item) => (typeof item === 'string' ? item : (item.name ?? ''))).filter((name) => name !== ''),
        assignees: (issue.assignees ?? []).map((user) => user.login),
        author: issue.user?.login ?? null,
        isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
      })),
  );
}

export interface Identity {
  login: string;
  /** How it was found, for the digest. */
  source: 'option' | 'installation token' | 'GET /user' | 'GET /user refused';
}

/**
 * The login our issues are authored by. A PAT's is `GET /user`. An installation token (the
 * Actions GITHUB_TOKEN, `ghs_...`) gets 403 there, and its issues are authored by
 * `github-actions[bot]`: that is known from the token's type without a request. A GitHub App's
 * own installation token authors as `<app>[bot]`: pass `identity` for it.
 */
export async function resolveIdentity(octokit: Octokit, override: string | undefined): Promise<Identity> {
  if (override) return { login: override, source: 'option' };
  const auth = (await octokit.auth()) as { tokenType?: string };
  if (auth.tokenType === 'installation') return { login: ACTIONS_IDENTITY, source: 'installation token' };
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return { login: data.login, source: 'GET /user' };
  } catch (error) {
    if ((error as { status?: number }).status === 403) return { login: ACTIONS_IDENTITY, source: 'GET /user refused' };
    throw error;
  }
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
