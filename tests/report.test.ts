/**
 * The HTML report as a document (the browser tests in report-html.test.ts check
 * how it behaves): escaping, the Content-Security-Policy hashes, bounds on what
 * a huge ISMS puts in it, and the `isms report` command.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { runCli } from '../src/cli/run.js';
import { escapeHtml } from '../src/report/html-escape.js';
import { MAX_FINDING_ROWS, MAX_TIP_POLICIES } from '../src/report/html.js';
import { renderHtmlReport } from '../src/report/index.js';
import { makeRepo } from './support/repo.js';

const TODAY = '2026-11-24';

function policy(id: string, title: string, controls: string[]): string {
  return `---\nid: ${id}\ntitle: ${JSON.stringify(title)}\nowners: ["@alice"]\nstatus: approved\nlast_reviewed: 2026-06-01\niso27001:\n  controls: [${controls.join(', ')}]\n---\n`;
}

async function report(files: Record<string, string>): Promise<string> {
  return renderHtmlReport(await check({ allowNoPolicies: true, root: makeRepo(files), today: TODAY }));
}

describe('escapeHtml', () => {
  it('escapes markup and quotes and drops control characters', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&amp;\u0000\u001b[31m`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;amp;[31m');
  });
});

describe('renderHtmlReport', () => {
  it('allows exactly its own style and script by hash, and nothing else', async () => {
    const html = await report({});
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).toBe(`default-src 'none'; style-src ${hash(style)}; script-src ${hash(script)}; img-src 'none'; base-uri 'none'; form-action 'none'`);
    expect(html).not.toMatch(/\sstyle="|\son[a-z]+=|https?:\/\//);
  });

  it('never lets policy, SoA or config text become markup', async () => {
    const hostile = '</script><script>alert(1)</script><img src=x onerror=alert(2)>"\'';
    const html = await report({
      '.isms.yml': `organization: ${JSON.stringify(hostile)}\n`,
      'soa.yml': `controls:\n  A.7.1: { applicable: false, justification: ${JSON.stringify(hostile)}, notes: ${JSON.stringify(hostile)} }\n`,
      'policies/x.md': policy('POL-X-001', hostile, ['A.5.1', 'A.7.1']),
    });
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('</script><script>alert');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;');
  });

  it('lists at most a few policies per control and at most MAX_FINDING_ROWS findings', async () => {
    const files: Record<string, string> = {};
    // Every policy maps A.5.1, and an unknown id so there is a finding to multiply.
    for (let index = 0; index < MAX_TIP_POLICIES + 3; index++) files[`policies/p${index}.md`] = policy(`POL-P-${index}`, `P${index}`, ['A.5.1', 'A.99.1']);
    const result = await check({ allowNoPolicies: true, root: makeRepo(files), today: TODAY });
    const findings = Array.from({ length: MAX_FINDING_ROWS + 5 }, (_, index) => ({ ...result.findings[0]!, line: index + 1 }));
    const html = renderHtmlReport({ ...result, findings });
    const tip = /<div class="tip" role="tooltip" id="t-A-5-1">([\s\S]*?)<\/div><\/li>/.exec(html)![1]!;
    expect(tip.match(/<li><strong>/g)).toHaveLength(MAX_TIP_POLICIES);
    expect(tip).toContain('<li>and 3 more (see the policy register)</li>');
    expect(html).toContain(`<caption>${MAX_FINDING_ROWS + 5} findings</caption>`);
    expect(html).toContain('5 more findings are not listed here');
  });

  it('says when there is no SoA', async () => {
    const html = await report({ 'policies/a.md': policy('POL-A-001', 'A', ['A.5.1']) });
    expect(html).toContain('no Statement of Applicability file');
    expect(html).toContain('no control is decided, so the map shows which of the 93 controls policies map');
  });
});

describe('isms report', () => {
  async function run(root: string, ...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { cwd: root, env: { ISMS_TODAY: TODAY }, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false });
    return { code, stdout, stderr };
  }

  it('writes the report to --output, creating folders, or to stdout', async () => {
    const root = makeRepo({ 'policies/a.md': policy('POL-A-001', 'A', ['A.5.1']) });
    expect((await run(root, 'report', '--format', 'html', '--output', 'site/report.html')).code).toBe(0);
    expect(readFileSync(path.join(root, 'site/report.html'), 'utf8')).toMatch(/^<!doctype html>/);
    const { code, stdout } = await run(root, 'report');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);
  });

  it('refuses another format', async () => {
    const { code, stderr } = await run(makeRepo({}), 'report', '--format', 'pdf');
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown format `pdf`: expected html');
  });
});
