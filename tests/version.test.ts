/** The version users see (`isms --version`, the JSON report, SARIF) is package.json's. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { TOOL_NAME, TOOL_VERSION } from '../src/version.js';

const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as { name: string; version: string };

it('src/version.ts matches package.json', () => {
  expect(TOOL_NAME).toBe(pkg.name);
  expect(TOOL_VERSION).toBe(pkg.version);
});

it('the built dist/cli.js reports the same version', () => {
  const run = spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../dist/cli.js'), '--version'], { encoding: 'utf8' });
  expect(run.status).toBe(0);
  expect(run.stdout).toBe(`${pkg.version}\n`);
});
