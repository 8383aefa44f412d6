/**
 * Review reminders (SPEC section 8): plan from policies and existing issues, then
 * apply. Placeholder with the agreed signature until the reminders work (issue 4) lands.
 */
import type { PolicyRecord } from '../../model/policy.js';
import type { Octokit } from '../client.js';

export interface ReminderOptions {
  octokit: Octokit;
  owner: string;
  repo: string;
  policies: readonly PolicyRecord[];
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
}

export interface ReminderOutcome {
  /** Markdown digest for the job summary / terminal (policies by owner, operations, requests). */
  digestMarkdown: string;
  /** Plain-text table of the plan (for dry runs and the CLI). */
  planText: string;
  created: number;
  updated: number;
  closed: number;
  requests: number;
  writes: number;
}

export async function runReminders(_options: ReminderOptions): Promise<ReminderOutcome> {
  throw new Error('review reminders are not available in this version yet');
}
