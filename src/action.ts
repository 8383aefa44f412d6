/**
 * The GitHub Action's run(): inputs -> check -> dispatch by event -> annotations, job
 * summary, outputs -> exit status.
 *
 * - pull_request / pull_request_target: the PR review (summary comment, line comments,
 *   coverage delta against the base commit);
 * - push / workflow_dispatch and anything else: the check alone;
 * - schedule (or `mode: remind`): the review reminders, then the check's summary.
 *
 * GitHub trouble (a fork's read-only token, a refused comment, an API outage) is a warning:
 * the exit status follows the findings and `fail-on` alone. A problem that stops the check
 * itself (bad input, bad config) fails the run with one line.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { check, type CheckResult } from './check.js';
import { UsageError } from './config/load.js';
import { hiddenNote, logLine, planAnnotations } from './format/annotations.js';
import { formatJson } from './format/json.js';
import { formatSarif } from './format/sarif.js';
import { PathRefused, writeOutputFile } from './fs/write-inside.js';
import { safeText } from './format/terminal.js';
import { createClient, describeRequestError, type Octokit } from './github/client.js';
import { readInputs, workFor, type ActionInputs, type FailOn } from './github/inputs.js';
import { renderJobSummary } from './github/job-summary.js';
import { linkBuilder, type LinkTo } from './github/links.js';
import { checkPullRequestHead } from './github/pr-head.js';
import { reviewPullRequest, type PullRequestOutcome } from './github/pull-request.js';
import { defaultBranch, ReminderError, runReminders, type ReminderOutcome } from './github/reminders/index.js';
import { countRequests } from './github/reminders/requests.js';
import { toRepoPaths } from './github/repo-paths.js';
import { duePolicies } from './github/report-sections.js';
import { WriteGate } from './github/write-gate.js';
import { coverageMarkdown, renderHtmlReport, renderSoa } from './report/index.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

interface EventPayload {
  pull_request?: { number?: number; head?: { sha?: string }; base?: { sha?: string } };
  repository?: { default_branch?: string };
}

/** The first line of an error, without a stack. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

function readEvent(eventPath: string | undefined): EventPayload {
  if (!eventPath) return {};
  try {
    return JSON.parse(readFileSync(eventPath, 'utf8')) as EventPayload;
  } catch (error) {
    throw new UsageError(`Cannot read the event payload ${eventPath}: ${oneLine(error)}`);
  }
}

function shouldFail(result: CheckResult, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  if (failOn === 'warning') return result.summary.errors + result.summary.warnings > 0;
  return result.summary.errors > 0;
}

/**
 * Counts what this run emits itself, so the finding annotations keep within GitHub's 10 per step.
 * Lines can name policy values (ids, file names): `safeText` keeps each one line in the log.
 */
class Log {
  warnings = 0;
  readonly notes: string[] = [];
  info(line: string): void {
    core.info(safeText(line));
  }
  /** A `::warning` annotation and a note for the job summary. */
  warn(line: string): void {
    this.warnings++;
    core.warning(safeText(line));
    this.notes.push(line);
  }
  /** A note for the job summary and a plain log line. */
  note(line: string): void {
    core.info(safeText(line));
    this.notes.push(line);
  }
}

function resolveIn(workspace: string, file: string): string {
  return path.resolve(workspace, file);
}

/**
 * Atomically and never through a symbolic link (src/fs/write-inside.ts). The workflow names
 * the path, but a path inside the workspace must really land inside it: a link committed in
 * the checkout cannot redirect the SARIF file or the artifacts out of it.
 */
function writeFile(file: string, text: string, base: string = path.dirname(file)): void {
  writeOutputFile(base, path.relative(base, file), text);
}

/** The auditor's files for actions/upload-artifact. A renderer that fails is a warning, not a failed run. */
function writeArtifacts(result: CheckResult, folder: string, log: Log, workspace: string): void {
  const outputs: Array<[string, () => string]> = [
    ['isms-report.html', () => renderHtmlReport(result)],
    ['soa.md', () => renderSoa(result, 'markdown', { outputDir: folder })],
    ['soa.csv', () => renderSoa(result, 'csv')],
  ];
  for (const [name, render] of outputs) {
    try {
      writeFile(path.join(folder, name), render(), workspace);
      log.info(`Wrote ${path.join(folder, name)}`);
    } catch (error) {
      if (error instanceof PathRefused) throw error; // a link out of the workspace fails the run
      log.warn(`Could not write ${name} to ${folder}: ${oneLine(error)}`);
    }
  }
}

function emitAnnotations(result: CheckResult, changedFiles: ReadonlySet<string> | undefined, log: Log, failing: boolean): string | null {
  // setFailed is an error annotation too, and our own warnings count against the 10.
  const plan = planAnnotations(result.findings, {
    changedFiles,
    maxErrors: 10 - (failing ? 1 : 0),
    maxWarnings: 10 - log.warnings,
  });
  for (const annotation of plan.shown) {
    if (annotation.level === 'error') core.error(annotation.message, annotation.properties);
    else core.warning(annotation.message, annotation.properties);
  }
  const note = hiddenNote(plan);
  if (note) {
    core.info(note);
    for (const finding of plan.hidden) core.info(logLine(finding));
  }
  return note;
}

async function remind(
  octokit: Octokit,
  inputs: ActionInputs,
  result: CheckResult,
  owner: string,
  repo: string,
  payload: EventPayload,
  log: Log,
): Promise<ReminderOutcome | null> {
  let branch = payload.repository?.default_branch;
  try {
    branch ??= await defaultBranch(octokit, { owner, repo });
    return await runReminders({
      octokit,
      owner,
      repo,
      policies: result.policies,
      today: result.today,
      withinDays: result.config.remindWithinDays,
      label: inputs.reminderLabel,
      dryRun: inputs.dryRun,
      defaultBranch: branch,
      serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com',
      ...(inputs.identity ? { identity: inputs.identity } : {}),
      log: (line) => log.info(line),
    });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    log.warn(`Review reminders: ${oneLine(error)}`);
    return error instanceof ReminderError ? error.outcome : null;
  }
}

async function main(): Promise<void> {
  const inputs = readInputs((name) => core.getInput(name));
  const env = process.env;
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());
  const tempRoot = env.RUNNER_TEMP || os.tmpdir();
  const eventName = env.GITHUB_EVENT_NAME;
  const payload = readEvent(env.GITHUB_EVENT_PATH);
  const work = workFor(inputs.mode, eventName);
  const log = new Log();
  log.info(`${TOOL_NAME} ${TOOL_VERSION}: ${work === 'pull-request' ? 'pull-request review' : work === 'remind' ? 'review reminders and check' : 'check'} (event ${eventName ?? 'none'}, mode ${inputs.mode})`);

  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const pull = payload.pull_request;
  const headSha = work === 'pull-request' ? (pull?.head?.sha ?? env.GITHUB_SHA) : env.GITHUB_SHA;
  const linkTo: LinkTo | null =
    owner && repo && headSha ? linkBuilder({ serverUrl: env.GITHUB_SERVER_URL || 'https://github.com', owner, repo, sha: headSha }) : null;

  let octokit: Octokit | null = null;
  let measure: (() => { requests: number; writes: number; retries: number }) | null = null;
  const needsApi = work === 'pull-request' || work === 'remind';
  if (needsApi && !(owner && repo)) log.warn('GITHUB_REPOSITORY is not set: nothing is read from or written to GitHub.');
  else if (needsApi && !inputs.token) log.warn('No token (the `token` input is empty): nothing is read from or written to GitHub.');
  else if (needsApi) {
    octokit = createClient({
      token: inputs.token,
      // Test knobs: the tests run against a loopback API and need no spacing or long back-off.
      ...(env.ISMS_WRITE_INTERVAL_MS ? { writeIntervalMs: Number(env.ISMS_WRITE_INTERVAL_MS) } : {}),
      ...(env.ISMS_RETRY_BASE_MS ? { retryAfterBaseValue: Number(env.ISMS_RETRY_BASE_MS) } : {}),
      ...(env.ISMS_REQUEST_TIMEOUT_MS ? { timeoutMs: Number(env.ISMS_REQUEST_TIMEOUT_MS) } : {}),
      log: (line) => log.info(line),
    });
    measure = countRequests(octokit);
  }

  const checkCheckout = async () =>
    toRepoPaths(
      await check({ root: workspace, configPath: inputs.config, paths: inputs.policies, today: inputs.today, remindWithinDays: inputs.remindWithinDays }),
      workspace,
    );
  // On a pull request everything (annotations, summary, comments, outputs, SARIF, exit status)
  // describes the PR head's files: the lines a reviewer sees in "Files changed".
  const head =
    work === 'pull-request'
      ? await checkPullRequestHead({
          workspace,
          headSha: pull?.head?.sha,
          octokit,
          owner,
          repo,
          configPath: inputs.config,
          paths: inputs.policies,
          today: inputs.today,
          remindWithinDays: inputs.remindWithinDays,
          tempRoot,
          checkCheckout,
        })
      : null;
  if (head) log.info(head.log);
  for (const note of head?.notes ?? []) log.warn(note);
  const result = head ? head.result : await checkCheckout();
  const { errors, warnings, policies } = result.summary;
  log.info(`${policies} policies checked: ${errors} errors, ${warnings} warnings (today ${result.today}).`);

  const reportPath = path.join(tempRoot, 'isms-report.json');
  writeFile(reportPath, formatJson(result));
  if (inputs.sarif) {
    writeFile(resolveIn(workspace, inputs.sarif), formatSarif(result), workspace);
    log.info(`Wrote SARIF to ${inputs.sarif}`);
  }
  if (inputs.artifacts) writeArtifacts(result, resolveIn(workspace, inputs.artifacts), log, workspace);

  let review: PullRequestOutcome | null = null;
  if (work === 'pull-request' && octokit && owner && repo) {
    if (typeof pull?.number !== 'number') {
      log.warn(`The ${eventName} event has no pull request number: no comments this run.`);
    } else {
      const gate = new WriteGate({ dryRun: inputs.dryRun, repository: `${owner}/${repo}`, log: (line) => log.info(line), warn: (line) => log.warn(line) });
      review = await reviewPullRequest({
        octokit,
        gate,
        owner,
        repo,
        number: pull.number,
        headSha: pull.head?.sha,
        baseSha: pull.base?.sha,
        result,
        linkTo,
        workspace,
        configPath: inputs.config,
        paths: inputs.policies,
        remindWithinDays: inputs.remindWithinDays,
        tempRoot,
        comment: inputs.comment,
        reviewComments: inputs.reviewComments && (head?.linesAreHead ?? true),
        headNotes: head?.notes ?? [],
        identity: inputs.identity,
        log: (line) => log.info(line),
      });
      for (const note of review.notes) log.note(note);
      if (review.comparison.kind === 'unavailable') log.info(`Coverage change not computed: ${review.comparison.reason}.`);
    }
  }

  let reminders: ReminderOutcome | null = null;
  if (work === 'remind' && octokit && owner && repo) reminders = await remind(octokit, inputs, result, owner, repo, payload, log);

  const failing = shouldFail(result, inputs.failOn);
  const hidden = emitAnnotations(result, review?.changedFiles, log, failing);

  let coverage = '';
  try {
    coverage = coverageMarkdown(result);
  } catch (error) {
    log.info(`Coverage picture not rendered: ${oneLine(error)}`);
  }
  if (measure) {
    const counts = measure();
    log.info(`GitHub API: ${counts.requests} requests (${counts.writes} writes, ${counts.retries} retries).`);
  }
  const summary = renderJobSummary({
    result,
    linkTo,
    changedFiles: review?.changedFiles,
    ...(review ? { changes: review.changes, comparison: review.comparison } : {}),
    coverageMarkdown: coverage,
    reminders: reminders?.digestMarkdown,
    notes: [...(hidden ? [hidden] : []), ...log.notes],
  });
  if (env.GITHUB_STEP_SUMMARY) {
    try {
      await core.summary.addRaw(summary).write();
    } catch (error) {
      log.info(`The job summary could not be written: ${oneLine(error)}`);
    }
  }

  const due = duePolicies(result);
  core.setOutput('errors', String(errors));
  core.setOutput('warnings', String(warnings));
  core.setOutput('policies', String(policies));
  core.setOutput('due', String(due.filter((policy) => policy.review_state === 'due-soon').length));
  core.setOutput('overdue', String(due.filter((policy) => policy.review_state === 'overdue').length));
  core.setOutput('report', reportPath);

  if (failing) {
    core.setFailed(
      `${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'} in the ISMS (fail-on: ${inputs.failOn}): see the annotations and the job summary`,
    );
  }
}

export async function run(): Promise<void> {
  try {
    await main();
  } catch (error) {
    // Our own usage errors are one line by design but may embed values (a config key): escape them whole.
    const detail = (error as { status?: number }).status !== undefined ? describeRequestError(error) : error instanceof UsageError ? error.message : oneLine(error);
    core.setFailed(`${TOOL_NAME}: ${safeText(detail)}`);
  }
}
