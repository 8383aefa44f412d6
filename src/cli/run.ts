/**
 * The `isms` command line: parses arguments, runs one command, maps errors to
 * exit codes (0 ok, 1 findings, 2 usage, config or I/O error). No stack traces:
 * an unexpected error is one line, with the stack only under ISMS_DEBUG=1.
 *
 * An error message can name a value from `.isms.yml` or a policy (an unknown key, a file
 * name), so it goes through `safeText`: one line, whatever the value holds, and never a
 * workflow command when the CLI runs as a GitHub Actions step.
 */
import { parseArgs } from 'node:util';
import { commands } from '../commands/index.js';
import type { CommandIO } from '../commands/types.js';
import { UsageError } from '../config/load.js';
import { safeText } from '../format/terminal.js';
import { TOOL_VERSION } from '../version.js';

function help(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `isms ${TOOL_VERSION}: keep an ISO/IEC 27001 ISMS in Git`,
    '',
    'Usage: isms <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run `isms <command> --help` for the options of one command.',
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${TOOL_VERSION}\n`);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`isms: unknown command \`${safeText(name)}\`; run \`isms --help\` for the list\n`);
    return 2;
  }
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${command.summary}\n\nUsage: ${command.usage}\n${command.help ? `\n${command.help}\n` : ''}`);
      return 0;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: [...rest], options: command.options, allowPositionals: command.allowPositionals ?? false, strict: true });
    } catch (error) {
      io.stderr(`isms ${name}: ${safeText(argumentProblem(error as NodeJS.ErrnoException))}\nUsage: ${command.usage}\n`);
      return 2;
    }
    return await command.run(parsed, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`isms ${name}: ${safeText(error.message)}\n`);
      return 2;
    }
    const err = error as NodeJS.ErrnoException;
    io.stderr(`isms ${name}: unexpected error: ${safeText(err.message ?? String(error))}${err.code ? ` (${safeText(String(err.code))})` : ''}\n`);
    if (io.env.ISMS_DEBUG) io.stderr(`${err.stack ?? ''}\n`);
    return 2;
  }
}

/** node:util's parseArgs messages, shortened to what was wrong (its advice about `--` rarely applies). */
function argumentProblem(error: NodeJS.ErrnoException): string {
  const message = error.message.split('\n')[0] ?? '';
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option \`${option}\``;
  if (/ambiguous/.test(message) && option) {
    return `${option} needs a value; for a value that starts with \`-\`, write \`${option}=-1\``;
  }
  if (/argument missing/.test(message) && option) return `${option} needs a value`;
  return message;
}

/** Entry point when run as a program (dist/cli.js). */
export async function main(): Promise<void> {
  // A reader that stops early (`isms soa | head`) closes the pipe: that is a normal end, not a crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const code = await runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY),
  });
  process.exitCode = code;
}
