/**
 * Every write of a pull-request run goes through one gate, one at a time (never in parallel):
 *
 * - a dry run logs what it would write and writes nothing;
 * - the first 403 (a fork's read-only token: "Resource not accessible by integration") is
 *   one warning, and every later write is skipped without another request;
 * - a rate limit that outlasted the client's retries (a 403 or 429 with `retry-after`, or
 *   "secondary rate limit") is not a read-only token: that write failed, later writes are tried;
 * - any other failure is handed back for the caller to explain; it never fails the run,
 *   whose exit status follows the findings alone.
 */
import { describeRequestError, isForbidden, isRateLimited } from './client.js';

export type WriteResult<T> =
  | { ok: true; value: T }
  | { ok: false; skipped: 'dry-run' | 'read-only' }
  | { ok: false; skipped?: undefined; status: number | undefined; message: string };

export interface WriteGateOptions {
  dryRun: boolean;
  /** e.g. `octo-org/isms`, for the warning. */
  repository: string;
  log: (line: string) => void;
  warn: (line: string) => void;
}

export class WriteGate {
  readOnly = false;
  readonly skipped: string[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: WriteGateOptions) {}

  /** Sends `send` after every earlier write has settled. `what` reads "post the summary comment". */
  write<T>(what: string, send: () => Promise<T>): Promise<WriteResult<T>> {
    const next = this.queue.then(() => this.attempt(what, send));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async attempt<T>(what: string, send: () => Promise<T>): Promise<WriteResult<T>> {
    if (this.options.dryRun) {
      this.options.log(`dry run: would ${what}`);
      this.skipped.push(what);
      return { ok: false, skipped: 'dry-run' };
    }
    if (this.readOnly) {
      this.skipped.push(what);
      return { ok: false, skipped: 'read-only' };
    }
    try {
      return { ok: true, value: await send() };
    } catch (error) {
      if (isForbidden(error)) {
        this.readOnly = true;
        this.skipped.push(what);
        this.options.warn(
          `The token may not write to ${this.options.repository} (${describeRequestError(error)}), so nothing was posted; a pull request from a fork gets a read-only token. The annotations, the job summary and the outputs carry every finding.`,
        );
        return { ok: false, skipped: 'read-only' };
      }
      const message = isRateLimited(error)
        ? `GitHub's rate limit outlasted the retries: ${describeRequestError(error)}`
        : describeRequestError(error);
      return { ok: false, status: (error as { status?: number }).status, message };
    }
  }
}
