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
      '  A.8.13: { applicable: true, implementation: implemented }',
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
    // The SoA does not decide A.5.3: undecided, not "not covered".
    expect(await page.locator('#c-A-5-3 .glyph').textContent()).toBe('?');
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
      expect.stringMatching(/^POL-LATE-001 \| Overdue \| 318 days overdue \| Backup <\/script><script>alert\(2\)<\/script>policies\/late\.md \| @alice \| 2026-01-10$/),
      expect.stringMatching(/^POL-SOON-001 \| Due soon \| in 16 days \| .* \| 2026-12-10$/),
    ]);
    const clause = (id: string) => page.$eval(`#clauses tbody tr:nth-child(${id})`, (row) => row.textContent);
    expect(await page.locator('#clauses tbody tr').count()).toBeGreaterThan(30);
    expect(await clause('4')).toMatch(/^4\.3✓ Covered.*YesPOL-XSS-001$/);
    const findings = await page.$$eval('#findings tbody tr td:nth-child(4)', (cells) => cells.map((cell) => cell.textContent));
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

/** Folders deep enough that the path is wider than a phone, each name a word that must not be cut. */
const LONG_PATH = 'policies/information-security-management/operational-procedures/identity-and-access-management/privileged-access-review-procedure.md';

function auditorRepo(): string {
  const ids = Array.from({ length: 40 }, (_, index) => `A.5.${index < 37 ? index + 1 : index - 36}`);
  return makeRepo({
    'soa.yml': [
      'controls:',
      '  A.5.1: { applicable: true, implementation: implemented }',
      '  A.5.2: { applicable: true, implementation: planned }',
      '  A.5.4: { applicable: true, implementation: partial }',
      '  A.7.1: { applicable: false, justification: "Fully remote" }',
      '',
    ].join('\n'),
    'evidence/board-minutes-2026-05.pdf': 'minutes',
    'policies/signed.md': `---\nid: POL-IS-001\ntitle: Information security policy\nowners: ["@alice"]\napprover: "@bob"\napproved_on: 2026-05-02\nstatus: approved\nlast_reviewed: 2026-05-01\nevidence: [evidence/board-minutes-2026-05.pdf]\niso27001:\n  controls: [A.5.1]\n  clauses: [5.2]\n---\n\n# Information security policy\n`,
    [LONG_PATH]: `---\nid: PRC-PAR-001\ntitle: Privileged access review\napprover: "@bob"\nstatus: approved\nlast_reviewed: 2026-06-01\niso27001:\n  controls: [A.5.3]\n---\n\n# Privileged access review\n`,
    'policies/draft.md': `---\nid: POL-DR-001\ntitle: Supplier security (draft)\nowners: ["@carol"]\nstatus: draft\niso27001:\n  controls: [A.5.4]\n  clauses: [10.2]\n---\n\n# Supplier security\n`,
    // A finding whose message lists many ids: a 40-id mapping of which every one is cited in the body.
    'policies/cited.md': `---\nid: POL-CI-001\ntitle: Cited\nowners: ["@dave"]\napprover: "@bob"\nstatus: approved\nlast_reviewed: 2026-06-01\niso27001:\n  controls: [A.5.1]\n---\n\n# Cited\n\nSee ${ids.join(', ')}.\n`,
  });
}

async function writeAnyReport(root: string, file: string): Promise<string> {
  const target = path.join(OUTPUT, file);
  await runCli(['report', '--format', 'html', '--output', target], { cwd: root, env: { ISMS_TODAY: '2026-11-24' }, stdout: () => undefined, stderr: () => undefined, isTTY: false });
  return target;
}

describe('HTML report: what an auditor looks for first', () => {
  let browser: Browser | Error;
  let file: string;
  let html: string;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    file = await writeAnyReport(auditorRepo(), 'report-auditor.html');
    html = readFileSync(file, 'utf8');
    browser = await launchChromium().catch((error: Error) => error);
  });

  afterAll(async () => {
    if (browser && !(browser instanceof Error)) await browser.close();
  });

  const row = (page: Page, id: string) => page.locator('#register-table tbody tr', { has: page.locator('th', { hasText: id }) });

  it('shows a document with no owner as a problem in its row, never a green OK', async () => {
    const { page, watch } = await open(browser, file);
    const orphan = row(page, 'PRC-PAR-001');
    expect(await orphan.getAttribute('class')).toBe('problem');
    expect(await orphan.locator('.badge', { hasText: 'No owner' }).count()).toBe(2); // the Problem and the Owners cells
    expect(await orphan.locator('.b-ok').count()).toBe(0);
    // A document that is fine keeps its green OK and says it has no problem.
    expect(await row(page, 'POL-IS-001').locator('.b-ok').count()).toBe(1);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('tells undecided controls from applicable ones no policy covers, and drafts from covered, with a legend', async () => {
    const { page } = await open(browser, file);
    const state = (id: string) => page.locator(`#c-${id}`).getAttribute('data-state');
    expect([await state('A-5-1'), await state('A-5-2'), await state('A-5-3'), await state('A-5-4'), await state('A-7-1')]).toEqual([
      'covered',
      'uncovered',
      'undecided', // mapped by PRC-PAR-001, but the SoA decides nothing: never counted as applicable
      'draft-only',
      'excluded',
    ]);
    const look = (id: string) =>
      page.$eval(`#c-${id}`, (element) => {
        const style = getComputedStyle(element as unknown as PageElement) as unknown as { backgroundColor: string; borderTopStyle: string };
        return `${style.backgroundColor} ${style.borderTopStyle}`;
      });
    expect(await look('A-5-3')).not.toBe(await look('A-5-2'));
    expect(await look('A-5-4')).not.toBe(await look('A-5-1'));
    const legend = await page.locator('.legend').textContent();
    expect(legend).toContain('Undecided (89)');
    expect(legend).toContain('Only by drafts (1)');
    expect(legend).toContain('Not covered (1)');
    expect(await page.locator('.kpis').textContent()).toContain('Applicable controls covered1 / 3');
    await page.close();
  });

  it('has approver, approval date and evidence columns in the register', async () => {
    const { page } = await open(browser, file);
    const heads = await page.$$eval('#register-table thead th', (cells) => cells.map((cell) => cell.textContent));
    expect(heads).toEqual(expect.arrayContaining(['Approver', 'Approved', 'Evidence']));
    const cells = await row(page, 'POL-IS-001').locator('td').allTextContents();
    expect(cells).toEqual(expect.arrayContaining(['@bob', '2026-05-02', 'evidence/board-minutes-2026-05.pdf']));
    await page.close();
  });

  it('renders code spans in messages as <code> and folds a long id list behind "+N more"', async () => {
    const { page } = await open(browser, file);
    // Messages use backticks; none is shown raw.
    const messages = page.locator('#findings td.message');
    expect(await messages.count()).toBeGreaterThan(0);
    for (const text of await messages.allTextContents()) expect(text).not.toContain('`');
    expect(await page.locator('#findings td.message code').count()).toBeGreaterThan(0);
    // soa-control-missing names 89 undecided ids: ten are shown, the rest folded.
    const listing = page.locator('#findings tr', { hasText: 'soa-control-missing' }).locator('td.message');
    const more = listing.locator('details.more');
    expect(await more.count()).toBe(1);
    expect(await more.locator('summary').textContent()).toBe('+79 more');
    expect(await more.locator('code').first().isVisible()).toBe(false);
    const shown = await listing.locator(':scope > code').allTextContents();
    expect(shown.filter((text) => /^A\.\d/.test(text))).toHaveLength(10);
    await more.locator('summary').click();
    expect(await more.locator('code').first().isVisible()).toBe(true);
    // The 40 ids cited in a body but not mapped are folded too, when that rule reports them.
    expect(html).not.toMatch(/`A\.5\.\d+`/);
    await page.close();
  });

  it('wraps a long file path after a `/`, never inside a folder name, with no sideways overflow at 375 px', async () => {
    const { page } = await open(browser, file);
    await page.setViewportSize({ width: 375, height: 812 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const span = row(page, 'PRC-PAR-001').locator('.file');
    expect(await span.textContent()).toBe(LONG_PATH);
    const layout = await span.evaluate((element) => {
      type Box = { getClientRects(): ArrayLike<{ top: number }>; getBoundingClientRect(): { top: number }; textContent: string };
      const node = element as unknown as Box & { querySelectorAll(selector: string): ArrayLike<Box> };
      // Each name with its slash is one box; a name cut in two would sit on two lines.
      const lines = Array.from(node.querySelectorAll('.seg')).map((segment) => ({
        text: segment.textContent,
        boxes: new Set(Array.from(segment.getClientRects()).map((rect) => Math.round(rect.top))).size,
        top: Math.round(segment.getBoundingClientRect().top),
      }));
      return { lines, rows: new Set(lines.map((line) => line.top)).size };
    });
    expect(layout.lines.map((line) => line.text)).toEqual(LONG_PATH.split('/').map((part, index, parts) => (index < parts.length - 1 ? `${part}/` : part)));
    for (const line of layout.lines) expect(line.boxes, line.text).toBe(1);
    // It does wrap (the path is wider than a phone), so the breaks are at the slashes.
    expect(layout.rows).toBeGreaterThan(1);
    expect(html).toContain('identity-and-access-management/</span><wbr>');
    await page.close();
  });

  it('puts the columns that matter first at 375 px and shows when a table scrolls sideways', async () => {
    const { page } = await open(browser, file);
    await page.setViewportSize({ width: 375, height: 812 });
    // The scripts react to the resize: wait for the cue rather than for a time.
    const frame = page.locator('.scroll-frame', { has: page.locator('#register-table') });
    await expect.poll(() => frame.getAttribute('class'), { timeout: 3000 }).toContain('more-right');
    const visible = async (table: string) =>
      page.$$eval(`${table} thead th`, (cells) =>
        cells
          .filter((cell) => {
            const box = (cell as unknown as { getBoundingClientRect(): { left: number; right: number } }).getBoundingClientRect();
            return box.left >= 0 && box.right <= 375;
          })
          .map((cell) => cell.textContent),
      );
    expect((await visible('#register-table')).slice(0, 3)).toEqual(['ID', 'State', 'Problem']);
    expect((await visible('#clauses table')).slice(0, 2)).toEqual(['Clause', 'Coverage']);
    expect((await visible('#findings table')).slice(0, 2)).toEqual(['Severity', 'Problem']);
    // The cue: a visible shadow on the right and a line of text, and a focusable, labelled region.
    expect(await frame.locator('.scroll-hint').isVisible()).toBe(true);
    const shadow = () => frame.evaluate((element) => getComputedStyle(element as unknown as PageElement) && (globalThis as unknown as { getComputedStyle(e: unknown, p: string): { opacity: string } }).getComputedStyle(element, '::after').opacity);
    expect(await shadow()).toBe('1');
    const region = frame.locator('.scroll');
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await region.getAttribute('aria-label')).toContain('Policy register table');
    // Scrolled to the end, the cue moves to the left.
    await region.evaluate((element) => {
      const scroller = element as unknown as { scrollLeft: number; scrollWidth: number; dispatchEvent(event: unknown): void };
      scroller.scrollLeft = scroller.scrollWidth;
    });
    await expect.poll(() => frame.getAttribute('class'), { timeout: 3000 }).toContain('more-left');
    expect(await frame.getAttribute('class')).not.toContain('more-right');
    await page.screenshot({ path: path.join(OUTPUT, 'report-auditor-phone.png') });
    // At desktop width a table that fits shows no cue.
    await page.setViewportSize({ width: 1280, height: 900 });
    const clauses = page.locator('#clauses .scroll-frame');
    await expect.poll(() => clauses.getAttribute('class'), { timeout: 3000 }).toBe('scroll-frame');
    expect(await clauses.locator('.scroll-hint').isVisible()).toBe(false);
    await page.close();
  });
});
