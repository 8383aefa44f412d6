/** Writes a command's result to stdout or, with --output, to a file atomically. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { check, type CheckOptions, type CheckResult } from '../check.js';
import { UsageError } from '../config/load.js';
import type { Command, CommandIO } from './types.js';

/**
 * Writes `content` to `file` via a temporary file and a rename, so a reader
 * never sees half a report and a failed write leaves the old file intact.
 */
export function writeFileAtomic(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true }); // no half-written leftovers beside the target
    throw new UsageError(`Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function emit(io: CommandIO, output: string | undefined, content: string): void {
  if (output === undefined || output === '-') {
    io.stdout(content);
    return;
  }
  writeFileAtomic(path.resolve(io.cwd, output), content);
}

export function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function formatOption(value: unknown, allowed: readonly string[], fallback: string): string {
  const format = stringOption(value) ?? fallback;
  if (!allowed.includes(format)) {
    throw new UsageError(`Unknown format \`${format}\`: expected ${allowed.join(', ')}`);
  }
  return format;
}

/** Runs the checker with the options every reading command shares: --config, --today (or ISMS_TODAY). */
export function checkWithOptions(
  values: Record<string, unknown>,
  io: CommandIO,
  extra: Pick<CheckOptions, 'paths' | 'remindWithinDays'> = {},
): Promise<CheckResult> {
  return check({
    root: io.cwd,
    configPath: stringOption(values.config),
    today: stringOption(values.today) ?? io.env.ISMS_TODAY,
    ...extra,
  });
}

/** The options of every command that checks and then writes a report. */
export const REPORT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  today: { type: 'string' },
  config: { type: 'string', short: 'c' },
} as const satisfies Command['options'];
