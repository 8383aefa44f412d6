/**
 * GitHub's resource shapes with every field its REST description marks required, filled the way
 * api.github.com fills them (URL templates, counters, nulls), so the fake's replies validate
 * against the description and code that reads an unusual field sees what GitHub would send.
 * API URLs point at the fake (`api`), page URLs at github.com.
 */
import { createHash } from 'node:crypto';

export const HTML = 'https://github.com';

export interface FakeUser {
  login: string;
  id: number;
  node_id: string;
  avatar_url: string;
  gravatar_id: string | null;
  url: string;
  html_url: string;
  followers_url: string;
  following_url: string;
  gists_url: string;
  starred_url: string;
  subscriptions_url: string;
  organizations_url: string;
  repos_url: string;
  events_url: string;
  received_events_url: string;
  type: 'User' | 'Bot';
  site_admin: false;
}

/** A stable numeric id for a name, so the same login always has the same id. */
export function idOf(name: string): number {
  return Number.parseInt(createHash('sha1').update(name).digest('hex').slice(0, 7), 16);
}

export function githubUser(login: string, api: string): FakeUser {
  const id = idOf(login);
  const self = `${api}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: self,
    html_url: `${HTML}/${login.replace(/\[bot\]$/, '')}`,
    followers_url: `${self}/followers`,
    following_url: `${self}/following{/other_user}`,
    gists_url: `${self}/gists{/gist_id}`,
    starred_url: `${self}/starred{/owner}{/repo}`,
    subscriptions_url: `${self}/subscriptions`,
    organizations_url: `${self}/orgs`,
    repos_url: `${self}/repos`,
    events_url: `${self}/events{/privacy}`,
    received_events_url: `${self}/received_events`,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    site_admin: false,
  };
}

/** `GET /user` for a token that may read its owner: the public profile fields on top. */
export function authenticatedUser(login: string, api: string, created: string): Record<string, unknown> {
  return {
    ...githubUser(login, api),
    user_view_type: 'public',
    name: null,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: created,
    updated_at: created,
  };
}

/**
 * A repository as `GET /repos/{owner}/{repo}` answers (the `full-repository` shape); pull
 * requests' `head.repo` and `base.repo` carry the same fields.
 */
export function githubRepository(
  owner: string,
  name: string,
  api: string,
  facts: { defaultBranch: string; openIssues: number; created: string },
): Record<string, unknown> {
  const self = `${api}/repos/${owner}/${name}`;
  const html = `${HTML}/${owner}/${name}`;
  const id = idOf(`${owner}/${name}`);
  return {
    id,
    node_id: `R_${id}`,
    name,
    full_name: `${owner}/${name}`,
    owner: githubUser(owner, api),
    private: true,
    html_url: html,
    description: null,
    fork: false,
    url: self,
    archive_url: `${self}/{archive_format}{/ref}`,
    assignees_url: `${self}/assignees{/user}`,
    blobs_url: `${self}/git/blobs{/sha}`,
    branches_url: `${self}/branches{/branch}`,
    collaborators_url: `${self}/collaborators{/collaborator}`,
    comments_url: `${self}/comments{/number}`,
    commits_url: `${self}/commits{/sha}`,
    compare_url: `${self}/compare/{base}...{head}`,
    contents_url: `${self}/contents/{+path}`,
    contributors_url: `${self}/contributors`,
    deployments_url: `${self}/deployments`,
    downloads_url: `${self}/downloads`,
    events_url: `${self}/events`,
    forks_url: `${self}/forks`,
    git_commits_url: `${self}/git/commits{/sha}`,
    git_refs_url: `${self}/git/refs{/sha}`,
    git_tags_url: `${self}/git/tags{/sha}`,
    git_url: `git://github.com/${owner}/${name}.git`,
    hooks_url: `${self}/hooks`,
    issue_comment_url: `${self}/issues/comments{/number}`,
    issue_events_url: `${self}/issues/events{/number}`,
    issues_url: `${self}/issues{/number}`,
    keys_url: `${self}/keys{/key_id}`,
    labels_url: `${self}/labels{/name}`,
    languages_url: `${self}/languages`,
    merges_url: `${self}/merges`,
    milestones_url: `${self}/milestones{/number}`,
    notifications_url: `${self}/notifications{?since,all,participating}`,
    pulls_url: `${self}/pulls{/number}`,
    releases_url: `${self}/releases{/id}`,
    ssh_url: `git@github.com:${owner}/${name}.git`,
    stargazers_url: `${self}/stargazers`,
    statuses_url: `${self}/statuses/{sha}`,
    subscribers_url: `${self}/subscribers`,
    subscription_url: `${self}/subscription`,
    tags_url: `${self}/tags`,
    teams_url: `${self}/teams`,
    trees_url: `${self}/git/trees{/sha}`,
    clone_url: `${html}.git`,
    mirror_url: null,
    svn_url: html,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: facts.defaultBranch,
    open_issues_count: facts.openIssues,
    open_issues: facts.openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'private',
    license: null,
    pushed_at: facts.created,
    created_at: facts.created,
    updated_at: facts.created,
    allow_forking: true,
    web_commit_signoff_required: false,
    network_count: 0,
    subscribers_count: 0,
  };
}
