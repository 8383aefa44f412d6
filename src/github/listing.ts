/**
 * Every item of a GitHub listing, page by page, or an error: never fewer items than GitHub has.
 * The code that decides "there is no reminder issue / summary comment yet, so create one" reads
 * these listings, so a listing that stops early would create duplicates.
 *
 * - A page that is not a JSON array (a cut-off answer) is asked for again, twice at most.
 * - GitHub links the next page with `Link: <...>; rel="next"` and names the last with
 *   `rel="last"`. A page without a next link before the last one named is an incomplete listing
 *   (IncompleteListingError). A full page (100 items) with no links at all is suspicious too:
 *   the next page is asked for, and if it has items the listing failed. That costs one extra
 *   read only for a listing of exactly 100 items on a single page.
 */
import { IncompleteListingError, MalformedReplyError, type Octokit } from './client.js';

export const PER_PAGE = 100;

interface PageResponse {
  data: unknown;
  headers: Record<string, string | number | undefined>;
}

/** `octokit.request` for a route given as data (the routes are GitHub's own listing routes). */
type RequestByRoute = (route: string, parameters: Record<string, unknown>) => Promise<PageResponse>;

/** One page of `route`; an answer that is not a JSON list (cut off) is asked for again, twice at most. */
export async function readPage(octokit: Octokit, route: string, parameters: Record<string, unknown>, what: string): Promise<unknown[]> {
  const request = octokit.request as unknown as RequestByRoute;
  for (let attempt = 1; ; attempt++) {
    const response = await request(route, parameters);
    if (Array.isArray(response.data)) {
      pageLinks.set(response.data, String(response.headers.link ?? ''));
      return response.data;
    }
    if (attempt >= 3) throw new MalformedReplyError(`GitHub's answer listing ${what} is not a JSON list, ${attempt} times (cut off?)`);
  }
}

const pageLinks = new WeakMap<unknown[], string>();

/**
 * All items of `route` (e.g. `GET /repos/{owner}/{repo}/issues`), 100 a page. `what` names the
 * listing in errors: `the issues labelled isms-review`.
 */
export async function listAll(octokit: Octokit, route: string, parameters: Record<string, unknown>, what: string): Promise<unknown[]> {
  const items: unknown[] = [];
  /** From `rel="last"`, which GitHub sends on every page but the last. */
  let lastPage: number | undefined;
  for (let page = 1; ; page++) {
    // Page 1 without `page=`, as octokit.paginate sends it.
    const data = await readPage(octokit, route, { ...parameters, per_page: PER_PAGE, ...(page > 1 ? { page } : {}) }, what);
    items.push(...data);
    const link = pageLinks.get(data) ?? '';
    const last = /<([^>]*)>;\s*rel="last"/.exec(link)?.[1];
    const lastNumber = last ? Number(new URL(last, 'http://github.invalid').searchParams.get('page')) : NaN;
    if (Number.isSafeInteger(lastNumber) && lastNumber > 0) lastPage = lastNumber;
    if (/\brel="next"/.test(link)) continue;
    if (lastPage !== undefined && page < lastPage) throw incomplete(what, page, `page ${lastPage} is the last one`);
    if (lastPage !== undefined || data.length < PER_PAGE) return items;
    // A full page, no link at all: one more page tells "exactly 100" from "link dropped".
    const after = await readPage(octokit, route, { ...parameters, per_page: PER_PAGE, page: page + 1 }, what);
    if (after.length === 0) return items;
    throw incomplete(what, page, `page ${page + 1} has items`);
  }
}

function incomplete(what: string, page: number, evidence: string): IncompleteListingError {
  return new IncompleteListingError(
    `GitHub's listing of ${what} ended early: page ${page} came without a link to the next page, yet ${evidence}. Nothing is created from an incomplete listing; run again.`,
  );
}
