/**
 * Reads one policy file from disk defensively: never follows a link out of the
 * repository, never loads a file over the size limit, and refuses bytes that are
 * not UTF-8 text. Every refusal is a finding, not an exception.
 */
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ParseProblem } from './front-matter.js';

export const MAX_FILE_BYTES = 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; problem: ParseProblem };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** True when `target` is `root` or inside it. Both must be absolute and resolved. */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  // `..` or `../x` leaves; `..notes.md` is a file inside whose name starts with two dots.
  const leaves = relative === '..' || relative.startsWith(`..${path.sep}`);
  return relative === '' || (!leaves && !path.isAbsolute(relative));
}

export function readPolicyFile(root: string, absolutePath: string): ReadResult {
  const at = { line: 1, column: 1 };
  try {
    const link = lstatSync(absolutePath);
    if (link.isSymbolicLink()) {
      let target: string;
      try {
        target = realpathSync(absolutePath);
      } catch {
        return { ok: false, problem: { rule: 'link-broken', message: 'Symbolic link to a missing file: point it at a file in the repository or remove it', ...at } };
      }
      if (!isInside(realpathSync(root), target)) {
        return {
          ok: false,
          problem: { rule: 'link-broken', message: 'Symbolic link leaves the repository and is not followed: replace it with the file itself', ...at },
        };
      }
    }
    const stat = statSync(absolutePath);
    if (!stat.isFile()) {
      return { ok: false, problem: { rule: 'front-matter-missing', message: 'Not a regular file: policies must be Markdown files', ...at } };
    }
    if (stat.size > MAX_FILE_BYTES) {
      return {
        ok: false,
        problem: {
          rule: 'file-too-large',
          message: `File is ${(stat.size / 1024 / 1024).toFixed(1)} MiB, over the 1 MiB limit, and was not parsed: split it or move attachments to evidence`,
          ...at,
        },
      };
    }
    const bytes = readFileSync(absolutePath);
    const nul = bytes.indexOf(0);
    if (nul !== -1) {
      return { ok: false, problem: { rule: 'front-matter-invalid', message: 'Binary content (a NUL byte): policies must be UTF-8 Markdown text', ...lineAt(bytes, nul) } };
    }
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      return {
        ok: false,
        problem: { rule: 'front-matter-invalid', message: 'Invalid UTF-8: save the file as UTF-8 text', ...firstInvalidPosition(bytes) },
      };
    }
    // TextDecoder strips a leading BOM (ignoreBOM: false), so positions start at the first real character.
    return { ok: true, text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, problem: { rule: 'front-matter-missing', message: `Cannot read the file (${code}): check that it exists and is readable`, ...at } };
  }
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
