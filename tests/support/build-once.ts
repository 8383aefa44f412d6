/**
 * vitest globalSetup: rebuilds dist/ once per test run when any source is newer than the
 * bundles, so tests that run `dist/index.js` or `dist/cli.js` as a user would never test a
 * stale bundle. A fresh dist/ costs one directory walk.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bundles = ['dist/index.js', 'dist/cli.js'].map((file) => path.join(root, file));
const sources = ['src', 'scripts/build.mjs', 'package-lock.json'].map((file) => path.join(root, file));

function newest(entry: string): number {
  let stat;
  try {
    stat = statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(entry)) latest = Math.max(latest, newest(path.join(entry, name)));
  return latest;
}

function oldest(files: readonly string[]): number {
  let earliest = Infinity;
  for (const file of files) {
    try {
      earliest = Math.min(earliest, statSync(file).mtimeMs);
    } catch {
      return 0; // missing bundle: build
    }
  }
  return earliest;
}

export default function setup(): void {
  const source = Math.max(...sources.map(newest));
  if (oldest(bundles) >= source) return;
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
}
