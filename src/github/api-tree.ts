/**
 * A commit's tree read through the GitHub API, for a pull request head that is not in the
 * checkout (`pull_request_target` checks out the base branch; `fetch-depth: 1` leaves out the
 * merge commit's parents).
 *
 * Requests: one `GET /repos/{owner}/{repo}/git/trees/{sha}?recursive=1` for the listing, then one
 * `GET /repos/{owner}/{repo}/contents/{path}?ref={sha}` per file the check reads whose blob is not
 * already in the checkout's git objects (a blob id names its bytes, so a local copy is the same
 * file). Typically that is the policies the pull request changed. Every fetched file is checked
 * against the blob id the tree gave, so a truncated or altered reply is an error, not a policy.
 * Only regular files are fetched; the size limit is applied from the listing, before the fetch.
 */
import { createHash } from 'node:crypto';
import type { Octokit } from './client.js';
import { presentObjects, readGitBlobs, TreeError, type CommitTree, type TreeEntry } from './tree-at-commit.js';

export interface ApiTreeOptions {
  octokit: Octokit;
  owner: string;
  repo: string;
  sha: string;
  /** A git work tree whose objects may hold some of the blobs already; null when there is none. */
  localRepo: string | null;
}

const KIND: Record<string, TreeEntry['kind']> = { '100644': 'file', '100755': 'file', '120000': 'link' };

/** The id git gives these bytes as a blob. */
function blobId(bytes: Buffer, length: number): string {
  return createHash(length === 64 ? 'sha256' : 'sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}

export function apiCommitTree(options: ApiTreeOptions): CommitTree {
  const { octokit, owner, repo, sha } = options;
  const short = sha.slice(0, 12);
  return {
    sha,
    origin: 'the GitHub API',
    async entries() {
      const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: sha, recursive: '1' });
      if (data.truncated) {
        throw new TreeError(`GitHub listed the tree of ${short} only in part (too many files for one listing)`);
      }
      const entries: TreeEntry[] = [];
      for (const item of data.tree) {
        const kind = KIND[item.mode ?? ''];
        if (item.type !== 'blob' || !kind || !item.path || !item.sha) continue;
        entries.push({ path: item.path, kind, object: item.sha, size: typeof item.size === 'number' ? item.size : null });
      }
      return entries;
    },
    async read(entries) {
      const wanted = new Map(entries.map((entry) => [entry.object, entry]));
      const local = options.localRepo ? presentObjects(options.localRepo, [...wanted.keys()]) : new Set<string>();
      const blobs = options.localRepo && local.size > 0 ? readGitBlobs(options.localRepo, [...local]) : new Map<string, Buffer>();
      // In sequence: reads are cheap, and a burst of them is what secondary rate limits punish.
      for (const [object, entry] of wanted) {
        if (blobs.has(object)) continue;
        const { data } = await octokit.rest.repos.getContent({ owner, repo, path: entry.path, ref: sha });
        if (Array.isArray(data) || data.type !== 'file' || !('content' in data) || data.encoding !== 'base64') {
          throw new TreeError(`GitHub did not return ${entry.path} at ${short} as a file`);
        }
        const bytes = Buffer.from(data.content, 'base64');
        if (blobId(bytes, object.length) !== object) {
          throw new TreeError(`the contents GitHub returned for ${entry.path} at ${short} do not match its blob ${object.slice(0, 12)} (a truncated reply?)`);
        }
        blobs.set(object, bytes);
      }
      return blobs;
    },
  };
}
