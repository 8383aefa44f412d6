/**
 * The fake GitHub's repository contents, served from a real git repository on disk (as GitHub
 * serves them from its own): `GET /repos/{owner}/{repo}/git/trees/{sha}` (with `recursive`) and
 * `GET /repos/{owner}/{repo}/contents/{path}?ref=`, shaped as GitHub answers them:
 *
 * - a tree lists `tree` entries too when recursive, `size` on blobs only, `truncated: false`;
 * - a file's `content` is base64 in lines of 60 characters; over 1 MiB it is empty with
 *   `encoding: none` (GitHub's contents API stops there);
 * - a symbolic link is `type: symlink` with its `target`, never the file it points at;
 * - an unknown commit or path is a 404.
 */
import { execFileSync } from 'node:child_process';

interface Ctx {
  url: URL;
  owner: string;
  repo: string;
  params: string[];
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const API = 'https://api.github.com';
const MAX_CONTENT = 1024 * 1024;

function git(root: string, args: string[]): Buffer | null {
  try {
    return execFileSync('git', ['-C', root, ...args], { env: { PATH: process.env.PATH ?? '', GIT_CONFIG_NOSYSTEM: '1', HOME: root }, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

const notFound = (): Reply => ({ status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' } });

interface LsEntry {
  mode: string;
  type: string;
  sha: string;
  size: number | null;
  path: string;
}

function lsTree(root: string, args: string[]): LsEntry[] | null {
  const out = git(root, ['ls-tree', '-l', '-z', ...args]);
  if (out === null) return null;
  const entries: LsEntry[] = [];
  for (const record of out.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode = '', type = '', sha = '', size = ''] = record.slice(0, tab).split(/ +/);
    entries.push({ mode, type, sha, size: /^\d+$/.test(size) ? Number(size) : null, path: record.slice(tab + 1) });
  }
  return entries;
}

const validSha = (value: string | null): value is string => value !== null && /^[0-9a-f]{40}$/.test(value);

export function gitContentRoutes(root: string): Array<[string, RegExp, (ctx: Ctx) => Reply]> {
  const getTree = (ctx: Ctx): Reply => {
    const sha = ctx.params[0] ?? '';
    if (!validSha(sha)) return notFound();
    const tree = git(root, ['rev-parse', '--verify', '--quiet', `${sha}^{tree}`])?.toString('utf8').trim() ?? '';
    const recursive = ctx.url.searchParams.has('recursive');
    const entries = tree ? lsTree(root, [...(recursive ? ['-r', '-t'] : []), '--full-tree', sha]) : null;
    if (!entries) return notFound();
    const base = `${API}/repos/${ctx.owner}/${ctx.repo}/git`;
    return {
      status: 200,
      body: {
        sha: tree,
        url: `${base}/trees/${tree}`,
        tree: entries.map((entry) => ({
          path: entry.path,
          mode: entry.mode,
          type: entry.type,
          sha: entry.sha,
          ...(entry.type === 'blob' ? { size: entry.size ?? 0 } : {}),
          url: `${base}/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`,
        })),
        truncated: false,
      },
    };
  };

  const getContent = (ctx: Ctx): Reply => {
    const ref = ctx.url.searchParams.get('ref');
    if (!validSha(ref)) return notFound(); // the tests name commits by sha, as the action does
    let file: string;
    try {
      file = decodeURIComponent(ctx.params[0] ?? '');
    } catch {
      return notFound();
    }
    const [entry] = lsTree(root, ['--full-tree', ref, '--', file]) ?? [];
    if (!entry || entry.path !== file || entry.type !== 'blob') return notFound();
    const name = file.split('/').at(-1) ?? file;
    const self = `${API}/repos/${ctx.owner}/${ctx.repo}/contents/${file}?ref=${ref}`;
    const gitUrl = `${API}/repos/${ctx.owner}/${ctx.repo}/git/blobs/${entry.sha}`;
    const htmlUrl = `https://github.com/${ctx.owner}/${ctx.repo}/blob/${ref}/${file}`;
    const common = {
      name,
      path: file,
      sha: entry.sha,
      size: entry.size ?? 0,
      url: self,
      git_url: gitUrl,
      html_url: htmlUrl,
      download_url: `https://raw.githubusercontent.com/${ctx.owner}/${ctx.repo}/${ref}/${file}`,
      _links: { self, git: gitUrl, html: htmlUrl },
    };
    const bytes = git(root, ['cat-file', 'blob', entry.sha]) ?? Buffer.alloc(0);
    if (entry.mode === '120000') return { status: 200, body: { type: 'symlink', target: bytes.toString('utf8'), ...common } };
    if (bytes.length > MAX_CONTENT) return { status: 200, body: { type: 'file', encoding: 'none', content: '', ...common } };
    const content = (bytes.toString('base64').match(/.{1,60}/g) ?? []).join('\n');
    return { status: 200, body: { type: 'file', encoding: 'base64', content: content === '' ? '' : `${content}\n`, ...common } };
  };

  return [
    ['GET', /^\/git\/trees\/([^/]+)$/, getTree],
    ['GET', /^\/contents\/(.+)$/, getContent],
  ];
}
