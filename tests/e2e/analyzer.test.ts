import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createUser, seedOffenseEntries } from '@kb/api/testing';
import { createDatabase } from '@kb/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { artifactsDir, type BrowserEnv, startBrowserEnv } from '../support/browser';
import { repoRoot } from '../support/processes';

/*
 * The plea consequence analyzer in Chromium at phone width: PC 273.5 with 365 days against 364
 * days side by side, the aggravated-felony row highlighted with what changed, each finding
 * opened by keyboard, axe-core clean, no sideways scrolling; then the record saved and its memo.
 * With UPDATE_SCREENSHOTS=1 the screenshots also go to docs/screenshots/.
 */

const POLL = { timeout: 20_000, interval: 100 };
const lawyer = { email: 'analyzer-lawyer@test.example.org', password: 'analyzer-journey-password-1' };
const screenshotDirs = [
  artifactsDir,
  ...(process.env.UPDATE_SCREENSHOTS ? [path.join(repoRoot, 'docs', 'screenshots')] : []),
];

let env: BrowserEnv;

async function screenshot(page: Page, name: string, fullPage = false) {
  for (const dir of screenshotDirs) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, name), fullPage });
  }
}

beforeAll(async () => {
  env = await startBrowserEnv();
  const db = createDatabase(env.databaseUrl, { max: 2 });
  await seedOffenseEntries(db);
  await createUser(db, { ...lawyer, name: 'Pat Defender', role: 'reader' });
  await db.$client.end();
}, 240_000);
afterAll(() => env?.close());

describe('the plea consequence analyzer in Chromium', () => {
  it('acceptance 3: PC 273.5 with 365 against 364 days, side by side at 390 px, the aggravated felony highlighted', async () => {
    const { page, errors } = await env.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await env.signIn(page, lawyer.email, lawyer.password);
    await page.getByRole('link', { name: 'Analyzer' }).click();
    await page.waitForURL(/\/analyzer$/);

    await page.getByLabel('Immigration status').selectOption('lpr');
    await page.getByLabel('Admitted on').fill('2018-06-01');
    await page.getByLabel('Entered without inspection?').selectOption('no');
    await page.getByLabel('Offense (citation)').fill('PC 273.5');
    // The citation search offers the entry; picking it pins the exact row.
    await page.getByRole('button', { name: /Cal\. Penal Code § 273\.5\(a\) — Corporal injury/ }).click();
    await expect
      .poll(() => page.locator('#alt-0-entry').textContent(), POLL)
      .toMatch(/Entry: Cal\. Penal Code § 273\.5\(a\)/);
    await page.getByLabel('Grade pleaded').selectOption('felony');
    await page.getByLabel('Sentence imposed (days, with suspended)').fill('365');
    await page.getByLabel('Offense date').fill('2026-10-01');
    await page.getByRole('button', { name: 'Compare another plea' }).click();
    // The copy is alternative B: only the sentence changes.
    await page.locator('#alt-1-days').fill('364');
    await page.getByRole('button', { name: 'Analyze' }).click();

    const af = page.locator('li[data-ground="aggravated_felony"]');
    await expect.poll(() => af.count(), POLL).toBe(1);
    expect(await af.getAttribute('class')).toMatch(/differs/);
    await expect.poll(() => af.locator('summary').textContent(), POLL).toMatch(/A\s*Yes[\s\S]*B\s*No/);
    const note = page.getByRole('note', { name: 'What changes between the alternatives' });
    expect(await note.textContent()).toContain('365 → 364 days removes the aggravated felony');
    // Rows that do not differ are not highlighted.
    expect(await page.locator('li[data-ground="domestic_violence_deportable"]').getAttribute('class')).toBeNull();

    // By keyboard: focus the row's summary and open it with Enter.
    await af.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => af.locator('details').getAttribute('open'), POLL).not.toBeNull();
    const opened = await af.textContent();
    expect(opened).toContain('INA § 101(a)(43)(F)');
    expect(opened).toMatch(/revision \d+/);

    // Nothing is cut off at phone width.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await af.scrollIntoViewIfNeeded();
    await note.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.mouse.wheel(0, -120);
    await screenshot(page, 'analyzer-365-vs-364-phone.png');

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('heading', { name: 'Findings' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'analyzer-365-vs-364.png');

    // Save the record, then open its printable memo.
    await page.getByLabel('Matter label (no client name needed)').fill('People v. R.M. — plea offer');
    await page.getByLabel('Advice given, in your words').fill('Take 364 days; 365 makes it an aggravated felony.');
    await page.getByRole('button', { name: 'Save to My library' }).click();
    await page.waitForURL(/\/analyzer\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: 'Printable memo' }).click();
    await page.waitForURL(/\/memo$/);
    await expect.poll(() => page.locator('article').textContent(), POLL).toContain('Take 364 days');
    const memo = await page.locator('article').textContent();
    expect(memo).toMatch(/Offense entry revision \d+, last reviewed/);
    expect(memo).toContain('not legal advice');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
