/**
 * The GitHub client: Octokit from @actions/github with retry (5xx, network) and
 * throttling (primary and secondary rate limits, spaced writes). GITHUB_API_URL
 * is honoured for GitHub Enterprise Server. The token is never logged.
 */
import { GitHub, getOctokitOptions } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import BottleneckLight from 'bottleneck';

export const IsmsOctokit = GitHub.plugin(retry, throttling);
export type Octokit = InstanceType<typeof IsmsOctokit>;

export interface ClientOptions {
  token: string;
  /** API base URL; default GITHUB_API_URL, else https://api.github.com. */
  baseUrl?: string;
  /** Retries of a failed request (5xx, rate limit). Default 3. */
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

export function createClient(options: ClientOptions): Octokit {
  const retries = options.retries ?? 3;
  const log = options.log ?? (() => {});
  const baseUrl = options.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com';
  return new IsmsOctokit(
    getOctokitOptions(options.token, {
      baseUrl,
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
        onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          log(`GitHub secondary rate limit on ${request.method} ${request.url}: waiting ${retryAfter} s (retry ${retryCount + 1} of ${retries})`);
          return retryCount < retries;
        },
      },
    }),
  );
}

/** A request error in one line, without headers or the token: `403 Resource not accessible by integration`. */
export function describeRequestError(error: unknown): string {
  const err = error as { status?: number; message?: string; response?: { data?: { message?: string } } };
  const message = err.response?.data?.message ?? err.message ?? String(error);
  return `${err.status ?? 'network error'} ${message.split('\n')[0]}`;
}

export function isForbidden(error: unknown): boolean {
  return (error as { status?: number }).status === 403;
}
