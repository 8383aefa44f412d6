/**
 * The one way this tool runs git: the committed text `isms check <file>` compares with, and
 * the commits the action reads (tree-at-commit.ts).
 *
 * git runs on a checkout a pull request may have shaped, so it runs as plainly as git allows:
 * an argument array (never a shell), no pager, no prompt, no system config, no optional
 * locks (a read never blocks another git), no fsmonitor hook (a repository's config could
 * name a program to run), a bounded output buffer, and a time limit. A git that does not
 * finish in time is an error that names the command, never a hang.
 */
import { spawnSync } from 'node:child_process';
import { UsageError } from '../config/load.js';

/** Long enough for `cat-file --batch` of a large ISMS; short enough that a stuck git is noticed. */
export const GIT_TIMEOUT_MS = 30_000;
/** The output git may print before it is stopped (a whole commit's blobs, read in one process). */
export const GIT_MAX_OUTPUT_BYTES = 1024 * 1024 * 1024;

export interface GitResult {
  ok: boolean;
  stdout: Buffer;
  /** git's error output, or why git could not run (not installed, output over the limit). */
  stderr: string;
}

export interface GitOptions {
  /** Given to git's standard input. */
  input?: string;
  /** Output limit in bytes; default GIT_MAX_OUTPUT_BYTES. */
  maxBuffer?: number;
  /** Time limit in milliseconds; default GIT_TIMEOUT_MS. */
  timeoutMs?: number;
  /** The git program; default `git` on the PATH (tests put a stand-in here). */
  binary?: string;
}

/** git did not finish within its time limit. */
export class GitTimeoutError extends UsageError {
  override name = 'GitTimeoutError';
}

/** Runs `git -C <repoRoot> <args>`; throws GitTimeoutError when git runs out of time. */
export function git(repoRoot: string, args: readonly string[], options: GitOptions = {}): GitResult {
  const timeoutMs = options.timeoutMs ?? GIT_TIMEOUT_MS;
  const result = spawnSync(options.binary ?? 'git', ['-C', repoRoot, '-c', 'core.fsmonitor=false', ...args], {
    input: options.input,
    maxBuffer: options.maxBuffer ?? GIT_MAX_OUTPUT_BYTES,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1', GIT_OPTIONAL_LOCKS: '0' },
  });
  const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ETIMEDOUT') {
    throw new GitTimeoutError(
      `\`git ${args.join(' ')}\` did not finish within ${seconds(timeoutMs)} in ${repoRoot}; check that git works there (\`git -C ${repoRoot} status\`) and run again`,
    );
  }
  const maxBuffer = options.maxBuffer ?? GIT_MAX_OUTPUT_BYTES;
  if (code === 'ENOBUFS') {
    return { ok: false, stdout: Buffer.alloc(0), stderr: `\`git ${args.join(' ')}\` printed more than ${maxBuffer} bytes and was stopped` };
  }
  return {
    ok: result.status === 0 && !result.error,
    stdout: result.stdout ?? Buffer.alloc(0),
    stderr: result.error ? result.error.message : (result.stderr?.toString('utf8') ?? ''),
  };
}

const seconds = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);
