/**
 * Creating something on GitHub exactly once, when GitHub may carry out a request and lose the
 * answer (a 502 after the write, a reset, a timeout, a cut-off reply), and when another run of
 * this tool may be creating the same thing at the same moment.
 *
 * 1. Look for it (by its hidden marker and our identity) right before creating: another run
 *    may have made it since our plan was made.
 * 2. Create it with one request (the client never retries a create).
 * 3. If that request failed in a way that may have written (see `mayHaveWritten`), look again:
 *    found means it was made; not found means it was not, and it is created once more.
 * 4. If looking fails too, the write could not be confirmed: UnconfirmedWriteError.
 *
 * Duplicates made by two runs that looked at the same instant are the caller's to settle after
 * the create (keep the oldest), because only the caller knows what "the same" means.
 */
import { describeRequestError, mayHaveWritten } from './client.js';

export interface CreateOnceOptions<T> {
  /** `open the reminder issue for POL-AC-001`: for messages. */
  what: string;
  /** What the create makes, if it exists already. */
  find: () => Promise<T | undefined>;
  /** One request; throws MalformedReplyError when the answer lacks what identifies the result. */
  create: () => Promise<T>;
  /** Skip the first look: the caller has just listed (in this same step). */
  justListed?: boolean;
  /** Creates sent at most; default 2. */
  attempts?: number;
  log?: (line: string) => void;
}

export type CreateOnceResult<T> =
  /** Made by this call (`confirmedByLooking`: the answer was lost and the look found it). */
  | { kind: 'created'; value: T; confirmedByLooking: boolean }
  /** Already there (made by another run, or by an earlier attempt whose answer was lost). */
  | { kind: 'found'; value: T };

/** The write may or may not have happened, and looking could not tell. */
export class UnconfirmedWriteError extends Error {
  override readonly name = 'UnconfirmedWriteError';
  readonly status: number | undefined;
  constructor(message: string, status: number | undefined) {
    super(message);
    this.status = status;
  }
}

export async function createOnce<T>(options: CreateOnceOptions<T>): Promise<CreateOnceResult<T>> {
  const attempts = options.attempts ?? 2;
  if (!options.justListed) {
    const existing = await options.find();
    if (existing !== undefined) return { kind: 'found', value: existing };
  }
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return { kind: 'created', value: await options.create(), confirmedByLooking: false };
    } catch (error) {
      if (!mayHaveWritten(error)) throw error;
      lastError = error;
      options.log?.(`Could not ${options.what} (${describeRequestError(error)}): looking whether GitHub made it anyway.`);
      let found: T | undefined;
      try {
        found = await options.find();
      } catch (lookError) {
        throw new UnconfirmedWriteError(
          `Could not confirm that GitHub did ${options.what}: the request failed (${describeRequestError(error)}) and looking for it failed too (${describeRequestError(lookError)}); run again: the next run finds it or makes it`,
          (error as { status?: number }).status,
        );
      }
      if (found !== undefined) return { kind: 'created', value: found, confirmedByLooking: true };
    }
  }
  throw new UnconfirmedWriteError(
    `Could not ${options.what}: ${describeRequestError(lastError)}, ${attempts} times (it is not there when looked for)`,
    (lastError as { status?: number }).status,
  );
}
