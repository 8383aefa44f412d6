/**
 * The ISMS as it was at the pull request's base commit, for the coverage delta: read from
 * git objects in the checkout (never from the network) and checked as ./tree-at-commit.ts
 * checks any commit.
 *
 * When the base commit is not in the checkout (`actions/checkout` fetches one commit by
 * default) the caller says so and skips the delta.
 */
import type { CheckResult } from '../check.js';
import { checkCommitTree, git, gitCommitTree, resolveCommit } from './tree-at-commit.js';

export type BaseCheck = { ok: true; sha: string; result: CheckResult } | { ok: false; reason: string };

export interface BaseCheckOptions {
  /** The checkout (the git work tree). */
  repoRoot: string;
  /** Commits to try, in order (e.g. the PR's base sha, then `HEAD^1` of a merge checkout). */
  candidates: readonly string[];
  /** The `config` input, relative to repoRoot, or undefined for `.isms.yml` when present. */
  configPath?: string;
  paths?: string[];
  today: string;
  remindWithinDays?: number;
  /** Where the temporary folder goes (RUNNER_TEMP). */
  tempRoot: string;
}

/** `HEAD^1` when HEAD is the merge commit GitHub makes for a PR (second parent = the PR head). */
export function mergeBaseCandidate(repoRoot: string, headSha: string | undefined): string | null {
  if (!headSha) return null;
  const second = git(repoRoot, ['rev-parse', '--verify', '--quiet', 'HEAD^2']);
  if (!second.ok || second.stdout.toString('utf8').trim() !== headSha) return null;
  return 'HEAD^1';
}

export async function checkBaseCommit(options: BaseCheckOptions): Promise<BaseCheck> {
  const sha = resolveCommit(options.repoRoot, options.candidates);
  if (!sha) {
    const named = options.candidates[0] ? ` ${options.candidates[0].slice(0, 12)}` : '';
    return {
      ok: false,
      reason: `the base commit${named} is not in the checkout (actions/checkout fetches one commit unless \`fetch-depth\` says otherwise; \`fetch-depth: 2\` is enough for pull_request)`,
    };
  }
  try {
    const result = await checkCommitTree(gitCommitTree(options.repoRoot, sha), options);
    return { ok: true, sha, result };
  } catch (error) {
    return { ok: false, reason: `the base commit ${sha.slice(0, 12)} could not be checked: ${firstLine((error as Error).message)}` };
  }
}

const firstLine = (text: string) => text.split('\n')[0] ?? text;
