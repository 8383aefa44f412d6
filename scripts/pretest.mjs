#!/usr/bin/env node
/**
 * `npm test` runs this first, so the test command works alone on a fresh machine:
 * - `npm ci` when node_modules is missing or does not match package-lock.json (a package
 *   missing, or at another version than the lock says);
 * - Debian's `chromium` package when the browser the HTML report tests use is missing
 *   (`CHROMIUM_PATH`, default /usr/bin/chromium): installed with apt-get when we are root,
 *   else the exact command is printed and the run stops.
 * Plain Node and no dependencies: node_modules may not exist yet. `--dry-run` prints what
 * would be done and does nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Why node_modules under `root` does not match its package-lock.json, or null when it does.
 * npm keeps the installed tree in node_modules/.package-lock.json; every package the lock
 * needs (optional ones may be absent: platform binaries) must be there at the locked
 * version, with its package.json on disk.
 */
export function staleReason(root) {
  const lock = readJson(path.join(root, 'package-lock.json'));
  if (lock === undefined || typeof lock.packages !== 'object') return 'package-lock.json is missing or unreadable';
  if (!existsSync(path.join(root, 'node_modules'))) return 'node_modules is missing';
  const installed = readJson(path.join(root, 'node_modules', '.package-lock.json'));
  if (installed === undefined || typeof installed.packages !== 'object') return 'node_modules was not installed by npm (no node_modules/.package-lock.json)';
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || entry.link === true) continue;
    const have = installed.packages[key];
    if (have === undefined) {
      if (entry.optional === true) continue;
      return `${key} is not installed`;
    }
    if (have.version !== entry.version) return `${key} is ${have.version}, package-lock.json says ${entry.version}`;
    if (!existsSync(path.join(root, key, 'package.json'))) return `${key}/package.json is missing`;
  }
  return null;
}

/** What to do about Chromium: nothing, install it with apt-get, or stop with the command to run. */
export function chromiumPlan({ chromiumPath, isRoot, hasAptGet }) {
  if (existsSync(chromiumPath)) return { action: 'none' };
  if (chromiumPath !== DEFAULT_CHROMIUM) {
    return { action: 'fail', message: `CHROMIUM_PATH is ${chromiumPath}, which does not exist: point it at a Chromium binary, or unset it to use Debian's ${DEFAULT_CHROMIUM}.` };
  }
  if (isRoot && hasAptGet) return { action: 'install' };
  const why = `Chromium is missing at ${DEFAULT_CHROMIUM}: the HTML report is tested in a real browser.`;
  if (!hasAptGet) return { action: 'fail', message: `${why} Install Chromium and set CHROMIUM_PATH to it, then run \`npm test\` again.` };
  return { action: 'fail', message: `${why} Run \`sudo apt-get update && sudo apt-get install -y chromium\` (or set CHROMIUM_PATH), then \`npm test\` again.` };
}

function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some((folder) => folder !== '' && existsSync(path.join(folder, command)));
}

function run(command, args, env = process.env) {
  console.log(`pretest: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`pretest: \`${command} ${args.join(' ')}\` failed${result.error ? `: ${result.error.message}` : ` with exit ${result.status}`}`);
    process.exit(1);
  }
}

function main() {
  const dryRun = process.argv.includes('--dry-run');
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  process.chdir(root);

  const stale = staleReason(root);
  if (stale !== null) {
    console.log(`pretest: ${stale}: installing the locked dependencies`);
    if (!dryRun) run('npm', ['ci', '--no-audit', '--no-fund']);
  }

  const plan = chromiumPlan({
    chromiumPath: process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasAptGet: onPath('apt-get'),
  });
  if (plan.action === 'fail') {
    console.error(`pretest: ${plan.message}`);
    process.exit(1);
  }
  if (plan.action === 'install') {
    console.log(`pretest: ${DEFAULT_CHROMIUM} is missing: installing Debian's chromium package`);
    if (!dryRun) {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      run('apt-get', ['update', '-qq'], env);
      run('apt-get', ['install', '-y', '-qq', 'chromium'], env);
    }
  }
  if (dryRun && stale === null && plan.action === 'none') console.log('pretest: nothing to do');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
