/**
 * The GitHub client: Octokit from @actions/github with retry (5xx, network, timeouts) and
 * throttling (primary and secondary rate limits, spaced writes). GITHUB_API_URL is honoured for
 * GitHub Enterprise Server. The token is never logged.
 *
 * Exactly once: a request that creates something (a POST) is never retried here, because GitHub
 * may have carried it out and only the reply was lost; the caller looks again before creating
 * again (src/github/create-once.ts). Reads and idempotent writes (PATCH, PUT, DELETE, and the
 * POSTs that only add to a set) are retried. Every attempt has a time limit.
 */
import { GitHub, getOctokitOptions } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import BottleneckLight from 'bottleneck';

export const IsmsOctokit = GitHub.plugin(retry, throttling);
export type Octokit = InstanceType<typeof IsmsOctokit>;

/** Default time limit of one request attempt. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface ClientOptions {
  token: string;
  /** API base URL; default GITHUB_API_URL, else https://api.github.com. */
  baseUrl?: string;
  /** Retries of a failed request (5xx, network, timeout, rate limit). Default 3. */
  retries?: number;
  /**
   * Spacing of writes in ms. GitHub asks for at least 1 s between writes (3 s for
   * ones that notify); tests set 0 to run fast against a loopback API. The
   * throttling plugin keeps its queues per process and builds them for the first
   * client that sends a request, so every client of one process gets that spacing.
   */
  writeIntervalMs?: number;
  /** Seconds are multiplied by this for retry-after and 5xx back-off waits (tests use 10). Default 1000. */
  retryAfterBaseValue?: number;
  /** Time limit of each attempt, answer body included. Default 30 s; tests shorten it. */
  timeoutMs?: number;
  /** Called with one line for each wait on a rate limit. */
  log?: (message: string) => void;
}

/** A Bottleneck whose groups use our write spacing instead of the plugin's fixed 1 s / 3 s. */
function bottleneckWithSpacing(minTime: number): typeof BottleneckLight {
  class Spaced extends BottleneckLight {}
  const Group = BottleneckLight.Group;
  class SpacedGroup extends Group {
    constructor(options: ConstructorParameters<typeof Group>[0] = {}) {
      super({ ...options, minTime: Math.min(options.minTime ?? 0, minTime) });
    }
  }
  (Spaced as unknown as { Group: typeof Group }).Group = SpacedGroup;
  return Spaced;
}

/**
 * Whether sending `method url` twice has the effect of sending it once. A POST creates
 * something, except a GraphQL query and the POSTs that add labels or assignees to a set (a
 * label that exists already is a 422 we accept).
 */
export function isIdempotent(method: string, url: string): boolean {
  const verb = method.toUpperCase();
  if (verb !== 'POST') return true;
  const pathname = new URL(url, 'http://github.invalid').pathname;
  return /\/graphql$/.test(pathname) || /\/labels$/.test(pathname) || /\/issues\/\d+\/assignees$/.test(pathname);
}

/** The answer did not come within the time limit. Its message is the one line a user reads. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
}

type FetchLike = (url: string | URL | Request, init?: RequestInit) => Promise<Response>;

function describeUrl(url: string | URL | Request): string {
  const href = typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;
  const parsed = new URL(href, 'http://github.invalid');
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * A fetch that gives up after `timeoutMs`, waiting for the whole body (a server that sends the
 * headers and then stalls holds a job just as long). The body is read here and handed on whole.
 */
export function fetchWithTimeout(timeoutMs: number, inner: FetchLike = (url, init) => globalThis.fetch(url, init)): FetchLike {
  return async (url, init) => {
    const controller = new AbortController();
    const outer = init?.signal;
    const abortFromOuter = () => controller.abort(outer?.reason);
    outer?.addEventListener('abort', abortFromOuter, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await inner(url, { ...init, signal: controller.signal });
      const noBody = [101, 204, 205, 304].includes(response.status) || (init?.method ?? 'GET').toUpperCase() === 'HEAD';
      const body = noBody ? null : await response.arrayBuffer();
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      if (timedOut) {
        const seconds = timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`;
        throw new RequestTimeoutError(`GitHub did not answer ${(init?.method ?? 'GET').toUpperCase()} ${describeUrl(url)} within ${seconds}`);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', abortFromOuter);
    }
  };
}

export function createClient(options: ClientOptions): Octokit {
  const retries = options.retries ?? 3;
  const log = options.log ?? (() => {});
  const baseUrl = options.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com';
  const octokit = new IsmsOctokit(
    getOctokitOptions(options.token, {
      baseUrl,
      request: { fetch: fetchWithTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS) },
      // 403 is not retried here: a read-only token's 403 is final, and rate-limit
      // 403s are retried by the throttling plugin, which reads retry-after.
      // `retries` belongs here, not in `request`: plugin-retry retries every failed
      // request whose `request.retries` is set, 404s and 422s included.
      retry: {
        retries,
        doNotRetry: [400, 401, 403, 404, 410, 422, 451],
        // 5xx retries wait 1, 4, 9 ... times this; tests shrink it like the throttling waits.
        ...(options.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: options.retryAfterBaseValue } : {}),
      },
      throttle: {
        ...(options.writeIntervalMs !== undefined ? { Bottleneck: bottleneckWithSpacing(options.writeIntervalMs) } : {}),
        ...(options.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: options.retryAfterBaseValue } : {}),
        onRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          log(`GitHub rate limit on ${request.method} ${request.url}: waiting ${retryAfter} s (retry ${retryCount + 1} of ${retries})`);
          return retryCount < retries;
        },
        // A rate-limited request was not carried out, so even a create may be sent again.
        onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          log(`GitHub secondary rate limit on ${request.method} ${request.url}: waiting ${retryAfter} s (retry ${retryCount + 1} of ${retries})`);
          return retryCount < retries;
        },
      },
    }),
  );
  // A create is never retried by plugin-retry (a per-request `retries: 0` wins over the default):
  // a 502 or a reset after GitHub made the issue would make a second one.
  octokit.hook.before('request', (request) => {
    if (!isIdempotent(request.method, request.url)) request.request = { ...request.request, retries: 0 };
  });
  return octokit;
}

interface ErrorShape {
  status?: number;
  message?: string;
  name?: string;
  cause?: unknown;
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
}

/** The reason a request failed without any answer (timeout, reset, refused), or null when GitHub answered. */
function noAnswer(error: unknown): string | null {
  const err = error as ErrorShape;
  if (err?.name === 'RequestTimeoutError') return err.message ?? 'timeout';
  if (err?.cause instanceof Error) {
    const cause = err.cause as ErrorShape;
    if (cause.name === 'RequestTimeoutError') return cause.message ?? 'timeout';
    const deeper = cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
    return `no answer from GitHub (${cause.message}${deeper})`;
  }
  return null;
}

/** A request error in one line, without headers or the token: `403 Resource not accessible by integration`. */
export function describeRequestError(error: unknown): string {
  const lost = noAnswer(error);
  if (lost) return lost.split('\n')[0] ?? lost;
  const err = error as ErrorShape;
  // Not an answer from GitHub (a malformed reply, an incomplete listing, our own error): its message.
  if (err?.status === undefined || err.response === undefined) return String(err?.message ?? error).split('\n')[0] ?? '';
  const data = err.response?.data as { message?: unknown } | undefined;
  const message = typeof data?.message === 'string' ? data.message : (err.message ?? String(error));
  return `${err.status ?? 'network error'} ${message.split('\n')[0]}`;
}

/** A 403 or 429 that is a rate limit (primary or secondary), not a missing permission. */
export function isRateLimited(error: unknown): boolean {
  const err = error as ErrorShape;
  if (err.status !== 403 && err.status !== 429) return false;
  if (err.status === 429) return true;
  const headers = err.response?.headers ?? {};
  if (headers['retry-after'] !== undefined || headers['x-ratelimit-remaining'] === '0') return true;
  const data = err.response?.data as { message?: unknown } | undefined;
  const text = `${typeof data?.message === 'string' ? data.message : ''} ${err.message ?? ''}`;
  return /\b(secondary )?rate limit/i.test(text) || /abuse detection/i.test(text);
}

/** A 403 that means the token may not do this (a fork's read-only token), not a rate limit. */
export function isForbidden(error: unknown): boolean {
  return (error as { status?: number }).status === 403 && !isRateLimited(error);
}

/**
 * Whether GitHub may have carried out a write whose request failed: no answer (timeout,
 * reset), a 5xx, or an answer we could not read. A 4xx (rate limits included) means it did not.
 */
export function mayHaveWritten(error: unknown): boolean {
  if (error instanceof MalformedReplyError) return true;
  if (noAnswer(error) !== null) return true;
  const status = (error as ErrorShape).status;
  return status !== undefined && status >= 500;
}

/** GitHub answered 2xx, but not with what the request must return (cut off, not JSON, no number). */
export class MalformedReplyError extends Error {
  override readonly name = 'MalformedReplyError';
}

/** The `number` of a created issue, or a MalformedReplyError naming the request. */
export function replyNumber(data: unknown, what: string): number {
  const number = (data as { number?: unknown } | null)?.number;
  if (typeof number === 'number' && Number.isSafeInteger(number) && number > 0) return number;
  throw new MalformedReplyError(`GitHub's answer to ${what} carries no issue number (the reply was cut off or is not the JSON GitHub sends)`);
}

/** The `id` of a created comment or review, or a MalformedReplyError naming the request. */
export function replyId(data: unknown, what: string): number {
  const id = (data as { id?: unknown } | null)?.id;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return id;
  throw new MalformedReplyError(`GitHub's answer to ${what} carries no id (the reply was cut off or is not the JSON GitHub sends)`);
}

/** A listing that ended before its last item (a dropped `Link` header): never "no more items". */
export class IncompleteListingError extends Error {
  override readonly name = 'IncompleteListingError';
}
