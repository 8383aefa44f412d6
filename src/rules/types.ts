/**
 * The shape every rule module has: its id, default severity, documentation and
 * `ok` / `notOk` examples that the test suite runs (tests/rules.test.ts), and
 * one check. A rule never prints or talks to GitHub: it reports findings.
 */
import type { CalendarDate } from '../model/dates.js';
import type { Config } from '../config/load.js';
import type { Position, Severity } from '../model/finding.js';
import type { PolicyRecord } from '../model/policy.js';
import type { FrontMatter } from '../parse/front-matter.js';
import type { BodyFacts } from '../parse/body.js';
import type { Soa } from '../model/soa.js';

export interface RuleExample {
  /** What the example shows, e.g. "a 2013 control id". */
  name: string;
  /** The policy file, at `policies/example.md` (or `path`). */
  text: string;
  path?: string;
  /** Other files of the example repository (repo-relative path -> content). */
  files?: Record<string, string>;
  /** Today for the example; default 2026-11-24. */
  today?: string;
  /**
   * For notOk examples: the findings this rule must give, as `line:column` or
   * `line:column message-fragment`, in order. `file:line:column ...` for findings
   * on another file or `-:line:column` for findings with no file.
   */
  expected?: string[];
}

interface RuleBase {
  id: string;
  defaultSeverity: Severity;
  /** One sentence: when the rule reports. */
  summary: string;
  /** Markdown: why it matters and how to fix a finding. */
  docs: string;
  examples: { ok: RuleExample[]; notOk: RuleExample[] };
}

export interface ReportOptions {
  /** Overrides the rule's default severity for this finding (config still wins). */
  severity?: Severity;
  /** Another file than the one being checked (repo-relative), or null for the ISMS as a whole. */
  file?: string | null;
  policy?: string | null;
}

export type Report = (message: string, position: Position, options?: ReportOptions) => void;

export interface FileContext {
  /** Repo-relative path with `/` separators. */
  file: string;
  /** Absolute path of the repository root (the config's folder). */
  root: string;
  frontMatter: FrontMatter;
  body: BodyFacts;
  policy: PolicyRecord;
  config: Config;
  today: CalendarDate;
  /** The Statement of Applicability when one was found and parsed. */
  soa: Soa | null;
  report: Report;
}

export interface RepoContext {
  root: string;
  policies: readonly PolicyRecord[];
  config: Config;
  today: CalendarDate;
  /** The Statement of Applicability when one was found and parsed. */
  soa: Soa | null;
  report: Report;
}

/** Raised while reading or splitting a file; the check lives in src/parse. */
export interface ParseRule extends RuleBase {
  scope: 'parse';
}

export interface FileRule extends RuleBase {
  scope: 'file';
  check(context: FileContext): void;
}

export interface RepoRule extends RuleBase {
  scope: 'repo';
  check(context: RepoContext): void;
}

export type Rule = ParseRule | FileRule | RepoRule;
