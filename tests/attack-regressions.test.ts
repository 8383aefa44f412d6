/**
 * Regressions found by attacking the finished hardening work as an outsider would: each test is
 * one input the earlier guards were not designed for, read back the way its reader reads it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { runIsms } from './support/cli.js';
import { makeRepo } from './support/repo.js';

const TODAY = '2026-11-24';

const cli = (cwd: string, argv: string[]) => runIsms(cwd, argv, { env: { ISMS_TODAY: TODAY } });

function policy(id: string, control: string): string {
  return ['---', `id: ${id}`, `title: Policy ${id}`, 'owners: ["@jdoe"]', 'status: approved', 'last_reviewed: 2026-06-01', 'iso27001:', `  controls: [${control}]`, '---', '# Purpose', ''].join('\n');
}

interface MdNode {
  type: string;
  url?: string;
  children?: MdNode[];
}

function linkUrls(markdown: string): string[] {
  const urls: string[] = [];
  const visit = (node: MdNode) => {
    if (node.type === 'link' || node.type === 'definition') urls.push(node.url ?? '');
    for (const child of node.children ?? []) visit(child);
  };
  visit(unified().use(remarkParse).parse(markdown) as unknown as MdNode);
  return urls;
}

describe('isms soa Markdown: links to policy files', () => {
  it('a policy file named like a URL scheme (`javascript:alert(1).md`) beside the SoA links to the file, never to the scheme', async () => {
    const root = makeRepo({
      'soa.yml': 'controls:\n  A.5.1: { applicable: true, implementation: implemented }\n',
      'policies/javascript:alert(1).md': policy('POL-JS-001', 'A.5.1'),
    });
    const run = await cli(root, ['soa', '--output', 'policies/soa.md']);
    expect(run.code, run.stderr).toBe(0);
    const urls = linkUrls(readFileSync(path.join(root, 'policies/soa.md'), 'utf8'));
    expect(urls).toHaveLength(1);
    // A relative link: no scheme a Markdown renderer or browser would act on.
    expect(urls[0]).not.toMatch(/^[a-z][a-z0-9+.-]*:/i);
    expect(decodeURIComponent(urls[0]!)).toBe('javascript:alert(1).md');
  });
});

describe('line ends: a lone CR ends a line, as CommonMark and GitHub read it', () => {
  const head = ['---', 'id: POL-CR-001', 'title: CR', 'owners: ["@jdoe"]', 'status: draft', 'iso27001:', '  controls: [A.5.15]', '---', '# Purpose', '', '# Scope', ''].join('\n');

  it('one CR cannot hide a placeholder, a 2013 citation or a broken link behind an indented code line', async () => {
    // GitHub shows `    code` as a code block, then the paragraph: the checker must see that paragraph too.
    const root = makeRepo({ 'policies/cr.md': `${head}    code\r{{ organization }} follows A.9.1.1, see [x](missing.md).\n` });
    const run = await cli(root, ['check', '--format', 'json']);
    const findings = (JSON.parse(run.stdout) as { findings: Array<{ rule: string; line: number; column: number }> }).findings;
    const at = (rule: string) => findings.filter((finding) => finding.rule === rule).map((finding) => `${finding.line}:${finding.column}`);
    // The paragraph is on file line 13 (an editor counts the CR as a line break), from column 1.
    expect(at('placeholder-left')).toEqual(['13:1']);
    expect(at('control-cited-not-mapped')).toEqual(['13:28']);
    expect(at('link-broken')).toEqual(['13:41']);
  });

  it('headings on CR-only lines count as sections', async () => {
    const root = makeRepo({
      '.isms.yml': 'required_sections: [Purpose, Scope]\n',
      'policies/cr.md': `${head.split('# Purpose')[0]}# Purpose\r\rText.\r\r## Scope\r\rMore.\r`,
    });
    const run = await cli(root, ['check', '--format', 'json']);
    const findings = (JSON.parse(run.stdout) as { findings: Array<{ rule: string }> }).findings;
    expect(findings.filter((finding) => finding.rule === 'section-missing')).toEqual([]);
  });
});

describe('the action fails on a hostile .isms.yml in one escaped line', () => {
  it('a config key with an escape byte and a line break never reaches the ::error:: line raw', async () => {
    const { runAction, tempDir } = await import('./support/action-runner.js');
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const workspace = tempDir('isms-hostile-config-');
    mkdirSync(path.join(workspace, 'policies'));
    writeFileSync(path.join(workspace, 'policies', 'a.md'), '---\nid: POL-A-001\n---\n');
    writeFileSync(path.join(workspace, '.isms.yml'), '"colour\\u001b[31m\\n::error::pwned": blue\n');
    const run = await runAction({ workspace, eventName: 'push', payload: {} });
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines.filter((line) => line.startsWith('::error::pwned'))).toEqual([]);
    expect(run.stdout).not.toContain('\u001b');
    const failure = lines.find((line) => line.startsWith('::error::isms-as-code:'));
    expect(failure).toContain('unknown key `colour\\x1b[31m\\n::error::pwned`');
  });
});
