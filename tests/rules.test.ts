/**
 * Runs every rule's documented `ok` and `notOk` examples through the real
 * checker (files on disk, config, parser, rules): the documentation is the test.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { rules } from '../src/rules/index.js';
import type { RuleExample } from '../src/rules/types.js';
import { makeRepo } from './support/repo.js';

/** SoA rules' examples are an SoA alone: an ISMS of no policy files is allowed here. */
async function run(ruleId: string, example: RuleExample) {
  const file = example.path ?? 'policies/example.md';
  const root = makeRepo({ ...example.files, [file]: example.text });
  const result = await check({ allowNoPolicies: true, root, today: example.today ?? '2026-11-24' });
  return { file, findings: result.findings.filter((finding) => finding.rule === ruleId) };
}

describe.each(rules.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
  it('is documented', () => {
    expect(rule.summary.length).toBeGreaterThan(10);
    expect(rule.docs.length).toBeGreaterThan(20);
    expect(rule.examples.ok.length).toBeGreaterThan(0);
    expect(rule.examples.notOk.length).toBeGreaterThan(0);
  });

  for (const example of rule.examples.ok) {
    it(`accepts ${example.name}`, async () => {
      const { findings } = await run(rule.id, example);
      expect(findings).toEqual([]);
    });
  }

  for (const example of rule.examples.notOk) {
    it(`reports ${example.name}`, async () => {
      const { file, findings } = await run(rule.id, example);
      const expected = example.expected ?? [];
      expect(findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.message}`)).toHaveLength(expected.length);
      expected.forEach((entry, index) => {
        const finding = findings[index]!;
        const match = /^(?:(.+?):)?(\d+):(\d+)(?: (.*))?$/.exec(entry);
        if (!match) throw new Error(`bad expectation ${entry}`);
        const [, expectedFile, line, column, fragment] = match;
        expect(finding.file).toBe(expectedFile === '-' ? null : expectedFile ?? file);
        expect(`${finding.line}:${finding.column}`).toBe(`${line}:${column}`);
        if (fragment) expect(finding.message).toContain(fragment);
        expect(finding.severity).toMatch(/^(error|warning)$/);
      });
    });
  }
});
