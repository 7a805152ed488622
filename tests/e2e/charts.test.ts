import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONSEQUENCE_COLUMN_CODES, CONSEQUENCE_COLUMN_SHORT, type OffenseEntryData } from '@kb/contracts';
import { createDatabase, type Database } from '@kb/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { artifactsDir, type BrowserEnv, startBrowserEnv } from '../support/browser';
import { repoRoot } from '../support/processes';

/*
 * Quick reference charts in Chromium: the California chart on a phone (every column of a row
 * on screen, nothing cut off), a state without a chart, a row's own page, the search answer
 * for a citation, and an editor changing a row. With UPDATE_SCREENSHOTS=1 the screenshots
 * also go to docs/screenshots/ (checked by eye, committed, shown in the README).
 */

const POLL = { timeout: 15_000, interval: 100 };
const PASSWORD = 'charts-journey-password-1';
const reader = 'reader@demo.example.org';
const editor = 'editor@demo.example.org';
const screenshotDirs = [
  artifactsDir,
  ...(process.env.UPDATE_SCREENSHOTS ? [path.join(repoRoot, 'docs', 'screenshots')] : []),
];

/** The seeded row for PC 273.5(a), as the seed file writes it: what the page must show. */
const seeded = (
  JSON.parse(readFileSync(path.join(repoRoot, 'db', 'seed', 'offenses', 'us-ca.json'), 'utf8')) as Array<{
    entry: OffenseEntryData;
  }>
).map((row) => row.entry);
const pc2735 = seeded.find((entry) => entry.statutes.some((s) => /§ 273\.5\(a\)/.test(s)));
if (!pc2735) throw new Error('the seed has no PC 273.5(a) row');

let env: BrowserEnv;
let db: Database;

/** A screenshot of the viewport, or of one element cut from the whole page (no sticky bar drawn over it). */
async function screenshot(page: Page, name: string, element?: ReturnType<Page['locator']>) {
  const box = element ? await element.boundingBox() : null;
  const scroll = (await page.evaluate('({ x: window.scrollX, y: window.scrollY })')) as { x: number; y: number };
  const margin = 8;
  const clip = box
    ? {
        x: Math.max(0, box.x + scroll.x - margin),
        y: Math.max(0, box.y + scroll.y - margin),
        width: box.width + 2 * margin,
        height: box.height + 2 * margin,
      }
    : undefined;
  for (const dir of screenshotDirs) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, name), ...(clip ? { fullPage: true, clip } : {}) });
  }
}

const signedIn = (email: string, viewport?: { width: number; height: number }) =>
  env.signedInPage(email, PASSWORD, viewport);

/** Nothing wider than the viewport: the document does not scroll sideways and no element sticks out. */
const OVERFLOW_REPORT = `(() => ({
  scrollWidth: document.documentElement.scrollWidth,
  viewport: window.innerWidth,
  outside: [...document.querySelectorAll('main *')]
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && (r.right > window.innerWidth + 0.5 || r.left < -0.5); })
    .slice(0, 5)
    .map((el) => el.tagName + '.' + el.className + ': ' + (el.textContent ?? '').slice(0, 40)),
}))()`;

beforeAll(async () => {
  env = await startBrowserEnv();
  db = createDatabase(env.databaseUrl, { max: 2 });
  // The demo accounts' passwords are generated per installation: give them a known one.
  await env.setPassword([reader, editor], PASSWORD);
}, 240_000);
afterAll(async () => {
  await db?.$client.end();
  await env?.close();
});

describe('quick reference charts in Chromium', () => {
  it('at 390 × 844 the California chart shows every column of PC 273.5 without sideways scrolling (acceptance 4)', async () => {
    const { page, errors } = await signedIn(reader, { width: 390, height: 844 });
    await page.goto('/charts/us-ca');
    const card = page.getByRole('article').filter({ hasText: 'Cal. Penal Code § 273.5(a)' });
    await card.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await card.count()).toBe(1);

    // Every column: its heading and the seeded cell, in full.
    const items = card.locator('dl > div');
    for (const column of CONSEQUENCE_COLUMN_CODES) {
      const item = items.filter({ has: page.locator('dt', { hasText: CONSEQUENCE_COLUMN_SHORT[column] }) });
      expect(await item.count(), column).toBe(1);
      const text = (await item.locator('dd').textContent()) ?? '';
      const assessment = pc2735.assessments[column];
      if (assessment) {
        expect(text, column).toContain(assessment.summary);
        expect(text, column).toMatch(new RegExp(assessment.outcome, 'i'));
      } else expect(text, column).toMatch(/unclear/i);
    }
    const alternatives = (await items.filter({ hasText: 'Safer alternatives' }).textContent()) ?? '';
    for (const alternative of pc2735.saferAlternatives) expect(alternatives).toContain(alternative.advice);
    expect(await card.textContent()).toContain(pc2735.offenseName);

    // Nothing cut off: the document is no wider than the phone, and no element sticks out of it.
    const report = (await page.evaluate(OVERFLOW_REPORT)) as {
      scrollWidth: number;
      viewport: number;
      outside: string[];
    };
    expect(report.outside).toEqual([]);
    expect(report.scrollWidth).toBeLessThanOrEqual(390);
    // The table is the wide screens' layout; on a phone the cards replace it.
    expect(await page.locator('table').isVisible()).toBe(false);

    await screenshot(page, 'chart-phone-pc-273-5.png', card);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('filters by citation and by outcome, sorts from the headers, and every row opens its own page — by keyboard', async () => {
    const { page, errors } = await signedIn(reader);
    await page.goto('/charts/us-ca');
    const table = page.getByRole('table');
    await table.waitFor({ state: 'visible', timeout: 15_000 });
    const bodyRows = table.locator('tbody tr');
    const all = await bodyRows.count();
    expect(all).toBeGreaterThan(10);
    expect(await table.locator('caption').textContent()).toMatch(/California/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'chart-table.png');

    // A citation in any form finds the row; a partial one finds the rows it could mean.
    const filter = page.getByLabel('Statute or words');
    await filter.fill('273.5 PC');
    await expect.poll(() => bodyRows.count(), POLL).toBe(1);
    expect(await bodyRows.first().textContent()).toContain('273.5');
    await filter.fill('PC 273');
    await expect.poll(() => bodyRows.count(), POLL).toBeGreaterThan(1);
    await filter.fill('');
    await expect.poll(() => bodyRows.count(), POLL).toBe(all);

    // "Offenses that are not aggravated felonies".
    await page.getByLabel('Consequence').selectOption('aggravated_felony');
    await page.getByLabel('Outcome').selectOption('no');
    await page.waitForURL(/consequence=aggravated_felony/);
    const shown = await bodyRows.count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(all);
    for (const cell of await bodyRows.locator('td:nth-child(3)').allTextContents()) expect(cell).toMatch(/^\W*No/);
    // The filter is in the address: a reload keeps it.
    await page.reload();
    await expect.poll(() => bodyRows.count(), POLL).toBe(shown);

    // Sorting from a header, by keyboard: the header says how the table is sorted.
    const gradeHeader = table.getByRole('columnheader', { name: /Grade and maximum/ });
    await gradeHeader.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => gradeHeader.getAttribute('aria-sort'), POLL).toBe('ascending');
    await page.keyboard.press('Enter');
    await expect.poll(() => gradeHeader.getAttribute('aria-sort'), POLL).toBe('descending');

    // Tab reaches a row's link; Enter opens the row's page.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    // Typing right after the cleared address, before it has rendered, must not bring the old
    // filters back (the change starts from the live address, not the last rendered one).
    await page.waitForURL((url) => !url.searchParams.has('consequence'));
    await filter.fill('PC 273.5');
    await expect.poll(() => bodyRows.count(), POLL).toBe(1);
    await filter.focus();
    let onRowLink = false;
    for (let i = 0; i < 40 && !onRowLink; i++) {
      await page.keyboard.press('Tab');
      onRowLink = (await page.evaluate(
        'document.activeElement?.closest("tbody") !== null && document.activeElement?.tagName === "A"',
      )) as boolean;
    }
    expect(onRowLink).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/charts/us-ca/pc-273-5-a');

    // The row's page: every assessment with its outcome in words, authorities, alternatives, review.
    await page.getByRole('heading', { level: 1, name: pc2735.offenseName }).waitFor({ timeout: 15_000 });
    const consequences = page.getByRole('region', { name: 'Immigration consequences' });
    expect(await consequences.getByRole('heading', { level: 3 }).count()).toBe(CONSEQUENCE_COLUMN_CODES.length);
    const af = pc2735.assessments.aggravated_felony;
    if (af) {
      const section = consequences.getByRole('region', { name: /Aggravated felony/ });
      expect(await section.textContent()).toContain(af.summary);
      for (const authority of af.authorities) expect(await section.textContent()).toContain(authority);
    }
    expect(await page.getByText('Last reviewed').count()).toBeGreaterThan(0);
    expect(await page.getByRole('region', { name: 'Safer alternatives' }).textContent()).toContain(
      pc2735.saferAlternatives[0]?.advice ?? '',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'chart-entry.png');
    expect(errors).toEqual([]);
  }, 120_000);

  it('a state without a chart says so, lists the federal rules and the nearest guidance (acceptance 5)', async () => {
    const { page, errors } = await signedIn(reader, { width: 390, height: 844 });
    await page.goto('/charts/us-az');
    await page.getByRole('heading', { name: 'No offense chart for Arizona yet' }).waitFor({ timeout: 15_000 });
    const notice = page.getByRole('region', { name: 'No offense chart for Arizona yet' });
    expect(await notice.textContent()).toMatch(/does not\s+mean a conviction there is safe/);
    expect(await notice.getByRole('heading', { name: 'Federal rules that apply everywhere' }).count()).toBe(1);
    expect(await notice.locator('ul').last().locator('li').count()).toBeGreaterThan(0);
    expect(await notice.getByRole('heading', { name: 'Nearest covered guidance' }).count()).toBe(1);
    expect(await page.getByText(/no results/i).count()).toBe(0);
    const report = (await page.evaluate(OVERFLOW_REPORT)) as { scrollWidth: number; outside: string[] };
    expect(report.outside).toEqual([]);
    expect(report.scrollWidth).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'chart-coverage-arizona.png');

    // The charts index lists California and reaches any other state.
    await page.getByRole('link', { name: 'Charts' }).first().click();
    await page.waitForURL('**/charts');
    await page
      .getByRole('link', { name: /California/ })
      .first()
      .waitFor({ timeout: 15_000 });
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('a citation search shows the chart row above the hits; a partial citation offers the rows it could mean', async () => {
    const { page, errors } = await signedIn(reader);
    await page.goto(`/?q=${encodeURIComponent('PC 273.5')}`);
    const answer = page.getByRole('region', { name: /Chart answer for/ });
    await answer.waitFor({ timeout: 15_000 });
    expect(await answer.textContent()).toContain(pc2735.offenseName);
    expect(await answer.locator('dt').allTextContents()).toEqual([
      ...CONSEQUENCE_COLUMN_CODES.map((c) => CONSEQUENCE_COLUMN_SHORT[c]),
    ]);
    expect(await answer.getByRole('link', { name: pc2735.offenseName }).getAttribute('href')).toBe(
      '/charts/us-ca/pc-273-5-a',
    );
    // The answer card (the search page around it is the search feature's).
    expect(await seriousViolations(page, 'section[aria-labelledby="answer-heading"]')).toEqual([]);

    await page.goto(`/?q=${encodeURIComponent('PC 273')}`);
    const candidates = page.getByRole('region', { name: /could mean/ });
    await candidates.waitFor({ timeout: 15_000 });
    expect(await candidates.getByRole('listitem').count()).toBeGreaterThan(1);
    expect(errors).toEqual([]);
  }, 120_000);
  // Last: it changes the seeded PC 273.5(a) row the journeys above read.
  it('an editor changes the row in the editor form and publishes it: the chart shows it, the history names the change', async () => {
    const { page, errors } = await signedIn(editor);
    const { rows } = await db.$client.query<{ id: string }>('select id from documents where slug = $1', [
      'us-ca-pc-273-5-a',
    ]);
    const id = rows[0]?.id;
    if (!id) throw new Error('no PC 273.5(a) entry');
    await page.goto(`/editor/${id}`);
    const af = page.getByRole('group', { name: /^Aggravated felony \(INA/ });
    await af.waitFor({ timeout: 15_000 });
    await af.getByLabel('Outcome').selectOption('yes');
    await af.getByLabel(/^Summary/).fill('Browser test: an aggravated felony whatever the sentence.');
    const saved = page.getByRole('status').filter({ hasText: /Saved|Saving|Unsaved|Not saved|Conflict/ });
    await expect.poll(() => saved.textContent(), { timeout: 15_000 }).toMatch(/^Saved/);
    await page.getByRole('button', { name: 'Publish changes' }).click();
    await page.getByText('Published: readers and search see this version now.').waitFor({ timeout: 15_000 });
    // The chart row's form (the editor around it is the editor feature's).
    expect(await seriousViolations(page, 'main fieldset')).toEqual([]);

    await page.goto(`/charts/us-ca?q=${encodeURIComponent('PC 273.5(a)')}`);
    const afCell = page.getByRole('table').locator('tbody tr').first().locator('td:nth-child(3)');
    await expect.poll(() => afCell.textContent(), POLL).toMatch(/^\W*Yes.*whatever the sentence/);

    await page.goto(`/editor/${id}?tab=history`);
    await page.getByRole('rowheader', { name: 'Chart row: Aggravated felony › outcome' }).waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
  }, 120_000);
});
