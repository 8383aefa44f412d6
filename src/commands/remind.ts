/**
 * `isms remind`: the review reminders of the scheduled action, from any machine. Reads the
 * policies like `isms check`, then opens, updates and closes the reminder issues of
 * `--repo` (or GITHUB_REPOSITORY) with GITHUB_TOKEN (or GH_TOKEN) against GITHUB_API_URL.
 *
 * `--dry-run` prints the plan and writes nothing. Without a token it reads nothing either and
 * plans as if the repository had no reminder issues yet, and says so.
 */
import { UsageError } from '../config/load.js';
import { createClient, describeRequestError } from '../github/client.js';
import {
  checkLabel,
  defaultBranch,
  planReminders,
  ReminderError,
  renderDigestMarkdown,
  renderPlanText,
  runReminders,
  type DigestInput,
} from '../github/reminders/index.js';
import { safeText } from '../format/terminal.js';
import { checkWithOptions, emit, formatOption, stringOption } from './output.js';
import type { Command } from './types.js';

const REPO_PATTERN = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** The web address of a GitHub API: api.github.com -> github.com; GHES https://host/api/v3 -> https://host. */
export function serverUrlFromApi(apiUrl: string): string {
  const trimmed = apiUrl.replace(/\/+$/, '');
  if (/^https:\/\/api\.github\.com$/i.test(trimmed)) return 'https://github.com';
  return trimmed.replace(/\/api\/v3$/i, '');
}

export const remindCommand: Command = {
  name: 'remind',
  summary: 'Open, update and close review-reminder issues on GitHub',
  usage:
    'isms remind [--repo owner/name] [--dry-run] [--today YYYY-MM-DD] [--within DAYS] [--label L] [--branch B] [--identity LOGIN] [--config FILE] [--format text|markdown] [--output FILE]',
  options: {
    repo: { type: 'string', short: 'R' },
    'dry-run': { type: 'boolean', short: 'n' },
    today: { type: 'string' },
    within: { type: 'string' },
    label: { type: 'string' },
    branch: { type: 'string' },
    identity: { type: 'string' },
    config: { type: 'string', short: 'c' },
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
  },
  async run({ values }, io) {
    const format = formatOption(values.format, ['text', 'markdown'], 'text');
    const dryRun = values['dry-run'] === true;
    const withinText = stringOption(values.within);
    const within = withinText === undefined ? undefined : Number(withinText);
    if (within !== undefined && (!Number.isInteger(within) || within < 0)) {
      throw new UsageError(`--within takes a whole number of days, not \`${withinText}\``);
    }
    const label = stringOption(values.label) ?? 'isms-review';
    checkLabel(label, '--label');
    const repoText = stringOption(values.repo) ?? io.env.GITHUB_REPOSITORY;
    if (!repoText) throw new UsageError('No repository: pass --repo owner/name or set GITHUB_REPOSITORY');
    if (!REPO_PATTERN.test(repoText)) throw new UsageError(`Invalid repository \`${repoText}\`: expected owner/name, e.g. acme/isms`);
    const [owner, repo] = repoText.split('/') as [string, string];
    const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
    if (!token && !dryRun) {
      throw new UsageError('No token: set GITHUB_TOKEN (or GH_TOKEN) to a token that may write issues, or pass --dry-run');
    }

    const result = await checkWithOptions(values, io, { remindWithinDays: within });
    const apiUrl = io.env.GITHUB_API_URL || 'https://api.github.com';
    const serverUrl = io.env.GITHUB_SERVER_URL || serverUrlFromApi(apiUrl);
    const output = stringOption(values.output);
    const show = (digest: string, plan: string) => emit(io, output, format === 'markdown' ? digest : plan);

    if (!token) {
      // A dry run without a token: nothing to read, so plan against no issues and say so.
      const branch = stringOption(values.branch) ?? 'main';
      const plan = planReminders({
        policies: result.policies,
        today: result.today,
        withinDays: result.config.remindWithinDays,
        existingIssues: [],
        label,
        identity: '',
        links: { serverUrl, owner, repo, branch },
      });
      const input: DigestInput = {
        plan,
        dryRun: true,
        applied: [],
        failure: null,
        labelsCreated: [],
        labelsMissing: [],
        counts: null,
        identity: null,
        notes: [
          `No GITHUB_TOKEN: nothing was read from ${owner}/${repo}; planned as if it had no reminder issues yet.${
            stringOption(values.branch) === undefined ? ' Links assume the branch main (pass --branch).' : ''
          }`,
        ],
      };
      show(renderDigestMarkdown(input), renderPlanText(input));
      return 0;
    }

    const log = (line: string) => io.stderr(`isms remind: ${safeText(line)}\n`);
    const octokit = createClient({
      token,
      baseUrl: apiUrl,
      // Test knobs (a loopback API): the time limit of each request, and shorter retry waits.
      ...(io.env.ISMS_REQUEST_TIMEOUT_MS ? { timeoutMs: Number(io.env.ISMS_REQUEST_TIMEOUT_MS) } : {}),
      ...(io.env.ISMS_RETRY_BASE_MS ? { retryAfterBaseValue: Number(io.env.ISMS_RETRY_BASE_MS) } : {}),
      log,
    });
    let branch = stringOption(values.branch);
    if (branch === undefined) {
      try {
        branch = await defaultBranch(octokit, { owner, repo });
      } catch (error) {
        throw new UsageError(`Cannot read ${owner}/${repo} from ${apiUrl}: ${describeRequestError(error)} (check --repo, the token and GITHUB_API_URL; --branch skips this lookup)`);
      }
    }
    try {
      const outcome = await runReminders({
        octokit,
        owner,
        repo,
        policies: result.policies,
        today: result.today,
        withinDays: result.config.remindWithinDays,
        label,
        dryRun,
        defaultBranch: branch,
        serverUrl,
        identity: stringOption(values.identity),
        log,
      });
      show(outcome.digestMarkdown, outcome.planText);
      return 0;
    } catch (error) {
      if (error instanceof ReminderError) {
        // What was done before the failure is printed, then the one-line error (exit 2).
        if (error.outcome.plan) show(error.outcome.digestMarkdown, error.outcome.planText);
        throw new UsageError(error.message);
      }
      throw error;
    }
  },
};
