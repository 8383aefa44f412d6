/**
 * The HTML report in real headless Chromium: self-contained (no request but the
 * file itself), no console errors (a CSP violation is one), hostile policy text
 * stays text, the coverage map works by keyboard, tables sort, colours meet
 * contrast AA, and it fits a phone. Screenshots go to test-output/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { launchChromium, type Browser } from './support/chromium.js';
import { makeRepo } from './support/repo.js';

// The callbacks given to page.evaluate run in the page; the project compiles without the DOM library.
interface PageElement {
  parentElement: PageElement | null;
}
declare const document: { activeElement: { id: string } | null; documentElement: { scrollWidth: number } };
declare function getComputedStyle(element: PageElement): { color: string; backgroundColor: string };

const XSS = '<img src=x onerror=alert(1)>';
const OUTPUT = path.resolve('test-output');

function policy(id: string, title: string, fields: string): string {
  return `---\nid: ${id}\ntitle: ${JSON.stringify(title)}\nowners: ["@alice"]\nstatus: approved\n${fields}---\n\n# ${title}\n`;
}

function hostileRepo(): string {
  return makeRepo({
    '.isms.yml': `organization: ${JSON.stringify('Acme <script>alert("org")</script>')}\n`,
    'soa.yml': [
      'controls:',
      '  A.5.1: { applicable: true, implementation: implemented }',
      `  A.7.1: { applicable: false, justification: ${JSON.stringify(`Remote ${XSS} only`)} }`,
      '  A.7.2: { applicable: false, justification: "No offices" }',
      '',
    ].join('\n'),
    'policies/xss.md': policy('POL-XSS-001', XSS, 'last_reviewed: 2026-06-01\niso27001:\n  controls: [A.5.1, A.5.15]\n  clauses: [4.3, 9.2.2]\n'),
    'policies/late.md': policy('POL-LATE-001', 'Backup </script><script>alert(2)</script>', 'last_reviewed: 2025-01-10\niso27001:\n  controls: [A.8.13]\n'),
    'policies/soon.md': policy('POL-SOON-001', 'Zebra "quoted" & <b>bold</b>', 'last_reviewed: 2025-12-10\niso27001:\n  controls: [A.5.2, A.7.1]\n'),
    'policies/alpha.md': policy('POL-ALPHA-001', 'Alpha', 'last_reviewed: 2026-10-01\niso27001:\n  controls: [A.6.3]\n'),
  });
}

async function writeReport(root: string, file: string): Promise<string> {
  const target = path.join(OUTPUT, file);
  let stderr = '';
  const code = await runCli(['report', '--format', 'html', '--output', target], {
    cwd: root,
    env: { ISMS_TODAY: '2026-11-24' },
    stdout: () => undefined,
    stderr: (text) => (stderr += text),
    isTTY: false,
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return target;
}

interface Watch {
  requests: string[];
  errors: string[];
  dialogs: string[];
}

async function open(browser: Browser | Error, file: string): Promise<{ page: Page; watch: Watch }> {
  // Without a browser every test fails with the reason, rather than being skipped.
  if (browser instanceof Error) throw browser;
  const page = await browser.context.newPage();
  const watch: Watch = { requests: [], errors: [], dialogs: [] };
  page.on('request', (request) => watch.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, watch };
}

/** WCAG relative luminance contrast of an element's text on its own background. */
async function contrasts(page: Page, selector: string): Promise<number[]> {
  return page.$$eval(selector, (elements) => {
    const channel = (value: number) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const luminance = (css: string) => {
      const [r, g, b] = css.match(/[\d.]+/g)!.map(Number);
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    };
    // The background an element's text is seen on: its own, else the nearest ancestor's that is not transparent.
    const background = (element: PageElement): string => {
      for (let current: PageElement | null = element; current; current = current.parentElement) {
        const colour = getComputedStyle(current).backgroundColor;
        if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
      }
      return 'rgb(255, 255, 255)';
    };
    return elements.map((element) => {
      const style = getComputedStyle(element);
      const [light, dark] = [luminance(style.color), luminance(background(element))].sort((a, b) => b - a);
      return (light! + 0.05) / (dark! + 0.05);
    });
  });
}

describe('HTML report in Chromium', () => {
  let browser: Browser | Error;
  let file: string;
  let html: string;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    file = await writeReport(hostileRepo(), 'report-test.html');
    html = readFileSync(file, 'utf8');
    browser = await launchChromium().catch((error: Error) => error);
  });

  afterAll(async () => {
    if (browser && !(browser instanceof Error)) await browser.close();
  });

  it('is one self-contained file: no request but its own, no console error, no script from policy text', async () => {
    const { page, watch } = await open(browser, file);
    await page.waitForTimeout(200);
    expect(watch.requests).toEqual([pathToFileURL(file).href]);
    expect(watch.errors).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    expect(await page.evaluate(() => performance.getEntriesByType('resource').length)).toBe(0);
    expect(await page.locator('img, iframe, object, embed, link[rel=stylesheet], script[src]').count()).toBe(0);
    // The hostile title is shown as the text it is, in the register and in the tooltip.
    await expect.poll(() => page.locator('#register-table td', { hasText: XSS }).count()).toBe(1);
    expect(await page.locator('.tip', { hasText: XSS }).count()).toBeGreaterThan(0);
    expect(await page.locator('h1').textContent()).toBe('ISMS report: Acme <script>alert("org")</script>');
    expect(await page.locator('script').count()).toBe(1);
    expect(html).toContain('content="default-src \'none\'; style-src \'sha256-');
    await page.close();
  });

  it('maps 93 controls by theme, each with an accessible name and state not told by colour alone', async () => {
    const { page } = await open(browser, file);
    expect(await page.locator('.grid .cell').count()).toBe(93);
    const perTheme = await page.$$eval('.grid', (grids) => grids.map((grid) => grid.querySelectorAll('.cell').length));
    expect(perTheme).toEqual([37, 8, 14, 34]);
    const cell = page.locator('#c-A-7-1');
    expect(await cell.getAttribute('aria-label')).toBe('A.7.1 Physical security perimeters: Not applicable');
    expect(await cell.textContent()).toBe('7.1–');
    expect(await page.locator('#c-A-8-13').getAttribute('data-state')).toBe('overdue-only');
    expect(await page.locator('#c-A-5-1 .glyph').textContent()).toBe('✓');
    expect(await page.locator('#c-A-5-3 .glyph').textContent()).toBe('✗');
    await page.close();
  });

  it('shows a control\'s details on keyboard focus (Tab), hides them on Escape, and on hover', async () => {
    const { page } = await open(browser, file);
    let focused = '';
    for (let presses = 0; presses < 20 && !focused.startsWith('c-'); presses++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    expect(focused).toBe('c-A-5-1');
    const tip = page.locator('#t-A-5-1');
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toContain('A.5.1 Policies for information security');
    expect(await tip.textContent()).toContain(`POL-XSS-001 ${XSS}: @alice; reviewed 2026-06-01, next 2027-06-01`);
    expect(await page.locator('#c-A-5-1').getAttribute('aria-describedby')).toBe('t-A-5-1');
    await page.screenshot({ path: path.join(OUTPUT, 'report-focus.png') });

    await page.keyboard.press('Escape');
    expect(await tip.isVisible()).toBe(false);
    await page.keyboard.press('Tab');
    expect(await page.locator('#t-A-5-2').isVisible()).toBe(true);
    expect(await tip.isVisible()).toBe(false);

    await page.locator('#c-A-7-1').hover();
    const excluded = page.locator('#t-A-7-1');
    expect(await excluded.isVisible()).toBe(true);
    expect(await excluded.textContent()).toContain(`Justification: Remote ${XSS} only`);
    await page.close();
  });

  it('sorts the policy register by a column, by mouse and by keyboard', async () => {
    const { page } = await open(browser, file);
    const ids = () => page.$$eval('#register-table tbody tr', (rows) => rows.map((row) => row.cells[0]!.textContent));
    const header = (name: string) => page.locator('#register-table thead th', { hasText: name });
    expect(await ids()).toEqual(['POL-ALPHA-001', 'POL-LATE-001', 'POL-SOON-001', 'POL-XSS-001']);

    await header('Next review').locator('button').click();
    expect(await ids()).toEqual(['POL-LATE-001', 'POL-SOON-001', 'POL-XSS-001', 'POL-ALPHA-001']);
    expect(await header('Next review').getAttribute('aria-sort')).toBe('ascending');
    await header('Next review').locator('button').click();
    expect(await ids()).toEqual(['POL-ALPHA-001', 'POL-XSS-001', 'POL-SOON-001', 'POL-LATE-001']);
    expect(await header('Next review').getAttribute('aria-sort')).toBe('descending');
    expect(await page.locator('#register-status').textContent()).toBe('Sorted by Next review, descending');

    await header('Title').locator('button').focus();
    await page.keyboard.press('Enter');
    // Symbols sort before letters: the title starting with `<` comes first.
    expect(await ids()).toEqual(['POL-XSS-001', 'POL-ALPHA-001', 'POL-LATE-001', 'POL-SOON-001']);
    expect(await header('Next review').getAttribute('aria-sort')).toBeNull();
    await page.keyboard.press('Space');
    expect(await header('Title').getAttribute('aria-sort')).toBe('descending');
    await page.close();
  });

  it('lists reviews due and overdue, clause coverage and findings', async () => {
    const { page } = await open(browser, file);
    const due = await page.$$eval('#reviews tbody tr', (rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent).join(' | ')));
    expect(due).toEqual([
      expect.stringMatching(/^POL-LATE-001 \| Backup <\/script><script>alert\(2\)<\/script>policies\/late\.md \| @alice \| 2026-01-10 \| 318 days overdue \| Overdue$/),
      expect.stringMatching(/^POL-SOON-001 .* \| 2026-12-10 \| in 16 days \| Due soon$/),
    ]);
    const clause = (id: string) => page.$eval(`#clauses tbody tr:nth-child(${id})`, (row) => row.textContent);
    expect(await page.locator('#clauses tbody tr').count()).toBeGreaterThan(30);
    expect(await clause('4')).toMatch(/^4\.3.*Yes✓ CoveredPOL-XSS-001$/);
    const findings = await page.$$eval('#findings tbody tr td:nth-child(3)', (cells) => cells.map((cell) => cell.textContent));
    expect(findings).toContain('control-excluded-but-mapped');
    expect(findings).toContain('review-overdue');
    await page.close();
  });

  it('meets WCAG AA contrast for cells, badges, legend and text', async () => {
    const { page } = await open(browser, file);
    for (const selector of ['.grid .cell', '.badge', '.swatch', 'body', '.note', '.kpis div']) {
      const ratios = await contrasts(page, selector);
      expect(ratios.length, selector).toBeGreaterThan(0);
      expect(Math.min(...ratios), selector).toBeGreaterThanOrEqual(4.5);
    }
    await page.close();
  });

  it('fits a phone without sideways scrolling of the page, and prints without the navigation', async () => {
    const { page } = await open(browser, file);
    await page.setViewportSize({ width: 375, height: 812 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: path.join(OUTPUT, 'report-phone.png'), fullPage: false });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').isVisible()).toBe(false);
    expect(await page.locator('#register-table').isVisible()).toBe(true);
    await page.close();
  });
});
