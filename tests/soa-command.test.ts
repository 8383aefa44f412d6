/**
 * `isms soa`: the Statement of Applicability an auditor reads (Markdown), opens in
 * a spreadsheet (CSV) or feeds to another tool (JSON), through the real CLI.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { controls } from '../src/catalog/index.js';
import { makeRepo } from './support/repo.js';

async function run(root: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd: root,
    env: { ISMS_TODAY: '2026-11-24' },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/** RFC 4180: records of fields; quoted fields may hold commas, CRLF and doubled quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let index = 0;
  let quoted = false;
  while (index < text.length) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      index++;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index++;
    } else if (char === '"' || char === '\n' || char === '\r') {
      throw new Error(`bare ${JSON.stringify(char)} outside quotes at ${index}`);
    } else field += char;
    index++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length > 0) throw new Error('last record without CRLF');
  return records;
}

const hostileJustification = 'We have "no" offices, none at all,\nand no post room; =HYPERLINK("http://evil")';

/** An ISMS needs at least one policy file (no files matched is a usage error). */
const ONE_POLICY = { 'policies/a.md': '---\nid: POL-A-001\ntitle: A\nowners: ["@alice"]\nstatus: draft\niso27001:\n  controls: [A.5.15]\n---\n# A\n' };

function repo() {
  return makeRepo({
    '.isms.yml': 'organization: "Acme <b>&</b> Co"\n',
    'soa.yml': [
      'controls:',
      '  A.5.1: { applicable: true, implementation: implemented }',
      '  A.5.15: { applicable: true, implementation: partial, notes: "MFA: 90%" }',
      `  A.7.1: { applicable: false, justification: ${JSON.stringify(hostileJustification)} }`,
      '  A.7.2: { applicable: false, justification: "-1 offices" }',
      '',
    ].join('\n'),
    'policies/access control (v2).md': [
      '---',
      'id: POL-AC-001',
      'title: "Access | control <script>alert(1)</script>"',
      'owners: ["@alice", "security@example.com"]',
      'status: approved',
      'last_reviewed: 2026-06-01',
      'iso27001:',
      '  controls: [A.5.15, A.5.1]',
      '---',
      '',
    ].join('\n'),
    'policies/old.md': '---\nid: POL-OLD-001\ntitle: Old\nowners: ["@bob"]\nstatus: approved\nlast_reviewed: 2025-01-01\niso27001:\n  controls: [A.5.1]\n---\n',
  });
}

describe('isms soa --format csv', () => {
  it('writes 93 rows and a header that parse back as RFC 4180, with a BOM and hostile text intact', async () => {
    const { code, stdout } = await run(repo(), 'soa', '--format', 'csv');
    expect(code).toBe(0);
    expect(stdout.startsWith('\uFEFFControl,Title,Theme,')).toBe(true);
    const records = parseCsv(stdout.slice(1));
    expect(records).toHaveLength(94);
    expect(records[0]).toEqual(['Control', 'Title', 'Theme', 'Applicable', 'Justification', 'Implementation', 'Notes', 'Coverage', 'Policies', 'Policy files', 'Owners', 'Review']);
    expect(records.slice(1).map((record) => record[0])).toEqual(controls.map((control) => control.id));
    expect(records.every((record) => record.length === 12)).toBe(true);
    const row = (id: string) => Object.fromEntries(records[0]!.map((name, index) => [name, records.find((record) => record[0] === id)![index]]));
    // Quotes, commas and newlines survive; only the leading formula character is defused.
    expect(row('A.7.1')).toMatchObject({ Applicable: 'No', Justification: hostileJustification, Coverage: 'Not applicable' });
    expect(row('A.7.2').Justification).toBe("'-1 offices");
    expect(row('A.5.15')).toMatchObject({
      Applicable: 'Yes',
      Implementation: 'partial',
      Notes: 'MFA: 90%',
      Coverage: 'Covered',
      Policies: 'POL-AC-001',
      'Policy files': 'policies/access control (v2).md',
      Owners: "'@alice; security@example.com",
      Review: 'POL-AC-001: reviewed 2026-06-01, next 2027-06-01',
    });
    expect(row('A.5.1')).toMatchObject({ Policies: 'POL-AC-001; POL-OLD-001', Review: expect.stringContaining('POL-OLD-001: overdue since 2026-01-01') });
    // Undecided in the SoA: never "Not covered" (that is for applicable controls).
    expect(row('A.5.2')).toMatchObject({ Applicable: 'Undecided', Coverage: 'Undecided', Policies: '' });
  });
});

describe('isms soa (Markdown)', () => {
  it('is a document with a header block, one table per theme and escaped text', async () => {
    const root = repo();
    const { code, stdout } = await run(root, 'soa');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# Statement of Applicability: Acme &lt;b&gt;&amp;&lt;\/b&gt; Co\n/);
    expect(stdout).toContain('| Date | 2026-11-24 |');
    expect(stdout).toContain('| Source | `soa.yml` and 2 policy documents |');
    expect(stdout).toContain('| Applicability | 2 applicable · 2 not applicable · 89 undecided |');
    expect(stdout).toContain('| Implementation | 1 implemented · 1 partial · 0 planned · 0 not implemented · 0 not stated |');
    expect(stdout).toContain('| Policy coverage | 2 covered · 0 only by overdue policies · 0 only by drafts · 0 not covered · 2 excluded · 89 undecided |');
    expect(stdout.match(/^## A\.\d /gm)).toEqual(['## A.5 ', '## A.6 ', '## A.7 ', '## A.8 ']);
    // 93 control rows.
    expect(stdout.match(/^\| A\.\d+\.\d+ \|/gm)).toHaveLength(93);
    const a715 = stdout.split('\n').find((line) => line.startsWith('| A.5.15 |'))!;
    expect(a715).toContain('[POL-AC-001](policies/access%20control%20%28v2%29.md)');
    // A file, not a post: the owner is written as is, so `grep @alice soa.md` finds it.
    expect(a715).toContain('@alice');
    expect(a715).not.toContain('\u200d');
    const a71 = stdout.split('\n').find((line) => line.startsWith('| A.7.1 |'))!;
    // The justification stays on its row: the newline is folded, the table cannot break.
    expect(a71.replace(/\\\|/g, '').match(/\|/g)).toHaveLength(9);
    expect(a71).toContain('We have "no" offices, none at all, and no post room; =HYPERLINK\\("http\\://evil"\\)');
    expect(stdout).not.toMatch(/<script|<b>/);
  });

  it('makes policy links relative to the --output file', async () => {
    const root = repo();
    const { code } = await run(root, 'soa', '--output', 'docs/audit/SOA.md');
    expect(code).toBe(0);
    const written = readFileSync(path.join(root, 'docs/audit/SOA.md'), 'utf8');
    expect(written).toContain('[POL-AC-001](../../policies/access%20control%20%28v2%29.md)');
  });

  it('says so when there is no SoA file, and still lists the 93 controls', async () => {
    // An ISMS of no policy files is a usage error; one draft policy and no SoA file.
    const { code, stdout } = await run(makeRepo({ ...ONE_POLICY }), 'soa');
    expect(code).toBe(0);
    expect(stdout).toMatch(/\| Source \| no SoA file: 1 policy documents? \|/);
    expect(stdout).toContain('No SoA file was found');
    expect(stdout.match(/^\| A\.\d+\.\d+ \| .* \| _Undecided_ \|/gm)).toHaveLength(93);
  });
});

describe('isms soa --format json', () => {
  it('gives every control with its decision, coverage and policies', async () => {
    const { code, stdout } = await run(repo(), 'soa', '--format', 'json');
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    expect(document).toMatchObject({ version: 1, organization: 'Acme <b>&</b> Co', today: '2026-11-24', soa: 'soa.yml' });
    expect(document.counts).toEqual({
      controls: 93,
      applicable: 2,
      not_applicable: 2,
      undecided: 89,
      implemented: 1,
      partial: 1,
      planned: 0,
      not_implemented: 0,
      covered: 2,
      overdue_only: 0,
      draft_only: 0,
      // The 89 undecided controls are not applicable-but-uncovered.
      uncovered: 0,
      excluded: 2,
    });
    expect(document.controls).toHaveLength(93);
    const a51 = document.controls.find((control: { id: string }) => control.id === 'A.5.1');
    expect(a51).toMatchObject({ applicable: true, implementation: 'implemented', coverage: 'covered', owners: ['@alice', 'security@example.com', '@bob'] });
    expect(a51.policies.map((policy: { id: string; review_state: string }) => `${policy.id} ${policy.review_state}`)).toEqual(['POL-AC-001 ok', 'POL-OLD-001 overdue']);
    expect(document.controls.find((control: { id: string }) => control.id === 'A.5.2').applicable).toBeNull();
  });
});

describe('isms soa errors', () => {
  it('writes nothing and exits 1 when the SoA cannot be read', async () => {
    const root = makeRepo({ ...ONE_POLICY, 'soa.yml': 'controls:\n  A.5.1: { applicable: true\n' });
    const { code, stdout, stderr } = await run(root, 'soa', '--output', 'SOA.md');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^soa\.yml:3:1 {2}error {2}Invalid YAML/);
    expect(stderr).toContain('Nothing was written');
    expect(() => readFileSync(path.join(root, 'SOA.md'))).toThrow();
  });

  it('renders an SoA with a bad entry without it, and exits 1', async () => {
    const root = makeRepo({ ...ONE_POLICY, 'soa.yml': 'controls:\n  A.5.1: { applicable: maybe }\n  A.7.1: { applicable: false }\n' });
    const { code, stdout, stderr } = await run(root, 'soa', '--format', 'json');
    expect(code).toBe(1);
    expect(JSON.parse(stdout).counts).toMatchObject({ not_applicable: 1, undecided: 92 });
    expect(stderr).toContain('soa.yml:2:24  error  Unexpected `"maybe"` for `applicable` of `A.5.1`');
    expect(stderr).toContain('soa.yml:3:3  error  `A.7.1` is marked not applicable without a justification');
  });

  it('rejects an unknown format as a usage error', async () => {
    const { code, stderr } = await run(makeRepo({}), 'soa', '--format', 'pdf');
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown format `pdf`: expected markdown, csv, json');
  });
});
