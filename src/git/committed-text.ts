/**
 * A policy's text in the last commit, for `isms check <file>` (the baseline it compares
 * with, see check-focus.ts). Supplied to check() by the CLI: the core itself never runs git.
 */
import { MAX_FILE_BYTES } from '../parse/read-file.js';
import { git, type GitOptions } from './run.js';

/**
 * A reader of `file` (relative to `root`) as git's HEAD has it, or null: not a git repository,
 * no commit yet, a file git does not track, git not installed, or over the policy size limit.
 * `git cat-file blob` prints the stored bytes: no text conversion filter of the repository's
 * config runs. Throws GitTimeoutError when git does not finish in time.
 */
export function committedTextReader(root: string, options: Pick<GitOptions, 'binary' | 'timeoutMs'> = {}): (file: string) => string | null {
  return (file) => {
    const result = git(root, ['cat-file', 'blob', `HEAD:./${file}`], { ...options, maxBuffer: MAX_FILE_BYTES });
    return result.ok ? new TextDecoder('utf-8').decode(result.stdout) : null;
  };
}
