/**
 * An in-process fake of the slice of the GitHub REST API that isms-as-code talks to, served over
 * loopback so the real Octokit (pagination, retry, throttling) runs unchanged against it.
 *
 * Where GitHub's behaviour is what our code must cope with, the fake copies it: `Link` headers
 * that `octokit.paginate` follows, 422s for invalid assignees and for review comments outside the
 * diff, 403 "Resource not accessible by integration" for a read-only token, pull requests that
 * are also issues (comments on a PR go to `/issues/:number/comments`, and `GET /issues` lists
 * them with a `pull_request` key). Known differences, chosen to keep tests readable:
 *
 * - One repository. Any `owner/repo` is accepted unless `options.repository` is set, in which
 *   case every other repository is a 404.
 * - `GET /issues` without `sort` and `direction` is ordered by number ascending; GitHub's default
 *   is `created` descending. Pass either parameter to get GitHub's ordering rules.
 * - Issue and comment ids come from one counter starting far above issue numbers, so code that
 *   confuses an id with a number fails loudly.
 *
 * Every exchange is checked against GitHub's official REST description (see
 * openapi-conformance.ts): a request that is no operation of GitHub's, or whose parameters or
 * body do not match it, and a reply of the fake's that does not match the documented schema, is a
 * violation. By default violations fail the test that caused them (in an `afterEach`, with each
 * mismatch named); `conformance: 'record'` only collects them in `violations`, for tests that
 * send GitHub something wrong on purpose. Replies from `failNext` are wrong on purpose and are
 * not checked; the requests they answer are.
 */
import { createHash } from 'node:crypto';
import { afterEach } from 'vitest';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkRequest, checkResponse, descriptionName } from './openapi-conformance.js';
import { gitContentRoutes } from './fake-git-contents.js';
import { authenticatedUser, githubRepository, githubUser, HTML, type FakeUser } from './fake-github-shapes.js';

export type { FakeUser } from './fake-github-shapes.js';

export interface RecordedRequest {
  method: string;
  /** Path with query string, as the client sent it. */
  path: string;
  /** Parsed JSON body, or null when there was none (or it was not JSON). */
  body: unknown;
  status: number;
  /** Whether an Authorization header came with the request. Its value is never kept. */
  authorization: boolean;
  /** Set when the answer came from `failNext` rather than from the routes. */
  faulted?: true;
}

export interface FailureRule {
  /** Matches any method when absent. */
  method?: string;
  /** Substring of the path (query included); matches any path when absent. */
  pathIncludes?: string;
  /**
   * How the request fails (default `status`: answered with `status` instead of the route).
   * `after-write`: the route runs (the write is done), then the reply is `status` (default 502):
   * a lost reply. `reset` / `reset-after-write`: the connection is destroyed without an answer,
   * before / after the route ran. `delay`: the route's answer comes after `delayMs`.
   * `truncate`: the route runs, its JSON body is cut in half. `drop-link`: the route runs, its
   * `Link` header is left out (pagination looks finished).
   */
  mode?: 'status' | 'after-write' | 'reset' | 'reset-after-write' | 'delay' | 'truncate' | 'drop-link';
  /** For `delay`. */
  delayMs?: number;
  /** Reply status for `status` (required there) and `after-write` (default 502). */
  status?: number;
  /** How many matching requests fail; default 1. */
  times?: number;
  headers?: Record<string, string>;
  /** Default `{ message: <HTTP reason phrase> }`. */
  body?: unknown;
}

export interface FakeLabel {
  id: number;
  node_id: string;
  url: string;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface FakeIssue {
  id: number;
  node_id: string;
  url: string;
  repository_url: string;
  labels_url: string;
  comments_url: string;
  events_url: string;
  html_url: string;
  number: number;
  title: string;
  body: string | null;
  user: FakeUser;
  labels: FakeLabel[];
  state: 'open' | 'closed';
  state_reason: StateReason | null;
  locked: boolean;
  assignee: FakeUser | null;
  assignees: FakeUser[];
  milestone: null;
  comments: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  author_association: string;
  /** Present only on the issue side of a pull request, as on GitHub. */
  pull_request?: { url: string; html_url: string; diff_url: string; patch_url: string; merged_at: string | null };
}

/** Why an issue is closed (or that it was reopened): GitHub's four values. */
export type StateReason = 'completed' | 'not_planned' | 'duplicate' | 'reopened';
const STATE_REASONS: readonly string[] = ['completed', 'not_planned', 'duplicate', 'reopened'] satisfies StateReason[];

export interface FakeComment {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  issue_url: string;
  body: string;
  user: FakeUser;
  created_at: string;
  updated_at: string;
  author_association: string;
}

export interface FakeReview {
  id: number;
  node_id: string;
  user: FakeUser;
  body: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'PENDING';
  html_url: string;
  pull_request_url: string;
  commit_id: string;
  submitted_at: string | null;
  author_association: string;
  _links: { html: { href: string }; pull_request: { href: string } };
}

export interface FakeReviewComment {
  id: number;
  node_id: string;
  url: string;
  pull_request_review_id: number | null;
  diff_hunk: string;
  path: string;
  commit_id: string;
  original_commit_id: string;
  user: FakeUser;
  body: string;
  created_at: string;
  updated_at: string;
  html_url: string;
  pull_request_url: string;
  author_association: string;
  /** Where the comment is on the current head; null once it is outdated, as on GitHub. */
  line: number | null;
  original_line: number;
  /** Lines below the first hunk header of the current diff; null once outdated. */
  position: number | null;
  original_position: number;
  side: 'LEFT' | 'RIGHT';
  start_line: number | null;
  original_start_line: number | null;
  start_side: 'LEFT' | 'RIGHT' | null;
  subject_type: 'line';
  _links: { self: { href: string }; html: { href: string }; pull_request: { href: string } };
}

export interface PullFile {
  sha: string;
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  changes: number;
  /** Absent for binary files and very large diffs, as on GitHub. */
  patch?: string;
  previous_filename?: string;
}

export interface FakePull {
  id: number;
  node_id: string;
  number: number;
  url: string;
  html_url: string;
  state: 'open' | 'closed';
  title: string;
  body: string | null;
  user: FakeUser;
  draft: boolean;
  head: { ref: string; sha: string; label: string };
  base: { ref: string; sha: string; label: string };
  created_at: string;
  updated_at: string;
}

export interface PullSeed {
  number?: number;
  title?: string;
  body?: string | null;
  headSha?: string;
  baseSha?: string;
  headRef?: string;
  baseRef?: string;
  author?: string;
  files?: PullFile[];
}

export interface IssueSeed {
  number?: number;
  title?: string;
  body?: string | null;
  labels?: string[];
  assignees?: string[];
  state?: 'open' | 'closed';
  state_reason?: StateReason | null;
  author?: string;
}

export interface FakeGitHubOptions {
  /** Login of the token owner; default `github-actions[bot]`. */
  identity?: string;
  /** `forbidden` answers `GET /user` the way the Actions GITHUB_TOKEN does: 403. */
  userEndpoint?: 'ok' | 'forbidden';
  /** Every request that is not GET/HEAD gets 403, as with a fork's token. */
  readOnly?: boolean;
  /**
   * What create and update do with a login that may not be assigned: `reject` (default) answers
   * 422; `drop` leaves it out and answers 201/200, as GitHub does for users without access.
   */
  unassignableMode?: 'reject' | 'drop';
  /** Logins that may be assigned; default: any login not starting with `ghost-`. */
  assignable?: readonly string[] | ((login: string) => boolean);
  /** When set, requests must carry this token (else 401) and other repositories are 404. */
  token?: string;
  /** `owner/name`; when set, requests for any other repository are 404. */
  repository?: string;
  /** Pull requests that exist from the start (each is also an issue, as on GitHub). */
  pulls?: PullSeed[];
  /** Clock for `created_at` / `updated_at`; default the real one. */
  now?: () => Date;
  /** `default_branch` in `GET /repos/{owner}/{repo}`; default `main`. */
  defaultBranch?: string;
  /** A git repository whose commits `GET .../git/trees/{sha}` and `GET .../contents/{path}?ref=` serve. */
  gitContents?: string;
  /**
   * `enforce` (default): a request or reply that does not match GitHub's REST description fails
   * the running test. `record`: mismatches are only collected in `violations`.
   */
  conformance?: 'enforce' | 'record';
}

/** One mismatch between an exchange and GitHub's REST description. */
export interface ConformanceViolation {
  method: string;
  /** Path with query string, as the client sent it. */
  path: string;
  /** GitHub's operationId (`issues/create`), when the request matched one. */
  operation?: string;
  side: 'request' | 'response';
  /** The reply's status (for request violations too: what the fake answered). */
  status: number;
  message: string;
}

export interface FakeGitHubState {
  issues: FakeIssue[];
  comments: FakeComment[];
  reviews: FakeReview[];
  reviewComments: FakeReviewComment[];
  labels: FakeLabel[];
  pullFiles: Map<number, PullFile[]>;
  pulls: FakePull[];
}

export interface FakeGitHub {
  /** Base URL for Octokit's `baseUrl` or `GITHUB_API_URL`, e.g. `http://127.0.0.1:43123`. */
  url: string;
  requests: RecordedRequest[];
  /** Mismatches with GitHub's REST description, in the order they happened. */
  violations: ConformanceViolation[];
  /** Recorded requests whose method is not GET/HEAD (GraphQL queries aside), including rejected and faulted ones. */
  writes(): RecordedRequest[];
  state: FakeGitHubState;
  identity: string;
  failNext(rule: FailureRule): void;
  /** Clears recorded requests; state and pending faults stay. */
  reset(): void;
  close(): Promise<void>;
  seedIssue(seed?: IssueSeed): FakeIssue;
  seedComment(issueNumber: number, body: string, author?: string): FakeComment;
  seedLabel(name: string, color?: string, description?: string | null): FakeLabel;
  seedPull(seed?: PullSeed): FakePull;
  /**
   * A push to the PR's branch: the head becomes `sha`, `files` is the new listing (base...head)
   * and `changes` the diff of each file from the old head to the new one (`null`: file deleted;
   * absent: unchanged). Review comments follow their line as GitHub's do, or become outdated.
   */
  pushHead(pullNumber: number, update: { sha: string; files: PullFile[]; changes?: Record<string, string | null> }): FakePull;
  seedReviewComment(
    pullNumber: number,
    comment: { path: string; line: number; body: string; side?: 'LEFT' | 'RIGHT'; author?: string },
  ): FakeReviewComment;
}

/** Builds a `PullFile` from its patch, counting additions and deletions the way GitHub does. */
export function pullFile(filename: string, patch: string | undefined, status: PullFile['status'] = 'modified'): PullFile {
  let additions = 0;
  let deletions = 0;
  for (const line of patch?.split('\n') ?? []) {
    if (line.startsWith('+')) additions++;
    else if (line.startsWith('-')) deletions++;
  }
  const sha = createHash('sha1').update(`${filename}\n${patch ?? ''}`).digest('hex');
  const file: PullFile = { sha, filename, status, additions, deletions, changes: additions + deletions };
  if (patch !== undefined) file.patch = patch;
  return file;
}

const DOCS = 'https://docs.github.com/rest';
const MAX_BODY = 65_536;
/** GitHub lists at most this many files of a pull request. */
const MAX_PULL_FILES = 3000;

type Json = Record<string, unknown>;

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Ctx {
  url: URL;
  body: Json | null;
  owner: string;
  repo: string;
  params: string[];
}

function errorReply(status: number, message: string, extra: Json = {}): Reply {
  return { status, body: { message, ...extra, documentation_url: DOCS, status: String(status) } };
}

const notFound = (): Reply => errorReply(404, 'Not Found');
const validationFailed = (...errors: unknown[]): Reply => errorReply(422, 'Validation Failed', { errors });
/** Review errors come as bare strings under a generic message, unlike other 422s. */
const unprocessable = (...errors: string[]): Reply => errorReply(422, 'Unprocessable Entity', { errors });

/** GitHub's timestamps have no milliseconds. */
const stamp = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

const isString = (value: unknown): value is string => typeof value === 'string';

/** Labels may be given as names or as `{ name }` objects. */
function labelNames(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const names: string[] = [];
  for (const item of value) {
    if (isString(item)) names.push(item);
    else if (typeof item === 'object' && item !== null && isString((item as Json).name)) names.push((item as Json).name as string);
    else return null;
  }
  return names;
}

function stringList(value: unknown): string[] | null {
  return Array.isArray(value) && value.every(isString) ? value : null;
}

function tooLong(resource: string, body: unknown): Reply | null {
  if (isString(body) && [...body].length > MAX_BODY) {
    return validationFailed({
      resource,
      code: 'custom',
      field: 'body',
      message: `body is too long (maximum is ${MAX_BODY} characters)`,
    });
  }
  return null;
}

interface DiffLine {
  side: 'LEFT' | 'RIGHT';
  line: number;
  /** Index in the patch's lines of the hunk header this line belongs to. */
  hunkStart: number;
  /** Index of this line in the patch's lines. */
  index: number;
}

/** Where a new review comment lands in the diff. */
interface PlacedComment {
  path: string;
  line: number;
  side: 'LEFT' | 'RIGHT';
  start_line: number | null;
  body: string;
  diff_hunk: string;
  position: number;
}

/**
 * Where line `line` of the old version is in the new one, given the diff between them; null
 * when the diff changes or removes that line (a review comment on it becomes outdated).
 */
export function followLine(patch: string, line: number): number | null {
  let oldLine = 0;
  let newLine = 0;
  let delta = 0;
  let inHunk = false;
  for (const text of patch.split('\n')) {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (header) {
      if (inHunk) delta = newLine - oldLine;
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      // An empty old range (`-0,0` or `-5,0`) starts after the line it names.
      if (/^@@ -\d+,0 /.test(text)) oldLine++;
      if (line < oldLine) return line + (inHunk ? delta : newLine - oldLine);
      inHunk = true;
      continue;
    }
    if (!inHunk || text.startsWith('\\')) continue;
    if (text.startsWith('-')) {
      if (oldLine === line) return null;
      oldLine++;
    } else if (text.startsWith('+')) newLine++;
    else if (text.startsWith(' ') || text === '') {
      if (oldLine === line) return newLine;
      oldLine++;
      newLine++;
    }
  }
  return line + (inHunk ? newLine - oldLine : 0);
}

/** Lines a review comment may target: added or context lines on the right, removed or context on the left. */
function diffLines(patch: string): { lines: string[]; entries: DiffLine[] } {
  const lines = patch.split('\n');
  const entries: DiffLine[] = [];
  let oldLine = 0;
  let newLine = 0;
  let hunkStart = -1;
  lines.forEach((text, index) => {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (header) {
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      hunkStart = index;
      return;
    }
    if (hunkStart < 0 || text.startsWith('\\')) return;
    if (text.startsWith('+')) entries.push({ side: 'RIGHT', line: newLine++, hunkStart, index });
    else if (text.startsWith('-')) entries.push({ side: 'LEFT', line: oldLine++, hunkStart, index });
    else {
      entries.push({ side: 'LEFT', line: oldLine++, hunkStart, index });
      entries.push({ side: 'RIGHT', line: newLine++, hunkStart, index });
    }
  });
  return { lines, entries };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Violations of fakes in `enforce` mode not yet reported; the hook below fails the test with them. */
const unreported: ConformanceViolation[] = [];

function describeViolation(violation: ConformanceViolation): string {
  const operation = violation.operation === undefined ? '' : ` (${violation.operation})`;
  const side = violation.side === 'request' ? 'request' : `reply ${violation.status}`;
  return `${violation.method} ${violation.path}${operation}: ${side}: ${violation.message}`;
}

/** Takes the violations not yet reported, as the error that fails the test; undefined when none. */
export function takeConformanceFailure(): Error | undefined {
  const found = unreported.splice(0);
  if (found.length === 0) return undefined;
  const shown = found.slice(0, 40).map((violation) => `  - ${describeViolation(violation)}`);
  if (found.length > shown.length) shown.push(`  … and ${found.length - shown.length} more`);
  return new Error(`fake GitHub: ${found.length} mismatch(es) with GitHub's REST description (${descriptionName()}):\n${shown.join('\n')}`);
}

// Registered on every test file that loads the fake: the test whose requests broke the contract
// fails, and its message lists each mismatch, rather than a later assertion failing vaguely.
afterEach(() => {
  const failure = takeConformanceFailure();
  if (failure) throw failure;
});

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const identity = options.identity ?? 'github-actions[bot]';
  const now = options.now ?? (() => new Date());
  const [defaultOwner, defaultRepo] = (options.repository ?? 'octo-org/isms').split('/') as [string, string];
  const requests: RecordedRequest[] = [];
  const faults: Array<FailureRule & { left: number }> = [];
  const state: FakeGitHubState = {
    issues: [],
    comments: [],
    reviews: [],
    reviewComments: [],
    labels: [],
    pullFiles: new Map(),
    pulls: [],
  };
  let nextId = 9_000_001;
  let baseUrl = '';

  const user = (login: string): FakeUser => githubUser(login, baseUrl);

  const isAssignable = (login: string): boolean => {
    const rule = options.assignable;
    if (rule === undefined) return !login.startsWith('ghost-');
    if (typeof rule === 'function') return rule(login);
    return rule.some((allowed) => allowed.toLowerCase() === login.toLowerCase());
  };

  const repoApi = (owner: string, repo: string): string => `${baseUrl}/repos/${owner}/${repo}`;

  const findLabel = (name: string): FakeLabel | undefined =>
    state.labels.find((label) => label.name.toLowerCase() === name.toLowerCase());

  /** Unknown labels on an issue are created on the fly, as GitHub does. */
  const ensureLabel = (name: string, owner: string, repo: string, color = 'ededed', description: string | null = null): FakeLabel => {
    const existing = findLabel(name);
    if (existing) return existing;
    const id = nextId++;
    const label: FakeLabel = {
      id,
      node_id: `LA_${id}`,
      url: `${repoApi(owner, repo)}/labels/${encodeURIComponent(name)}`,
      name,
      color,
      description,
      default: false,
    };
    state.labels.push(label);
    return label;
  };

  const findIssue = (number: number): FakeIssue | undefined => state.issues.find((issue) => issue.number === number);
  const nextNumber = (): number => state.issues.reduce((max, issue) => Math.max(max, issue.number), 0) + 1;

  const createIssue = (owner: string, repo: string, seed: IssueSeed & { pull?: boolean }): FakeIssue => {
    const id = nextId++;
    const number = seed.number ?? nextNumber();
    const created = stamp(now());
    const api = `${repoApi(owner, repo)}/issues/${number}`;
    const assignees = (seed.assignees ?? []).map(user);
    const issue: FakeIssue = {
      id,
      node_id: `I_${id}`,
      url: api,
      repository_url: repoApi(owner, repo),
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: `${HTML}/${owner}/${repo}/${seed.pull ? 'pull' : 'issues'}/${number}`,
      number,
      title: seed.title ?? `Issue ${number}`,
      body: seed.body ?? null,
      user: user(seed.author ?? identity),
      labels: (seed.labels ?? []).map((name) => ensureLabel(name, owner, repo)),
      state: seed.state ?? 'open',
      state_reason: seed.state === 'closed' ? (seed.state_reason ?? 'completed') : null,
      locked: false,
      assignee: assignees[0] ?? null,
      assignees,
      milestone: null,
      comments: 0,
      created_at: created,
      updated_at: created,
      closed_at: seed.state === 'closed' ? created : null,
      author_association: 'NONE',
    };
    if (seed.pull) {
      const pullApi = `${repoApi(owner, repo)}/pulls/${number}`;
      const html = `${HTML}/${owner}/${repo}/pull/${number}`;
      issue.pull_request = { url: pullApi, html_url: html, diff_url: `${html}.diff`, patch_url: `${html}.patch`, merged_at: null };
    }
    state.issues.push(issue);
    return issue;
  };

  const createComment = (issue: FakeIssue, body: string, author: string): FakeComment => {
    const id = nextId++;
    const created = stamp(now());
    const comment: FakeComment = {
      id,
      node_id: `IC_${id}`,
      url: `${issue.repository_url}/issues/comments/${id}`,
      html_url: `${issue.html_url}#issuecomment-${id}`,
      issue_url: issue.url,
      body,
      user: user(author),
      created_at: created,
      updated_at: created,
      author_association: 'NONE',
    };
    state.comments.push(comment);
    issue.comments++;
    return comment;
  };

  const seedPull = (seed: PullSeed = {}): FakePull => {
    const issue = createIssue(defaultOwner, defaultRepo, {
      number: seed.number,
      title: seed.title ?? 'Update policies',
      body: seed.body ?? null,
      author: seed.author ?? 'octocat',
      pull: true,
    });
    const headSha = seed.headSha ?? createHash('sha1').update(`head ${issue.number}`).digest('hex');
    const baseSha = seed.baseSha ?? createHash('sha1').update(`base ${issue.number}`).digest('hex');
    const pull: FakePull = {
      id: nextId++,
      node_id: `PR_${issue.id}`,
      number: issue.number,
      url: issue.pull_request?.url ?? '',
      html_url: issue.html_url,
      state: 'open',
      title: issue.title,
      body: issue.body,
      user: issue.user,
      draft: false,
      head: { ref: seed.headRef ?? 'feature', sha: headSha, label: `${defaultOwner}:${seed.headRef ?? 'feature'}` },
      base: { ref: seed.baseRef ?? 'main', sha: baseSha, label: `${defaultOwner}:${seed.baseRef ?? 'main'}` },
      created_at: issue.created_at,
      updated_at: issue.updated_at,
    };
    state.pulls.push(pull);
    if (seed.files) state.pullFiles.set(pull.number, seed.files);
    return pull;
  };

  const findPull = (number: number): FakePull | undefined => state.pulls.find((pull) => pull.number === number);

  /** Moves the head and carries each review comment to its line on the new head, or outdates it. */
  const pushHead: FakeGitHub['pushHead'] = (pullNumber, update) => {
    const pull = findPull(pullNumber);
    if (!pull) throw new Error(`fake-github: no pull request #${pullNumber}`);
    pull.head.sha = update.sha;
    pull.updated_at = stamp(now());
    state.pullFiles.set(pull.number, update.files);
    const changes = update.changes ?? {};
    for (const comment of state.reviewComments) {
      if (comment.pull_request_url !== pull.url || comment.line === null) continue;
      // Left-side lines are the base's, which a push to the head does not change.
      const follow = (line: number): number | null => {
        if (comment.side === 'LEFT' || !(comment.path in changes)) return line;
        const change = changes[comment.path];
        return change === null || change === undefined ? null : followLine(change, line);
      };
      const line = follow(comment.line);
      const startLine = comment.start_line === null ? null : follow(comment.start_line);
      const file = update.files.find((candidate) => candidate.filename === comment.path);
      const entry =
        line === null || !file ? undefined : diffLines(file.patch ?? '').entries.find((candidate) => candidate.side === comment.side && candidate.line === line);
      if (!entry || (comment.start_line !== null && startLine === null)) {
        comment.line = null;
        comment.position = null;
        comment.start_line = null;
        continue;
      }
      comment.line = entry.line;
      comment.position = entry.index;
      comment.start_line = startLine;
      comment.commit_id = update.sha;
    }
    return pull;
  };

  const createReviewComment = (
    pull: FakePull,
    fields: PlacedComment,
    reviewId: number | null,
    commitId: string,
    author: string,
  ): FakeReviewComment => {
    const id = nextId++;
    const created = stamp(now());
    const comment: FakeReviewComment = {
      id,
      node_id: `PRRC_${id}`,
      url: `${pull.url.replace(/\/pulls\/\d+$/, '')}/pulls/comments/${id}`,
      pull_request_review_id: reviewId,
      diff_hunk: fields.diff_hunk,
      path: fields.path,
      commit_id: commitId,
      original_commit_id: commitId,
      user: user(author),
      body: fields.body,
      created_at: created,
      updated_at: created,
      html_url: `${pull.html_url}#discussion_r${id}`,
      pull_request_url: pull.url,
      author_association: 'NONE',
      line: fields.line,
      original_line: fields.line,
      position: fields.position,
      original_position: fields.position,
      side: fields.side,
      start_line: fields.start_line,
      original_start_line: fields.start_line,
      start_side: fields.start_line === null ? null : fields.side,
      subject_type: 'line',
      _links: {
        self: { href: `${pull.url.replace(/\/pulls\/\d+$/, '')}/pulls/comments/${id}` },
        html: { href: `${pull.html_url}#discussion_r${id}` },
        pull_request: { href: pull.url },
      },
    };
    state.reviewComments.push(comment);
    return comment;
  };

  /** Slices `items` the way GitHub pages, with a `Link` header `octokit.paginate` can follow. */
  const page = <T>(ctx: Ctx, items: T[]): Reply => {
    const query = ctx.url.searchParams;
    const asked = Number.parseInt(query.get('per_page') ?? '', 10);
    const perPage = Number.isNaN(asked) || asked < 1 ? 30 : Math.min(asked, 100);
    const askedPage = Number.parseInt(query.get('page') ?? '', 10);
    const current = Number.isNaN(askedPage) || askedPage < 1 ? 1 : askedPage;
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number, rel: string): string => {
      const target = new URL(ctx.url.pathname + ctx.url.search, baseUrl);
      target.searchParams.set('page', String(n));
      return `<${target.href}>; rel="${rel}"`;
    };
    // GitHub's order: prev, next, last, first.
    const links: string[] = [];
    if (current > 1) links.push(link(current - 1, 'prev'));
    if (current < last) links.push(link(current + 1, 'next'), link(last, 'last'));
    if (current > 1) links.push(link(1, 'first'));
    const body = items.slice((current - 1) * perPage, current * perPage);
    return { status: 200, body, headers: links.length > 0 ? { link: links.join(', ') } : {} };
  };

  const issueFrom = (ctx: Ctx): FakeIssue | undefined => findIssue(Number(ctx.params[0]));

  const listIssues = (ctx: Ctx): Reply => {
    const query = ctx.url.searchParams;
    const wantedState = query.get('state') ?? 'open';
    const wanted = (query.get('labels') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name.length > 0);
    const items = state.issues.filter(
      (issue) =>
        (wantedState === 'all' || issue.state === (wantedState === 'closed' ? 'closed' : 'open')) &&
        wanted.every((name) => issue.labels.some((label) => label.name.toLowerCase() === name)),
    );
    const sort = query.get('sort');
    const direction = query.get('direction');
    if (sort === null && direction === null) {
      items.sort((a, b) => a.number - b.number);
    } else {
      const sign = direction === 'asc' ? 1 : -1;
      const key = (issue: FakeIssue): string | number =>
        sort === 'updated' ? issue.updated_at : sort === 'comments' ? issue.comments : issue.created_at;
      items.sort((a, b) => {
        const ka = key(a);
        const kb = key(b);
        const order = ka < kb ? -1 : ka > kb ? 1 : a.number - b.number;
        return sign * order;
      });
    }
    return page(ctx, items);
  };

  const invalidAssignees = (logins: string[]): Reply | null => {
    const invalid = logins.filter((login) => !isAssignable(login));
    if (invalid.length === 0) return null;
    return validationFailed(
      ...invalid.map((value) => ({ value, resource: 'Issue', field: 'assignees', code: 'invalid' })),
    );
  };

  const postIssue = (ctx: Ctx): Reply => {
    const body = ctx.body ?? {};
    if (!isString(body.title) || body.title.length === 0) {
      return validationFailed({ resource: 'Issue', code: 'missing_field', field: 'title' });
    }
    const long = tooLong('Issue', body.body);
    if (long) return long;
    const labels = body.labels === undefined ? [] : labelNames(body.labels);
    const assignees = body.assignees === undefined ? [] : stringList(body.assignees);
    if (labels === null) return validationFailed({ resource: 'Issue', code: 'invalid', field: 'labels' });
    if (assignees === null) return validationFailed({ resource: 'Issue', code: 'invalid', field: 'assignees' });
    if (isString(body.assignee)) assignees.push(body.assignee);
    const rejected = options.unassignableMode === 'drop' ? null : invalidAssignees(assignees);
    if (rejected) return rejected;
    const issue = createIssue(ctx.owner, ctx.repo, {
      title: body.title,
      body: isString(body.body) ? body.body : null,
      labels,
      assignees: assignees.filter(isAssignable),
    });
    return { status: 201, body: issue };
  };

  const patchIssue = (ctx: Ctx): Reply => {
    const issue = issueFrom(ctx);
    if (!issue) return notFound();
    const body = ctx.body ?? {};
    if (body.title !== undefined && (!isString(body.title) || body.title.length === 0)) {
      return validationFailed({ resource: 'Issue', code: 'missing_field', field: 'title' });
    }
    if (body.state !== undefined && body.state !== 'open' && body.state !== 'closed') {
      return validationFailed({ resource: 'Issue', code: 'invalid', field: 'state' });
    }
    if (body.state_reason !== undefined && body.state_reason !== null && !STATE_REASONS.includes(String(body.state_reason))) {
      return validationFailed({ resource: 'Issue', code: 'invalid', field: 'state_reason', value: body.state_reason });
    }
    const stateReason = (body.state_reason ?? null) as StateReason | null;
    const long = tooLong('Issue', body.body);
    if (long) return long;
    const labels = body.labels === undefined ? undefined : labelNames(body.labels);
    const assignees = body.assignees === undefined ? undefined : stringList(body.assignees);
    if (labels === null) return validationFailed({ resource: 'Issue', code: 'invalid', field: 'labels' });
    if (assignees === null) return validationFailed({ resource: 'Issue', code: 'invalid', field: 'assignees' });
    // Checked before any change so a rejected update leaves the issue as it was.
    const rejected = assignees && options.unassignableMode !== 'drop' ? invalidAssignees(assignees) : null;
    if (rejected) return rejected;
    const changed = stamp(now());
    if (isString(body.title)) issue.title = body.title;
    if (body.body !== undefined) issue.body = isString(body.body) ? body.body : null;
    if (labels) issue.labels = labels.map((name) => ensureLabel(name, ctx.owner, ctx.repo));
    if (assignees) {
      issue.assignees = assignees.filter(isAssignable).map(user);
      issue.assignee = issue.assignees[0] ?? null;
    }
    if (body.state === 'closed' && issue.state === 'open') {
      issue.state = 'closed';
      issue.closed_at = changed;
      issue.state_reason = stateReason ?? 'completed';
    } else if (body.state === 'open' && issue.state === 'closed') {
      issue.state = 'open';
      issue.closed_at = null;
      issue.state_reason = 'reopened';
    } else if (body.state_reason !== undefined) {
      issue.state_reason = stateReason;
    }
    issue.updated_at = changed;
    return { status: 200, body: issue };
  };

  const addAssignees = (ctx: Ctx): Reply => {
    const issue = issueFrom(ctx);
    if (!issue) return notFound();
    const logins = stringList(ctx.body?.assignees) ?? [];
    // This endpoint drops logins it cannot assign instead of failing, unlike create and update.
    for (const login of logins.filter(isAssignable)) {
      if (!issue.assignees.some((assignee) => assignee.login.toLowerCase() === login.toLowerCase())) {
        issue.assignees.push(user(login));
      }
    }
    issue.assignee = issue.assignees[0] ?? null;
    issue.updated_at = stamp(now());
    return { status: 201, body: issue };
  };

  const addLabels = (ctx: Ctx): Reply => {
    const issue = issueFrom(ctx);
    if (!issue) return notFound();
    // Accepted both as `{ labels: [...] }` and as a bare array, as GitHub does.
    const names = labelNames(Array.isArray(ctx.body) ? ctx.body : ctx.body?.labels);
    if (names === null) return validationFailed({ resource: 'Label', code: 'invalid', field: 'labels' });
    for (const name of names) {
      const label = ensureLabel(name, ctx.owner, ctx.repo);
      if (!issue.labels.includes(label)) issue.labels.push(label);
    }
    issue.updated_at = stamp(now());
    return { status: 200, body: issue.labels };
  };

  const removeLabel = (ctx: Ctx): Reply => {
    const issue = issueFrom(ctx);
    if (!issue) return notFound();
    const name = decodeURIComponent(ctx.params[1] ?? '').toLowerCase();
    const index = issue.labels.findIndex((label) => label.name.toLowerCase() === name);
    if (index < 0) return errorReply(404, 'Label does not exist');
    issue.labels.splice(index, 1);
    issue.updated_at = stamp(now());
    return { status: 200, body: issue.labels };
  };

  const listComments = (ctx: Ctx): Reply => {
    const issue = issueFrom(ctx);
    if (!issue) return notFound();
    return page(
      ctx,
      state.comments.filter((comment) => comment.issue_url === issue.url),
    );
  };

  const postComment = (ctx: Ctx): Reply => {
    const issue = issueFrom(ctx);
    if (!issue) return notFound();
    const body = ctx.body?.body;
    if (!isString(body) || body.length === 0) {
      return validationFailed({ resource: 'IssueComment', code: 'missing_field', field: 'body' });
    }
    const long = tooLong('IssueComment', body);
    if (long) return long;
    return { status: 201, body: createComment(issue, body, identity) };
  };

  const patchComment = (ctx: Ctx): Reply => {
    const comment = state.comments.find((candidate) => candidate.id === Number(ctx.params[0]));
    if (!comment) return notFound();
    const body = ctx.body?.body;
    if (!isString(body) || body.length === 0) {
      return validationFailed({ resource: 'IssueComment', code: 'missing_field', field: 'body' });
    }
    const long = tooLong('IssueComment', body);
    if (long) return long;
    comment.body = body;
    comment.updated_at = stamp(now());
    return { status: 200, body: comment };
  };

  const getLabel = (ctx: Ctx): Reply => {
    const label = findLabel(decodeURIComponent(ctx.params[0] ?? ''));
    return label ? { status: 200, body: label } : notFound();
  };

  const postLabel = (ctx: Ctx): Reply => {
    const body = ctx.body ?? {};
    if (!isString(body.name) || body.name.length === 0) {
      return validationFailed({ resource: 'Label', code: 'missing_field', field: 'name' });
    }
    const color = isString(body.color) ? body.color.replace(/^#/, '') : 'ededed';
    if (!/^[0-9a-fA-F]{6}$/.test(color)) return validationFailed({ resource: 'Label', code: 'invalid', field: 'color' });
    if (findLabel(body.name)) return validationFailed({ resource: 'Label', code: 'already_exists', field: 'name' });
    const description = isString(body.description) ? body.description : null;
    return { status: 201, body: ensureLabel(body.name, ctx.owner, ctx.repo, color.toLowerCase(), description) };
  };

  /** The repository as `GET /repos/{owner}/{repo}` and a pull request's `head.repo` show it. */
  const repository = (owner: string, repo: string): Record<string, unknown> =>
    githubRepository(owner, repo, baseUrl, {
      defaultBranch: options.defaultBranch ?? 'main',
      openIssues: state.issues.filter((issue) => issue.state === 'open').length,
      created: '2020-01-01T00:00:00Z',
    });

  const getRepository = (ctx: Ctx): Reply => ({
    status: 200,
    body: { ...repository(ctx.owner, ctx.repo), permissions: { admin: false, maintain: false, push: true, triage: true, pull: true } },
  });

  /** The stored pull request with the fields GitHub derives: counts, links, both ends' repository. */
  const pullReply = (ctx: Ctx, pull: FakePull): Json => {
    const issue = findIssue(pull.number);
    const files = state.pullFiles.get(pull.number) ?? [];
    const repo = repository(ctx.owner, ctx.repo);
    const end = (side: FakePull['head']) => ({ ...side, repo, user: user(ctx.owner) });
    const api = repoApi(ctx.owner, ctx.repo);
    const link = (href: string) => ({ href });
    return {
      ...pull,
      head: end(pull.head),
      base: end(pull.base),
      issue_url: `${api}/issues/${pull.number}`,
      diff_url: `${pull.html_url}.diff`,
      patch_url: `${pull.html_url}.patch`,
      commits_url: `${pull.url}/commits`,
      review_comments_url: `${pull.url}/comments`,
      review_comment_url: `${api}/pulls/comments{/number}`,
      comments_url: `${api}/issues/${pull.number}/comments`,
      statuses_url: `${api}/statuses/${pull.head.sha}`,
      locked: false,
      labels: issue?.labels ?? [],
      milestone: null,
      assignee: issue?.assignee ?? null,
      assignees: issue?.assignees ?? [],
      requested_reviewers: [],
      requested_teams: [],
      closed_at: null,
      merged_at: null,
      merge_commit_sha: null,
      author_association: 'CONTRIBUTOR',
      auto_merge: null,
      active_lock_reason: null,
      merged: false,
      mergeable: true,
      rebaseable: true,
      mergeable_state: 'clean',
      merged_by: null,
      maintainer_can_modify: false,
      comments: issue?.comments ?? 0,
      review_comments: state.reviewComments.filter((comment) => comment.pull_request_url === pull.url).length,
      commits: 1,
      additions: files.reduce((sum, file) => sum + file.additions, 0),
      deletions: files.reduce((sum, file) => sum + file.deletions, 0),
      changed_files: files.length,
      _links: {
        self: link(pull.url),
        html: link(pull.html_url),
        issue: link(`${api}/issues/${pull.number}`),
        comments: link(`${api}/issues/${pull.number}/comments`),
        review_comments: link(`${pull.url}/comments`),
        review_comment: link(`${api}/pulls/comments{/number}`),
        commits: link(`${pull.url}/commits`),
        statuses: link(`${api}/statuses/${pull.head.sha}`),
      },
    };
  };

  const getPull = (ctx: Ctx): Reply => {
    const pull = findPull(Number(ctx.params[0]));
    return pull ? { status: 200, body: pullReply(ctx, pull) } : notFound();
  };

  const listPullFiles = (ctx: Ctx): Reply => {
    const pull = findPull(Number(ctx.params[0]));
    if (!pull) return notFound();
    const repoHtml = pull.html_url.replace(/\/pull\/\d+$/, '');
    const files = (state.pullFiles.get(pull.number) ?? []).slice(0, MAX_PULL_FILES).map((file) => ({
      ...file,
      // GitHub percent-encodes the path in these URLs (a file name may hold spaces, backticks ...).
      blob_url: `${repoHtml}/blob/${pull.head.sha}/${file.filename.split('/').map(encodeURIComponent).join('/')}`,
      raw_url: `${repoHtml}/raw/${pull.head.sha}/${file.filename.split('/').map(encodeURIComponent).join('/')}`,
      contents_url: `${repoApi(ctx.owner, ctx.repo)}/contents/${file.filename.split('/').map(encodeURIComponent).join('/')}?ref=${pull.head.sha}`,
    }));
    return page(ctx, files);
  };

  const listReviewComments = (ctx: Ctx): Reply => {
    const pull = findPull(Number(ctx.params[0]));
    if (!pull) return notFound();
    return page(
      ctx,
      state.reviewComments.filter((comment) => comment.pull_request_url === pull.url),
    );
  };

  /** Finds where a review comment lands in the diff, or the 422 GitHub gives when it cannot. */
  const placeComment = (
    pull: FakePull,
    raw: unknown,
  ): Reply | PlacedComment => {
    if (typeof raw !== 'object' || raw === null) return unprocessable('Invalid review comment');
    const comment = raw as Json;
    if (!isString(comment.path) || !isString(comment.body)) return unprocessable('Invalid review comment');
    const file = (state.pullFiles.get(pull.number) ?? []).find((candidate) => candidate.filename === comment.path);
    if (!file) return unprocessable('Path could not be resolved');
    const { lines, entries } = diffLines(file.patch ?? '');
    let target: DiffLine | undefined;
    let side: 'LEFT' | 'RIGHT' = comment.side === 'LEFT' ? 'LEFT' : 'RIGHT';
    if (typeof comment.line === 'number') {
      target = entries.find((entry) => entry.side === side && entry.line === comment.line);
    } else if (typeof comment.position === 'number') {
      // The deprecated `position` counts lines below the first hunk header across the whole patch.
      const index = comment.position;
      target = entries.filter((entry) => entry.index === index).at(-1);
      if (target) side = target.side;
    } else {
      return unprocessable('Pull request review thread line must be part of the diff');
    }
    if (!target) return unprocessable('Pull request review thread line must be part of the diff');
    let startLine: number | null = null;
    if (typeof comment.start_line === 'number') {
      const startSide = comment.start_side === 'LEFT' ? 'LEFT' : side;
      const start = entries.find((entry) => entry.side === startSide && entry.line === comment.start_line);
      if (!start) return unprocessable('Pull request review thread start line must be part of the diff');
      if (start.hunkStart !== target.hunkStart) {
        return unprocessable('Pull request review thread start line must be part of the same hunk as the line.');
      }
      startLine = start.line;
    }
    return {
      path: comment.path,
      line: target.line,
      side,
      start_line: startLine,
      body: comment.body,
      diff_hunk: lines.slice(target.hunkStart, target.index + 1).join('\n'),
      position: target.index,
    };
  };

  const postReview = (ctx: Ctx): Reply => {
    const pull = findPull(Number(ctx.params[0]));
    if (!pull) return notFound();
    const body = ctx.body ?? {};
    const rawComments = body.comments === undefined ? [] : body.comments;
    if (!Array.isArray(rawComments)) return unprocessable('Invalid comments');
    // Every comment is placed before anything is stored: GitHub rejects the whole review.
    const placed: Array<Exclude<ReturnType<typeof placeComment>, Reply>> = [];
    for (const raw of rawComments) {
      const result = placeComment(pull, raw);
      if ('status' in result) return result;
      placed.push(result);
    }
    const events: Record<string, FakeReview['state']> = {
      APPROVE: 'APPROVED',
      REQUEST_CHANGES: 'CHANGES_REQUESTED',
      COMMENT: 'COMMENTED',
    };
    const reviewState = isString(body.event) ? events[body.event] : 'PENDING';
    if (!reviewState) return unprocessable(`Unknown review event: ${String(body.event)}`);
    const commitId = isString(body.commit_id) ? body.commit_id : pull.head.sha;
    const id = nextId++;
    const review: FakeReview = {
      id,
      node_id: `PRR_${id}`,
      user: user(identity),
      body: isString(body.body) ? body.body : '',
      state: reviewState,
      html_url: `${pull.html_url}#pullrequestreview-${id}`,
      pull_request_url: pull.url,
      commit_id: commitId,
      submitted_at: reviewState === 'PENDING' ? null : stamp(now()),
      author_association: 'NONE',
      _links: { html: { href: `${pull.html_url}#pullrequestreview-${id}` }, pull_request: { href: pull.url } },
    };
    state.reviews.push(review);
    for (const fields of placed) createReviewComment(pull, fields, id, commitId, identity);
    return { status: 200, body: review };
  };

  const getUser = (): Reply =>
    options.userEndpoint === 'forbidden'
      ? errorReply(403, 'Resource not accessible by integration')
      : { status: 200, body: authenticatedUser(identity, baseUrl, '2020-01-01T00:00:00Z') };

  const rateLimit = (): Reply => {
    const reset = Math.floor(now().getTime() / 1000) + 3600;
    const core = { limit: 5000, used: 0, remaining: 5000, reset };
    return {
      status: 200,
      body: {
        resources: { core, search: { ...core, limit: 30, remaining: 30 }, graphql: core },
        rate: core,
      },
    };
  };

  type Handler = (ctx: Ctx) => Reply;
  const repoRoutes: Array<[string, RegExp, Handler]> = [
    ['GET', /^$/, getRepository],
    ...(options.gitContents ? gitContentRoutes(options.gitContents) : []),
    ['GET', /^\/issues$/, listIssues],
    ['POST', /^\/issues$/, postIssue],
    ['GET', /^\/issues\/(\d+)$/, (ctx) => {
      const issue = issueFrom(ctx);
      return issue ? { status: 200, body: issue } : notFound();
    }],
    ['PATCH', /^\/issues\/(\d+)$/, patchIssue],
    ['GET', /^\/issues\/(\d+)\/comments$/, listComments],
    ['POST', /^\/issues\/(\d+)\/comments$/, postComment],
    ['PATCH', /^\/issues\/comments\/(\d+)$/, patchComment],
    ['DELETE', /^\/issues\/comments\/(\d+)$/, (ctx) => {
      const index = state.comments.findIndex((candidate) => candidate.id === Number(ctx.params[0]));
      if (index < 0) return notFound();
      state.comments.splice(index, 1);
      return { status: 204 };
    }],
    ['DELETE', /^\/pulls\/comments\/(\d+)$/, (ctx) => {
      const index = state.reviewComments.findIndex((candidate) => candidate.id === Number(ctx.params[0]));
      if (index < 0) return notFound();
      state.reviewComments.splice(index, 1);
      return { status: 204 };
    }],
    ['PUT', /^\/pulls\/(\d+)\/reviews\/(\d+)$/, (ctx) => {
      const review = state.reviews.find((candidate) => candidate.id === Number(ctx.params[1]));
      if (!review || !isString(ctx.body?.body)) return review ? unprocessable('body is required') : notFound();
      review.body = ctx.body.body;
      return { status: 200, body: review };
    }],
    ['POST', /^\/issues\/(\d+)\/assignees$/, addAssignees],
    ['POST', /^\/issues\/(\d+)\/labels$/, addLabels],
    ['DELETE', /^\/issues\/(\d+)\/labels\/([^/]+)$/, removeLabel],
    ['GET', /^\/labels$/, (ctx) => page(ctx, state.labels)],
    ['GET', /^\/labels\/([^/]+)$/, getLabel],
    ['POST', /^\/labels$/, postLabel],
    ['GET', /^\/pulls\/(\d+)$/, getPull],
    ['GET', /^\/pulls\/(\d+)\/files$/, listPullFiles],
    ['GET', /^\/pulls\/(\d+)\/comments$/, listReviewComments],
    ['POST', /^\/pulls\/(\d+)\/reviews$/, postReview],
  ];

  const route = (method: string, url: URL, body: Json | null): Reply => {
    const lookup = method === 'HEAD' ? 'GET' : method;
    if (lookup === 'GET' && url.pathname === '/user') return getUser();
    if (lookup === 'GET' && url.pathname === '/rate_limit') return rateLimit();
    // GraphQL: only `viewer { login }`, which answers for installation tokens too (`<app>[bot]`).
    if (method === 'POST' && url.pathname === '/graphql') {
      return isString(body?.query) && /\bviewer\s*\{\s*login\s*\}/.test(body.query)
        ? { status: 200, body: { data: { viewer: { login: identity } } } }
        : { status: 200, body: { errors: [{ message: 'fake-github answers only viewer { login }' }] } };
    }
    const repoPath = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (!repoPath) return notFound();
    const [, owner = '', repo = '', rest = ''] = repoPath;
    if (options.repository !== undefined && `${owner}/${repo}`.toLowerCase() !== options.repository.toLowerCase()) {
      return notFound();
    }
    for (const [routeMethod, pattern, handler] of repoRoutes) {
      if (routeMethod !== lookup) continue;
      const match = pattern.exec(rest);
      if (match) return handler({ url, body, owner, repo, params: match.slice(1) });
    }
    return notFound();
  };

  const takeFault = (method: string, path: string): FailureRule | undefined => {
    const index = faults.findIndex(
      (rule) =>
        (rule.method === undefined || rule.method.toUpperCase() === method) &&
        (rule.pathIncludes === undefined || path.includes(rule.pathIncludes)),
    );
    if (index < 0) return undefined;
    const rule = faults[index];
    if (!rule) return undefined;
    rule.left--;
    if (rule.left <= 0) faults.splice(index, 1);
    return rule;
  };

  const violations: ConformanceViolation[] = [];

  /** Checks the request against GitHub's description now; the returned function checks the reply. */
  const conform = (record: RecordedRequest, url: URL, text: string, badJson: boolean, contentType: string | undefined) => {
    const note = (side: ConformanceViolation['side'], operation: string | undefined, messages: string[]): ConformanceViolation[] =>
      messages.map((message) => {
        const violation: ConformanceViolation = { method: record.method, path: record.path, side, status: record.status, message };
        if (operation !== undefined) violation.operation = operation;
        violations.push(violation);
        if (options.conformance !== 'record') unreported.push(violation);
        return violation;
      });
    const checked = checkRequest({ method: record.method, url, body: text.length === 0 || badJson ? undefined : record.body, contentType });
    // Noted at once: a request answered by a reset never gets a reply to check.
    const wrongRequest = note('request', checked.operation?.operationId, badJson ? ['body is not valid JSON', ...checked.violations] : checked.violations);
    return (reply: Reply): void => {
      for (const violation of wrongRequest) violation.status = reply.status;
      // Replies from failNext are wrong on purpose; a HEAD reply has no body to check.
      if (!checked.operation || record.faulted || record.method === 'HEAD') return;
      note('response', checked.operation.operationId, checkResponse(checked.operation, reply.status, reply.body));
    };
  };

  const tokenOf = (header: string | undefined): string | undefined =>
    header === undefined ? undefined : header.replace(/^(token|bearer)\s+/i, '');

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = (request.method ?? 'GET').toUpperCase();
    const path = request.url ?? '/';
    const url = new URL(path, baseUrl);
    const text = await readBody(request);
    let parsed: unknown = null;
    let badJson = false;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        badJson = true;
      }
    }
    const record: RecordedRequest = {
      method,
      path,
      body: parsed,
      status: 0,
      authorization: request.headers.authorization !== undefined,
    };
    requests.push(record);
    const conformReply = conform(record, url, text, badJson, request.headers['content-type']);

    let reply: Reply;
    const fault = takeFault(method, path);
    const mode = fault?.mode ?? 'status';
    if (fault && mode === 'reset') {
      record.faulted = true;
      request.socket.destroy();
      return;
    }
    if (fault && mode === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
    if (fault && mode === 'status') {
      record.faulted = true;
      const status = fault.status ?? 502;
      reply = {
        status,
        body: fault.body ?? { message: STATUS_CODES[status] ?? 'Error' },
        headers: fault.headers ?? {},
      };
    } else if (options.token !== undefined && tokenOf(request.headers.authorization) !== options.token) {
      reply = errorReply(401, 'Bad credentials');
    } else if (options.readOnly && method !== 'GET' && method !== 'HEAD') {
      reply = errorReply(403, 'Resource not accessible by integration');
    } else if (badJson) {
      reply = errorReply(400, 'Problems parsing JSON');
    } else {
      const body = typeof parsed === 'object' && parsed !== null ? (parsed as Json) : null;
      reply = route(method, url, body);
    }
    if (fault && mode !== 'status') {
      // The route ran: whatever it changed stays changed, only the answer goes wrong.
      record.faulted = true;
      if (mode === 'reset-after-write') {
        record.status = reply.status;
        request.socket.destroy();
        return;
      }
      if (mode === 'after-write') {
        const status = fault.status ?? 502;
        reply = { status, body: fault.body ?? { message: STATUS_CODES[status] ?? 'Error' }, headers: fault.headers ?? {} };
      }
      if (mode === 'drop-link' && reply.headers) delete reply.headers.link;
    }
    record.status = reply.status;
    conformReply(reply);

    let payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
    if (fault && mode === 'truncate') payload = payload.slice(0, Math.floor(payload.length / 2));
    const reset = String(Math.floor(now().getTime() / 1000) + 3600);
    response.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
      'x-github-request-id': `FAKE:${requests.length}`,
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-used': '1',
      'x-ratelimit-reset': reset,
      'x-ratelimit-resource': 'core',
      ...reply.headers,
    });
    response.end(method === 'HEAD' ? undefined : payload);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A bug in the fake must surface as a failing request, not hang the test.
      const message = error instanceof Error ? error.message : String(error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: `fake-github: ${message}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  for (const seed of options.pulls ?? []) seedPull(seed);

  return {
    url: baseUrl,
    requests,
    violations,
    // A GraphQL query is a POST that writes nothing.
    writes: () => requests.filter((request) => request.method !== 'GET' && request.method !== 'HEAD' && !request.path.startsWith('/graphql')),
    state,
    identity,
    failNext(rule) {
      faults.push({ ...rule, left: rule.times ?? 1 });
    },
    reset() {
      requests.length = 0;
    },
    close() {
      // Octokit's fetch keeps connections alive; without this, close() waits for them to time out.
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
    seedIssue: (seed = {}) => createIssue(defaultOwner, defaultRepo, seed),
    seedComment(issueNumber, body, author = identity) {
      const issue = findIssue(issueNumber);
      if (!issue) throw new Error(`fake-github: no issue #${issueNumber} to comment on`);
      return createComment(issue, body, author);
    },
    seedLabel: (name, color = 'ededed', description = null) => ensureLabel(name, defaultOwner, defaultRepo, color, description),
    seedPull,
    pushHead,
    seedReviewComment(pullNumber, comment) {
      const pull = findPull(pullNumber);
      if (!pull) throw new Error(`fake-github: no pull request #${pullNumber}`);
      const placed = placeComment(pull, comment);
      if ('status' in placed) throw new Error(`fake-github: ${JSON.stringify(placed.body)}`);
      return createReviewComment(pull, placed, null, pull.head.sha, comment.author ?? identity);
    },
  };
}

/**
 * For a test file: a `start(options)` that starts a fake with these defaults and
 * closes it after the test that started it.
 */
export function fakeGitHubPerTest(defaults: FakeGitHubOptions = {}): (options?: FakeGitHubOptions) => Promise<FakeGitHub> {
  let current: FakeGitHub | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options = {}) => {
    current = await startFakeGitHub({ ...defaults, ...options });
    return current;
  };
}
