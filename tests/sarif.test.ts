/**
 * `isms check --format sarif` against the SARIF 2.1.0 JSON schema, plus what GitHub code
 * scanning relies on beyond the schema: stable rule ids with descriptions and help, a
 * matching ruleIndex, repo-relative URIs, and error/warning levels.
 *
 * The schema is Microsoft's copy of SARIF 2.1.0 (rtm.5), taken byte for byte from the npm
 * package @microsoft/jest-sarif 1.0.0-beta.0 (lib/schemas/sarif-2.1.0-rtm.5.json,
 * sha256 2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8). It is written in
 * JSON Schema draft-04; it uses no keyword whose meaning changed since (no exclusiveMinimum or
 * exclusiveMaximum), so Ajv's default draft-07 validates it the same once the draft-04 `id`
 * becomes `$id`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { rules } from '../src/rules/index.js';
import { makeRepo } from './support/repo.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function sarifValidator() {
  const raw = JSON.parse(readFileSync(path.join(here, 'fixtures/sarif-schema-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id, ...schema } = raw;
  // rtm.5's language pattern `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$` is not valid with the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ $id: String(id), ...schema });
}

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; shortDescription: { text: string }; helpUri: string; help: { text: string } }> } };
    results: Array<{
      ruleId: string;
      ruleIndex?: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>;
    }>;
  }>;
}

async function sarifOf(files: Record<string, string>): Promise<{ code: number; text: string }> {
  const root = makeRepo(files);
  let text = '';
  const code = await runCli(['check', '--format', 'sarif', '--today', '2026-11-24'], {
    cwd: root,
    env: {},
    stdout: (chunk) => (text += chunk),
    stderr: () => {},
    isTTY: false,
  });
  return { code, text };
}

const policy = (id: string, extra: string[]) =>
  ['---', `id: ${id}`, 'title: T', 'owners: ["@a"]', 'status: approved', 'last_reviewed: 2026-01-10', ...extra, '---', '# T', ''].join('\n');

describe('SARIF output', () => {
  let validate: ReturnType<typeof sarifValidator>;
  let log: SarifLog;
  let code: number;

  beforeAll(async () => {
    validate = sarifValidator();
    const run = await sarifOf({
      '.isms.yml': 'required_sections: [Purpose]\n',
      'soa.yml': 'controls:\n  A.7.1: { applicable: false }\n',
      'policies/odd name (1)#.md': policy('POL-X-001', ['iso27001:', '  controls: [A.9.1.1]']),
      'policies/ünï/b.md': policy('POL-X-001', ['iso27001:', '  controls: [A.5.1]', 'colour: red']),
      'policies/c.md': '---\nowner: @bob\n---\n',
      'policies/d.md': 'no front matter\n',
    });
    code = run.code;
    log = JSON.parse(run.text) as SarifLog;
  });

  it('is valid SARIF 2.1.0', () => {
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(code).toBe(1);
  });

  it('has findings of many rules, file-less ones included', () => {
    const ruleIds = new Set(log.runs[0]!.results.map((result) => result.ruleId));
    for (const id of ['control-legacy', 'id-duplicate', 'field-unknown', 'front-matter-invalid', 'front-matter-missing', 'soa-justification-missing', 'clause-uncovered']) {
      expect(ruleIds).toContain(id);
    }
  });

  it('describes every rule once, with help, and points results at them', () => {
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe('isms-as-code');
    expect(driver.rules.map((rule) => rule.id)).toEqual(rules.map((rule) => rule.id));
    for (const rule of driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(rule.helpUri).toMatch(new RegExp(`^https://.+#${rule.id}$`));
    }
    for (const result of log.runs[0]!.results) {
      expect(driver.rules[result.ruleIndex!]!.id).toBe(result.ruleId);
      expect(['error', 'warning']).toContain(result.level);
    }
  });

  it('uses repo-relative, percent-encoded URIs', () => {
    const uris = log.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('policies/odd%20name%20(1)%23.md'); // `#` must not start a fragment
    expect(uris).toContain('policies/%C3%BCn%C3%AF/b.md');
    expect(uris).toContain('soa.yml');
    for (const uri of uris) expect(uri).not.toMatch(/^\/|^[a-z]+:|\.\.|\\/i);
  });

  it('validates a log without results and rejects a broken one (the schema is not a no-op)', async () => {
    const empty = JSON.parse((await sarifOf({ 'policies/a.md': policy('POL-A-001', ['iso27001:', '  clauses: ["4.3"]']) })).text) as SarifLog;
    expect(validate(empty)).toBe(true);
    const broken = structuredClone(log) as unknown as { runs: Array<{ results: Array<{ level: string }> }> };
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken)).toBe(false);
  });
});
