/**
 * `isms check <file>`: one file (or a few) looked at within the whole ISMS.
 *
 * The rules run over every policy, so coverage is the ISMS's own and editing one file never
 * shows false gaps. The findings shown are
 *   1. every finding on a named file;
 *   2. every finding elsewhere that names one of them (`id` already used by the file);
 *   3. every other finding (coverage, the SoA, other files) that the named files, as they are
 *      now, cause: it is absent from the baseline, the same ISMS with the named files as in the
 *      last commit (`git` HEAD), or without them where the last commit has none (a new file,
 *      or no git repository). The committed text comes from the caller (`readCommitted`: the
 *      CLI reads it with git, src/git/committed-text.ts); without a reader the baseline is the
 *      ISMS without the named files. The core never runs a program.
 * Removing from a file the only mapping of a control shows that control's `control-uncovered`;
 * a gap the file has nothing to do with is left to the whole-ISMS run.
 */
import type { CheckResult, PolicyReader } from './check.js';
import { countBySeverity, type Finding } from './model/finding.js';

export interface Baseline {
  files: string[];
  read: PolicyReader;
}

/** A named file's text in the last commit, or null when the last commit has none. */
export type CommittedReader = (file: string) => string | null;

/**
 * The ISMS to compare with: the named files as the last commit has them (the others as they
 * are on disk, read by `readCurrent`), named files the commit does not have left out.
 */
export function baselineOf(
  files: readonly string[],
  focus: readonly string[],
  readCurrent: PolicyReader,
  readCommitted: CommittedReader = () => null,
): Baseline {
  const committed = new Map<string, string>();
  for (const file of focus) {
    const text = readCommitted(file);
    if (text !== null) committed.set(file, text);
  }
  const named = new Set(focus);
  return {
    files: files.filter((file) => !named.has(file) || committed.has(file)),
    read: (file) => {
      const text = committed.get(file);
      return text === undefined ? readCurrent(file) : { ok: true, text };
    },
  };
}

/** The whole-ISMS result narrowed to what the named files show (see the module comment). */
export function narrowToFocus(whole: CheckResult, baseline: CheckResult, focus: readonly string[]): CheckResult {
  const named = new Set(focus);
  const before = new Set(baseline.findings.map(findingKey));
  const findings = whole.findings.filter(
    (finding) =>
      (finding.file !== null && named.has(finding.file)) ||
      focus.some((file) => namesFile(finding.message, file)) ||
      !before.has(findingKey(finding)),
  );
  return { ...whole, findings, focus: [...focus], summary: { policies: focus.length, ...countBySeverity(findings) } };
}

function findingKey(finding: Finding): string {
  return JSON.stringify([finding.rule, finding.severity, finding.file, finding.line, finding.column, finding.message]);
}

/** Whether the message names the repo-relative path as a whole (`a/b.md`, not `xa/b.md`). */
export function namesFile(message: string, file: string): boolean {
  for (let at = message.indexOf(file); at !== -1; at = message.indexOf(file, at + 1)) {
    const before = message[at - 1];
    const after = message[at + file.length];
    if ((before === undefined || !PATH_CHAR.test(before)) && (after === undefined || !PATH_CHAR_AFTER.test(after))) return true;
  }
  return false;
}

const PATH_CHAR = /[\w./-]/;
/** A path may be followed by a full stop or a colon ending the sentence. */
const PATH_CHAR_AFTER = /[\w/-]/;
