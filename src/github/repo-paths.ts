/**
 * Findings name files relative to the config's folder. GitHub (annotations, review comments,
 * links, SARIF) wants them relative to the repository root: with `config: isms/.isms.yml`,
 * `policies/a.md` is `isms/policies/a.md` to GitHub. This re-roots a check result.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { CheckResult } from '../check.js';

function real(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return path.resolve(folder);
  }
}

export function toRepoPaths(result: CheckResult, repoRoot: string): CheckResult {
  const prefix = path.relative(real(repoRoot), real(result.config.root)).split(path.sep).join('/');
  if (prefix === '' || prefix.startsWith('..') || path.isAbsolute(prefix)) return result;
  const move = (file: string) => `${prefix}/${file}`;
  return {
    ...result,
    root: repoRoot,
    config: { ...result.config, file: result.config.file === null ? null : move(result.config.file) },
    findings: result.findings.map((finding) => (finding.file === null ? finding : { ...finding, file: move(finding.file) })),
    policies: result.policies.map((policy) => ({ ...policy, file: move(policy.file) })),
    soa: result.soa ? { ...result.soa, file: move(result.soa.file) } : null,
  };
}
