/** Links to files of the repository at one commit, for comments and the job summary. */

export interface RepoLocation {
  /** e.g. https://github.com */
  serverUrl: string;
  owner: string;
  repo: string;
  /** The commit the links point at: the PR's head, or the pushed commit. */
  sha: string;
}

export type LinkTo = (file: string, line?: number) => string;

/** Each path segment percent-encoded, with the characters that end a Markdown link too. */
export function encodePath(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[()'!*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

export function linkBuilder(location: RepoLocation): LinkTo {
  const base = `${location.serverUrl.replace(/\/+$/, '')}/${encodeURIComponent(location.owner)}/${encodeURIComponent(location.repo)}/blob/${encodeURIComponent(location.sha)}`;
  return (file, line) => `${base}/${encodePath(file)}${line ? `#L${line}` : ''}`;
}
