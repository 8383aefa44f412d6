/**
 * The action's inputs (action.yml), read and validated in one place. A bad
 * value is a UsageError naming the input, the value and what is expected: the run fails with
 * that one line before anything is checked or written.
 */
import { UsageError } from '../config/load.js';

export type Mode = 'auto' | 'check' | 'remind';
export type FailOn = 'error' | 'warning' | 'never';

export interface ActionInputs {
  /** Globs, files or folders, one per line; undefined: the config's `policies`. */
  policies: string[] | undefined;
  /** Undefined: `.isms.yml` when present, else the defaults. */
  config: string | undefined;
  mode: Mode;
  token: string;
  comment: boolean;
  reviewComments: boolean;
  failOn: FailOn;
  /** Undefined: the config's `remind_within_days` (default 30). */
  remindWithinDays: number | undefined;
  reminderLabel: string;
  dryRun: boolean;
  sarif: string | undefined;
  today: string | undefined;
  artifacts: string | undefined;
  /** Login whose comments count as ours; undefined: asked of GitHub (GraphQL viewer), and nothing is written when it cannot say. */
  identity: string | undefined;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[], fallback: T): T {
  if (value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`Invalid input \`${name}\`: \`${value}\`; expected one of ${allowed.join(', ')}`);
}

function bool(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw new UsageError(`Invalid input \`${name}\`: \`${value}\`; expected true or false`);
}

function optional(value: string): string | undefined {
  return value === '' ? undefined : value;
}

/** `get(name)` returns the trimmed input value, '' when unset (core.getInput). */
export function readInputs(get: (name: string) => string): ActionInputs {
  const policies = get('policies')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const within = get('remind-within-days');
  let remindWithinDays: number | undefined;
  if (within !== '') {
    remindWithinDays = Number(within);
    if (!/^\d+$/.test(within) || !Number.isSafeInteger(remindWithinDays)) {
      throw new UsageError(`Invalid input \`remind-within-days\`: \`${within}\`; expected a whole number of days, e.g. 30`);
    }
  }
  const config = get('config');
  return {
    policies: policies.length > 0 ? policies : undefined,
    // The default `.isms.yml` is optional; any other value must name an existing file.
    config: config === '' || config === '.isms.yml' ? undefined : config,
    mode: oneOf('mode', get('mode'), ['auto', 'check', 'remind'], 'auto'),
    token: get('token'),
    comment: bool('comment', get('comment'), true),
    reviewComments: bool('review-comments', get('review-comments'), true),
    failOn: oneOf('fail-on', get('fail-on'), ['error', 'warning', 'never'], 'error'),
    remindWithinDays,
    reminderLabel: get('reminder-label') || 'isms-review',
    dryRun: bool('dry-run', get('dry-run'), false),
    sarif: optional(get('sarif')),
    today: optional(get('today')),
    artifacts: optional(get('artifacts')),
    identity: optional(get('identity')),
  };
}

export type Work = 'pull-request' | 'check' | 'remind';

/** What a run does, from `mode` and the event (as documented in action.yml and the README). */
export function workFor(mode: Mode, eventName: string | undefined): Work {
  if (mode === 'check') return 'check';
  if (mode === 'remind') return 'remind';
  if (eventName === 'pull_request' || eventName === 'pull_request_target') return 'pull-request';
  if (eventName === 'schedule') return 'remind';
  return 'check';
}
