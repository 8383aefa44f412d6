/**
 * Counts the HTTP requests an Octokit sends, retries included, for the digest's "API requests
 * used" line and for tests that pin the idle run to the listing pages.
 *
 * A hook registered after the retry and throttling plugins wraps them, so it sees one call per
 * logical request however often the plugins retry it. To see every attempt, the hook gives each
 * request a counting `fetch`, which every retry of that request goes through.
 */
import type { Octokit } from '../client.js';

export interface RequestCounts {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Of those, ones that are not GET or HEAD (GraphQL queries aside). */
  writes: number;
  /** Of those, repeats of a request by the retry or throttling plugin. */
  retries: number;
}

interface Counter {
  counts: RequestCounts;
}

const counters = new WeakMap<object, Counter>();

type FetchLike = (url: string | URL | Request, init?: RequestInit) => Promise<Response>;

function counterFor(octokit: Octokit): Counter {
  const existing = counters.get(octokit);
  if (existing) return existing;
  const counter: Counter = { counts: { requests: 0, writes: 0, retries: 0 } };
  counters.set(octokit, counter);
  octokit.hook.before('request', (options) => {
    const request = (options.request ?? {}) as { fetch?: FetchLike };
    const inner: FetchLike = request.fetch ?? ((url, init) => globalThis.fetch(url, init));
    let attempts = 0;
    const counting: FetchLike = (url, init) => {
      attempts++;
      counter.counts.requests++;
      if (attempts > 1) counter.counts.retries++;
      const method = (init?.method ?? 'GET').toUpperCase();
      // A GraphQL query is a POST that writes nothing.
      const query = /\/graphql$/.test(new URL(String(url instanceof Request ? url.url : url), 'http://github.invalid').pathname);
      if (method !== 'GET' && method !== 'HEAD' && !query) counter.counts.writes++;
      return inner(url, init);
    };
    options.request = { ...options.request, fetch: counting } as typeof options.request;
  });
  return counter;
}

/** Starts counting (once per client) and returns a function giving the counts since this call. */
export function countRequests(octokit: Octokit): () => RequestCounts {
  const counter = counterFor(octokit);
  const start = { ...counter.counts };
  return () => ({
    requests: counter.counts.requests - start.requests,
    writes: counter.counts.writes - start.writes,
    retries: counter.counts.retries - start.retries,
  });
}
