/**
 * Reads one policy (or SoA) file defensively, through the repository guard (src/fs): never
 * follows a link out of the repository, reads only regular files, never more than the size
 * limit, and refuses bytes that are not UTF-8 text. Every refusal is a finding, not an
 * exception.
 */
import { isInside } from '../fs/inside.js';
import { readRegularFile, type BoundedRead } from '../fs/read-bounded.js';
import type { ParseProblem } from './front-matter.js';

export { isInside };

export const MAX_FILE_BYTES = 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; problem: ParseProblem };

/** A read text file: without its BOM (`bom` says whether it had one) and where it really is. */
export type TextRead =
  | { ok: true; text: string; bom: boolean; real: string }
  | { ok: false; problem: ParseProblem; refusal: Refusal };

/** Why the guard refused the file, or `content`: it was read but is not UTF-8 text. */
export type Refusal = Exclude<BoundedRead, { ok: true }> | { ok: false; reason: 'content' };

export interface TextReadOptions {
  limit: number;
  /** How a too-large message ends: what to do about it. */
  tooLargeAdvice: string;
}

/** How policy files are read (the size limit and its advice); check.ts reads with it too. */
export const POLICY: TextReadOptions = { limit: MAX_FILE_BYTES, tooLargeAdvice: 'split it or move attachments to evidence' };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function readPolicyFile(root: string, absolutePath: string): ReadResult {
  const read = readTextFile(root, absolutePath, POLICY);
  return read.ok ? { ok: true, text: read.text } : { ok: false, problem: read.problem };
}

export function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function readTextFile(root: string, absolutePath: string, options: TextReadOptions): TextRead {
  const at = { line: 1, column: 1 };
  const read = readRegularFile(root, absolutePath, options.limit);
  if (!read.ok) {
    const refuse = (rule: ParseProblem['rule'], message: string): TextRead => ({ ok: false, problem: { rule, message, ...at }, refusal: read });
    const limit = `${options.limit / 1024 / 1024} MiB`;
    switch (read.reason) {
      case 'outside':
        return read.throughLink
          ? refuse('link-broken', 'Symbolic link leaves the repository and is not followed: replace it with the file itself')
          : refuse('link-broken', 'The path leaves the repository and is not read: keep the file inside the repository');
      case 'missing':
        return read.throughLink
          ? refuse('link-broken', 'Symbolic link to a missing file: point it at a file in the repository or remove it')
          : refuse('front-matter-missing', 'Cannot read the file (ENOENT): check that it exists and is readable');
      case 'loop':
        return refuse('link-broken', 'A loop of symbolic links: point the link at a file in the repository or remove it');
      case 'folder':
      case 'special':
        return refuse('front-matter-missing', 'Not a regular file: policies must be Markdown files');
      case 'too-large':
        return refuse(
          'file-too-large',
          `File is ${read.size === null ? 'over' : `${mebibytes(read.size)}, over`} the ${limit} limit, and was not parsed: ${options.tooLargeAdvice}`,
        );
      case 'error':
        return refuse('front-matter-missing', `Cannot read the file (${read.code}): check that it exists and is readable`);
    }
  }
  const bytes = read.bytes;
  const content = (rule: ParseProblem['rule'], message: string, position: { line: number; column: number }): TextRead => ({
    ok: false,
    problem: { rule, message, ...position },
    refusal: { ok: false, reason: 'content' },
  });
  const nul = bytes.indexOf(0);
  if (nul !== -1) return content('front-matter-invalid', 'Binary content (a NUL byte): policies must be UTF-8 Markdown text', lineAt(bytes, nul));
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return content('front-matter-invalid', 'Invalid UTF-8: save the file as UTF-8 text', firstInvalidPosition(bytes));
  }
  // TextDecoder strips a leading BOM (ignoreBOM: false), so positions start at the first real character.
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { ok: true, text, bom, real: read.real };
}

function lineAt(bytes: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    if (bytes[index] === 0x0a) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Line and column of the first character that is not valid UTF-8. */
function firstInvalidPosition(bytes: Buffer): { line: number; column: number } {
  const lenient = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const index = lenient.indexOf('\uFFFD');
  const before = lenient.slice(0, Math.max(0, index));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: before.length - lineStart + 1 };
}
