/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`):
 * stable rule ids with descriptions and help, repo-relative URIs.
 */
import type { CheckResult } from '../check.js';
import { rules } from '../rules/index.js';
import { TOOL_NAME, TOOL_URL, TOOL_VERSION } from '../version.js';

/** GitHub accepts at most 25,000 results per run. */
export const MAX_SARIF_RESULTS = 25_000;

/**
 * A repo-relative path as a relative URI reference: each segment percent-encoded, so a `#`,
 * `?` or `%` in a file name stays part of the path (encodeURI would leave `#` to start a fragment).
 */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

export function toSarif(result: CheckResult): object {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            informationUri: TOOL_URL,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase()),
              shortDescription: { text: rule.summary },
              fullDescription: { text: rule.docs.replace(/`/g, '') },
              helpUri: `${TOOL_URL}#${rule.id}`,
              help: { text: rule.docs.replace(/`/g, ''), markdown: rule.docs },
              defaultConfiguration: { level: rule.defaultSeverity === 'error' ? 'error' : 'warning' },
            })),
          },
        },
        columnKind: 'unicodeCodePoints',
        results: result.findings.slice(0, MAX_SARIF_RESULTS).map((finding) => ({
          ruleId: finding.rule,
          ...(ruleIndex.has(finding.rule) ? { ruleIndex: ruleIndex.get(finding.rule) } : {}),
          level: finding.severity === 'error' ? 'error' : 'warning',
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: relativeUri(finding.file ?? result.config.file ?? '.isms.yml'), uriBaseId: '%SRCROOT%' },
                region: { startLine: finding.line, startColumn: finding.column },
              },
            },
          ],
          ...(finding.policy ? { properties: { policy: finding.policy } } : {}),
        })),
      },
    ],
  };
}

export function formatSarif(result: CheckResult): string {
  return `${JSON.stringify(toSarif(result), null, 2)}\n`;
}
