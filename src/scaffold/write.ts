/**
 * Creates planned files without ever replacing one: each file is opened with
 * O_EXCL (`wx`), so a file that exists, or appears meanwhile, is skipped and
 * reported rather than overwritten.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../config/load.js';

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
      mkdirSync(path.dirname(absolute), { recursive: true });
      writeFileSync(absolute, file.content, { flag: 'wx' });
      report.created.push(file.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        report.skipped.push(file.path);
        continue;
      }
      const done = report.created.length > 0 ? ` (already created: ${report.created.join(', ')})` : '';
      throw new UsageError(`Cannot create ${file.path}: ${code ?? (error as Error).message}${done}`);
    }
  }
  return report;
}
