/**
 * Annotations: the budget GitHub allows per step, changed files first, and escaping of policy
 * text in workflow commands (`@actions/core` escapes; these tests hold it to that).
 */
import * as core from '@actions/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hiddenNote, logLine, planAnnotations } from '../src/format/annotations.js';
import type { Finding } from '../src/model/finding.js';

const finding = (file: string | null, severity: Finding['severity'], line = 1, message = 'm'): Finding => ({
  rule: severity === 'error' ? 'owner-invalid' : 'field-unknown',
  severity,
  file,
  line,
  column: 2,
  message,
});

describe('planAnnotations', () => {
  it('shows at most 10 errors and 10 warnings and counts the rest', () => {
    const findings = [
      ...Array.from({ length: 14 }, (_, index) => finding(`policies/e${index}.md`, 'error')),
      ...Array.from({ length: 12 }, (_, index) => finding(`policies/w${index}.md`, 'warning')),
    ];
    const plan = planAnnotations(findings);
    expect(plan.shown.filter((item) => item.level === 'error')).toHaveLength(10);
    expect(plan.shown.filter((item) => item.level === 'warning')).toHaveLength(10);
    expect(plan).toMatchObject({ hiddenErrors: 4, hiddenWarnings: 2 });
    expect(plan.hidden).toHaveLength(6);
    expect(hiddenNote(plan)).toMatch(/^4 errors and 2 warnings were not shown as annotations: GitHub shows at most 10/);
  });

  it('puts findings on changed files first, so the PR author sees them', () => {
    const findings = Array.from({ length: 12 }, (_, index) => finding(`policies/p${String(index).padStart(2, '0')}.md`, 'error'));
    const plan = planAnnotations(findings, { changedFiles: new Set(['policies/p11.md', 'policies/p10.md']) });
    expect(plan.shown.slice(0, 2).map((item) => item.properties.file)).toEqual(['policies/p10.md', 'policies/p11.md']);
    expect(plan.hidden.map((item) => item.file)).toEqual(['policies/p08.md', 'policies/p09.md']);
  });

  it('respects a smaller budget (room for the run\'s own warnings and failure line)', () => {
    const plan = planAnnotations([finding('a.md', 'error'), finding('b.md', 'error')], { maxErrors: 1 });
    expect(plan.shown).toHaveLength(1);
    expect(plan.hiddenErrors).toBe(1);
  });

  it('annotates ISMS-wide findings without a file', () => {
    expect(planAnnotations([finding(null, 'warning')]).shown[0]!.properties).toEqual({ title: 'field-unknown' });
  });

  it('says nothing when every finding was shown', () => {
    expect(hiddenNote({ hiddenErrors: 0, hiddenWarnings: 0 })).toBeNull();
    expect(hiddenNote({ hiddenErrors: 1, hiddenWarnings: 0 })).toMatch(/^1 error was not shown/);
  });
});

describe('escaping in workflow commands', () => {
  let written = '';
  afterEach(() => {
    vi.restoreAllMocks();
    written = '';
  });
  const capture = () =>
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written += String(chunk);
      return true;
    });

  it('keeps a hostile message and file name on one command line', () => {
    capture();
    const [annotation] = planAnnotations([
      finding('policies/a,b:c%.md', 'error', 3, 'Bad owner `x`\n::set-output name=pwned::1\r\n100% sure'),
    ]).shown;
    core.error(annotation!.message, annotation!.properties);
    const lines = written.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      '::error title=owner-invalid,file=policies/a%2Cb%3Ac%25.md,line=3,col=2::Bad owner `x`\\n::set-output name=pwned::1\\r\\n100%25 sure',
    );
  });

  it('makes plain log lines for hidden findings unable to start a command', () => {
    const line = logLine(finding('policies/a.md', 'warning', 4, 'x\n::error::injected\u2028y'));
    expect(line).not.toMatch(/[\n\r\u2028]/);
    expect(line.startsWith('policies/a.md:4:2')).toBe(true);
  });
});
