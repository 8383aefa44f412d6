/** What every command gets: its arguments and the outside world, injectable for tests. */
import type { ParseArgsConfig } from 'node:util';

export interface CommandIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colour, tables). */
  isTTY: boolean;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** What `--help` prints after the usage line: how the command reads its arguments. */
  help?: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  /** Resolves to the exit code: 0 ok, 1 findings, 2 usage/config/I-O error. */
  run(args: ParsedArgs, io: CommandIO): Promise<number>;
}
