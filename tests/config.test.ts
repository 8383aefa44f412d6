/**
 * `.isms.yml` (documented in the README under "Configure"): defaults, every key, and a usage error that names
 * the key for anything unknown or malformed, so a typo never silently changes a check.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { CONFIG_KEYS, loadConfig, UsageError } from '../src/config/load.js';
import { ruleIds } from '../src/rules/index.js';
import { makeRepo } from './support/repo.js';

const load = (files: Record<string, string>, configPath?: string) => loadConfig(makeRepo(files), configPath, ruleIds);

function loadError(text: string): string {
  try {
    load({ '.isms.yml': text });
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('defaults', () => {
  it('apply without a config file', () => {
    const config = load({});
    expect(config).toMatchObject({
      file: null,
      policies: ['policies/**/*.md'],
      remindWithinDays: 30,
      requiredSections: {},
      roles: {},
      edition: 2022,
      frameworks: [],
      placeholderAllow: [],
      soa: 'soa.yml',
      rules: {},
    });
    expect(config.reviewEvery).toMatchObject({ months: 12, days: 0 });
  });

  it('apply to an empty file or one with only comments', () => {
    expect(load({ '.isms.yml': '' }).policies).toEqual(['policies/**/*.md']);
    expect(load({ '.isms.yml': '# nothing yet\n' }).file).toBe('.isms.yml');
  });
});

describe('every documented key', () => {
  it('is read', () => {
    const config = load({
      '.isms.yml': [
        '\uFEFFpolicies: ["docs/**/*.md", "isms/*.md"]',
        'review_every: 6 months',
        'remind_within_days: 45',
        'required_sections: [Purpose, Scope]',
        'soa: isms/soa.yml',
        'organization: Northwind Ledger',
        'rules: { control-uncovered: error, section-missing: off, field-unknown: warning }',
        '',
      ].join('\r\n'),
      'isms/soa.yml': 'controls: {}\n',
    });
    expect(config).toMatchObject({
      file: '.isms.yml',
      policies: ['docs/**/*.md', 'isms/*.md'],
      remindWithinDays: 45,
      requiredSections: { policy: ['Purpose', 'Scope'], procedure: ['Purpose', 'Scope'], standard: ['Purpose', 'Scope'] },
      soa: 'isms/soa.yml',
      organization: 'Northwind Ledger',
      rules: { 'control-uncovered': 'error', 'section-missing': 'off', 'field-unknown': 'warning' },
    });
    expect(config.reviewEvery).toMatchObject({ months: 6, days: 0, text: '6 months' });
  });

  it('accepts one glob as text and ISO cadences', () => {
    const config = load({ '.isms.yml': 'policies: "isms/**/*.md"\nreview_every: P90D\n' });
    expect(config.policies).toEqual(['isms/**/*.md']);
    expect(config.reviewEvery).toMatchObject({ months: 0, days: 90 });
  });

  it('reads roles, edition, frameworks, placeholders and per-type required sections', () => {
    const config = load({
      '.isms.yml': [
        'roles:',
        '  CISO: ["@maria", "ciso@example.org"]',
        '  ISMS Owner: "@northwind/security"',
        'edition: 2013',
        'frameworks: [soc-2, nis2]',
        'placeholders: { allow: [companyShortName] }',
        'required_sections: { policy: [Purpose, Scope], procedure: [Purpose] }',
        '',
      ].join('\n'),
    });
    expect(config).toMatchObject({
      roles: { CISO: ['@maria', 'ciso@example.org'], 'ISMS Owner': ['@northwind/security'] },
      edition: 2013,
      frameworks: ['soc-2', 'nis2'],
      placeholderAllow: ['companyShortName'],
      requiredSections: { policy: ['Purpose', 'Scope'], procedure: ['Purpose'] },
    });
    expect(config.requiredSections.record).toBeUndefined();
  });

  it('applies the list form of required_sections to policies, procedures and standards only', () => {
    const config = load({ '.isms.yml': 'required_sections: [Purpose]\n' });
    expect(Object.keys(config.requiredSections).sort()).toEqual(['policy', 'procedure', 'standard']);
  });

  it('knows the keys the README documents', () => {
    expect([...CONFIG_KEYS].sort()).toEqual(['edition', 'frameworks', 'organization', 'placeholders', 'policies', 'remind_within_days', 'required_sections', 'review_every', 'roles', 'rules', 'soa']);
  });
});

describe('a bad config names the key', () => {
  it.each([
    ['policy: ["x/*.md"]', /unknown key `policy`, did you mean `policies`\?/],
    ['remind_within: 10', /unknown key `remind_within`, did you mean `remind_within_days`\?/],
    ['colour: blue', /unknown key `colour`/],
    ['policies: []', /`policies` \[\] is invalid/],
    ['policies: [""]', /`policies` \[""\] is invalid/],
    ['review_every: 0 months', /`review_every` "0 months" is invalid/],
    ['review_every: 12', /`review_every` 12 is invalid/],
    ['remind_within_days: 1.5', /`remind_within_days` 1\.5 is invalid/],
    ['remind_within_days: "30"', /`remind_within_days` "30" is invalid/],
    ['required_sections: [Purpose, ""]', /`required_sections` .* is invalid/],
    ['required_sections: [Purpose, 3]', /`required_sections` .* is invalid/],
    ['soa: ""', /`soa` "" is invalid/],
    ['organization: [a]', /`organization` \["a"\] is invalid/],
    ['rules: [link-broken]', /`rules` \["link-broken"\] is invalid, expected a mapping/],
    ['rules: { review-overdue: warn }', /`rules\.review-overdue` "warn" is invalid, expected error, warning or off/],
    ['rules: { review-overdue: true }', /`rules\.review-overdue` true is invalid/],
    ['rules: { overdue: off }', /unknown rule `overdue` in `rules`/],
    ['roles: [CISO]', /`roles` \["CISO"\] is invalid, expected a mapping of role name/],
    ['roles: { "@maria": ["@maria"] }', /`roles` key "@maria" is not a role name/],
    ['roles: { CISO: [] }', /`roles\.CISO` \[\] is invalid, expected a list of its holders/],
    ['roles: { CISO: [maria] }', /`roles\.CISO` holder "maria" is not a GitHub `@login`/],
    ['edition: 2017', /`edition` 2017 is invalid, expected 2013 or 2022/],
    ['frameworks: soc 2', /`frameworks` "soc 2" is invalid/],
    ['placeholders: { allowed: [x] }', /unknown key `placeholders\.allowed`, expected `allow`/],
    ['placeholders: { allow: x }', /`placeholders\.allow` "x" is invalid/],
    ['required_sections: { polcy: [Purpose] }', /unknown document type `polcy` in `required_sections`.*did you mean `policy`/],
    ['required_sections: { policy: Purpose }', /`required_sections\.policy` "Purpose" is invalid/],
  ])('%s', (text, message) => {
    expect(loadError(text)).toMatch(message);
  });

  it('starts the message with the file name', () => {
    expect(loadError('colour: blue')).toMatch(/^\.isms\.yml: /);
  });

  it('shortens a long value in the message', () => {
    const message = loadError(`soa: [${'"x",'.repeat(50)}]`);
    expect(message.length).toBeLessThan(140);
    expect(message).toContain('...');
  });

  it('refuses YAML errors, duplicate keys and alias bombs', () => {
    expect(loadError('policies: [a\n')).toMatch(/invalid YAML/);
    expect(loadError('soa: a.yml\nsoa: b.yml\n')).toMatch(/invalid YAML/);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((name, index) => `${name}: &${name} [${Array(10).fill(`*${'abcdefgh'[index]}`).join(', ')}]`)].join('\n');
    expect(loadError(bomb)).toMatch(/^\.isms\.yml: /);
  });

  it('refuses a config that is not a mapping', () => {
    expect(loadError('- policies/**/*.md\n')).toMatch(/expected a mapping of settings/);
    expect(loadError('just text\n')).toMatch(/expected a mapping of settings/);
  });

  it('refuses a config that cannot be read', () => {
    const root = makeRepo({});
    mkdirSync(path.join(root, '.isms.yml'));
    expect(() => loadConfig(root, undefined, ruleIds)).toThrow(/Cannot read \.isms\.yml/);
  });
});

describe('--config', () => {
  it('reads another file; paths are relative to its folder', () => {
    const root = makeRepo({ 'ci/isms.yml': 'policies: ["docs/*.md"]\n' });
    const config = loadConfig(root, 'ci/isms.yml', ruleIds);
    expect(config.root).toBe(path.join(root, 'ci'));
    expect(config.file).toBe('isms.yml');
    expect(config.policies).toEqual(['docs/*.md']);
  });

  it('must exist when named', () => {
    expect(() => load({}, 'nope.yml')).toThrow(UsageError);
  });
});

describe('the config drives the check', () => {
  it('severities: off silences a rule, warning downgrades an error', async () => {
    const root = makeRepo({
      '.isms.yml': 'rules:\n  clause-uncovered: off\n  control-unknown: warning\n  field-unknown: off\n',
      'policies/a.md': '---\nid: POL-A-001\ntitle: A\nowners: ["@a"]\nstatus: draft\ncolour: red\niso27001:\n  controls: [A.5.99]\n---\n',
    });
    const result = await check({ root, today: '2026-11-24' });
    expect(result.findings.map((finding) => `${finding.rule} ${finding.severity}`)).toEqual(['control-unknown warning']);
    expect(result.summary).toMatchObject({ errors: 0, warnings: 1 });
  });

  it('required_sections and the policies glob', async () => {
    const root = makeRepo({
      '.isms.yml': 'policies: "isms/*.md"\nrequired_sections: [Purpose, Scope]\nrules: { clause-uncovered: off }\n',
      'isms/a.md': '---\nid: POL-A-001\ntitle: A\nowners: ["@a"]\nstatus: draft\niso27001:\n  controls: [A.5.1]\n---\n# A\n\n## Purpose\n',
      'policies/ignored.md': 'not a policy\n',
    });
    const result = await check({ root, today: '2026-11-24' });
    expect(result.findings.map((finding) => `${finding.file} ${finding.rule}`)).toEqual(['isms/a.md section-missing']);
    expect(result.findings[0]!.message).toContain('Scope');
  });
});
