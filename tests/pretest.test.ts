/**
 * scripts/pretest.mjs, which `npm test` runs first so the test command works alone on a
 * fresh machine: when it installs the locked dependencies and when it installs Chromium.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain-JavaScript script without type declarations (it runs before node_modules exists)
import { chromiumPlan, DEFAULT_CHROMIUM, staleReason } from '../scripts/pretest.mjs';

type Plan = { action: 'none' | 'install' | 'fail'; message?: string };
const plan = chromiumPlan as (options: { chromiumPath: string; isRoot: boolean; hasAptGet: boolean }) => Plan;
const stale = staleReason as (root: string) => string | null;

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A project with a lock of two packages (one optional), installed as `installed` says. */
function project(installed: Record<string, string> | 'none' | 'no-hidden-lock'): string {
  const root = mkdtempSync(path.join(tmpdir(), 'isms-pretest-'));
  folders.push(root);
  const lock = {
    lockfileVersion: 3,
    packages: {
      '': { name: 'p' },
      'node_modules/yaml': { version: '2.9.1' },
      'node_modules/@esbuild/darwin-arm64': { version: '0.28.2', optional: true },
    },
  };
  writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify(lock));
  if (installed === 'none') return root;
  mkdirSync(path.join(root, 'node_modules'));
  if (installed === 'no-hidden-lock') return root;
  const packages: Record<string, { version: string }> = {};
  for (const [key, version] of Object.entries(installed)) {
    packages[key] = { version };
    mkdirSync(path.join(root, key), { recursive: true });
    writeFileSync(path.join(root, key, 'package.json'), '{}');
  }
  writeFileSync(path.join(root, 'node_modules/.package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages }));
  return root;
}

describe('pretest: node_modules', () => {
  it('installs when node_modules is missing, was not made by npm, lacks a package or has another version', () => {
    expect(stale(project('none'))).toBe('node_modules is missing');
    expect(stale(project('no-hidden-lock'))).toMatch(/not installed by npm/);
    expect(stale(project({}))).toBe('node_modules/yaml is not installed');
    expect(stale(project({ 'node_modules/yaml': '2.8.0' }))).toBe('node_modules/yaml is 2.8.0, package-lock.json says 2.9.1');
  });

  it('leaves a tree that matches the lock alone (optional platform packages may be absent)', () => {
    expect(stale(project({ 'node_modules/yaml': '2.9.1' }))).toBeNull();
  });

  it("finds this repository's own node_modules up to date, so `npm test` here never reinstalls", () => {
    expect(stale(process.cwd())).toBeNull();
  });
});

describe('pretest: Chromium', () => {
  it('installs Debian’s chromium only as root with apt-get, else stops with the exact command', () => {
    const missing = '/nonexistent/chromium';
    expect(plan({ chromiumPath: process.execPath, isRoot: false, hasAptGet: false })).toEqual({ action: 'none' });
    if (DEFAULT_CHROMIUM === '/usr/bin/chromium') {
      const absent = (options: { isRoot: boolean; hasAptGet: boolean }) => plan({ chromiumPath: DEFAULT_CHROMIUM, ...options });
      // Only meaningful where Debian's Chromium is not installed yet.
      if (absent({ isRoot: true, hasAptGet: true }).action !== 'none') {
        expect(absent({ isRoot: true, hasAptGet: true })).toEqual({ action: 'install' });
        expect(absent({ isRoot: false, hasAptGet: true }).message).toContain('`sudo apt-get update && sudo apt-get install -y chromium`');
        expect(absent({ isRoot: true, hasAptGet: false }).message).toContain('set CHROMIUM_PATH');
      }
    }
    expect(plan({ chromiumPath: missing, isRoot: true, hasAptGet: true }).message).toContain(`CHROMIUM_PATH is ${missing}, which does not exist`);
  });

  it('stops `npm test` with one line and exit 1 when CHROMIUM_PATH points nowhere', () => {
    const result = spawnSync(process.execPath, ['scripts/pretest.mjs', '--dry-run'], { encoding: 'utf8', env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' } });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining('pretest: CHROMIUM_PATH is /nonexistent/chromium')]);
  });
});
