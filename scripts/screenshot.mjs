#!/usr/bin/env node
/**
 * Regenerates docs/report.png, the README's picture of the HTML report, from this
 * repository's own policies/ and soa.yml: renders the report with the built CLI,
 * opens it in headless Chromium (Debian's `chromium`, driven by playwright-core),
 * focuses one control so its details show, and saves the top of the page.
 *
 *   npm run build && node scripts/screenshot.mjs [--today 2026-11-24] [--control A.8.24] [--output docs/report.png]
 *
 * The date is fixed by default so the picture only changes when the ISMS does.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    today: { type: 'string', default: '2026-11-24' },
    control: { type: 'string', default: 'A.8.24' },
    output: { type: 'string', default: 'docs/report.png' },
  },
});
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`Chromium not found at ${executablePath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  process.exit(1);
}
const cli = path.join(root, 'dist/cli.js');
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(1);
}

const work = mkdtempSync(path.join(tmpdir(), 'isms-screenshot-'));
const html = path.join(work, 'report.html');
try {
  execFileSync(process.execPath, [cli, 'report', '--format', 'html', '--output', html, '--today', values.today], { cwd: root, stdio: 'inherit' });
  const context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1200, height: 1100 },
    deviceScaleFactor: 1,
  });
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    const cell = page.locator(`#c-${values.control.replace(/[^A-Za-z0-9]+/g, '-')}`);
    if ((await cell.count()) === 1) await cell.focus();
    const output = path.resolve(root, values.output);
    mkdirSync(path.dirname(output), { recursive: true });
    await page.screenshot({ path: output, fullPage: false });
    console.log(`wrote ${path.relative(root, output)}`);
  } finally {
    await context.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
