/**
 * Creates planned files without ever replacing one, and only inside `root`: a file, folder or
 * link that exists (or appears meanwhile) at a planned path is skipped and reported rather than
 * overwritten, and a planned path through a linked folder out of `root` is refused
 * (src/fs/write-inside.ts). Each file appears whole or not at all.
 */
import path from 'node:path';
import { UsageError } from '../config/load.js';
import { createFileInside } from '../fs/write-inside.js';

export interface PlannedFile {
  /** Repo-relative path with `/` separators. */
  path: string;
  content: string;
}

export interface WriteReport {
  created: string[];
  skipped: string[];
}

export function createFiles(root: string, files: readonly PlannedFile[]): WriteReport {
  const report: WriteReport = { created: [], skipped: [] };
  for (const file of files) {
    const absolute = path.join(root, ...file.path.split('/'));
    try {
      if (createFileInside(root, absolute, file.content, file.path) === 'created') report.created.push(file.path);
      else report.skipped.push(file.path);
    } catch (error) {
      const done = report.created.length > 0 ? ` (already created: ${report.created.join(', ')})` : '';
      const message = error instanceof Error ? error.message : String(error);
      throw new UsageError(`${message}${done}`);
    }
  }
  return report;
}
