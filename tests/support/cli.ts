/** Runs the `isms` command line in this process, the way a user's shell would, capturing its output. */
import { runCli } from '../../src/cli/run.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runIsms(cwd: string, argv: string[], options: { env?: NodeJS.ProcessEnv; isTTY?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd,
    env: options.env ?? {},
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: options.isTTY ?? false,
  });
  return { code, stdout, stderr };
}
