/**
 * Writes a command's result to stdout or, with --output, to a file: atomically and never
 * through a symbolic link (src/fs/write-inside.ts). The path is the user's: typed inside the
 * working directory it must really land there (a link the repository brings cannot redirect
 * it); typed outside it (`/tmp/report.json`) it is where the user asked for it.
 */
import { check, type CheckOptions, type CheckResult } from '../check.js';
import { UsageError } from '../config/load.js';
import { writeOutputFile } from '../fs/write-inside.js';
import type { Command, CommandIO } from './types.js';

export function emit(io: CommandIO, output: string | undefined, content: string): void {
  if (output === undefined || output === '-') {
    io.stdout(content);
    return;
  }
  writeOutputFile(io.cwd, output, content);
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
  extra: Pick<CheckOptions, 'paths' | 'focus' | 'readCommitted' | 'remindWithinDays'> = {},
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
