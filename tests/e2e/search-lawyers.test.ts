import { createUser } from '@kb/api/testing';
import { createDatabase } from '@kb/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, type BrowserEnv, startBrowserEnv } from '../support/browser';

let env: BrowserEnv;
const reader = { email: 'relaxed-reader@test.example.org', password: 'correct-horse-battery', name: 'Rita Reader' };
const editor = { email: 'analytics-editor@test.example.org', password: 'correct-horse-battery', name: 'Eddie Editor' };

beforeAll(async () => {
  env = await startBrowserEnv();
  const db = createDatabase(env.databaseUrl, { max: 1 });
  await createUser(db, { ...reader, role: 'reader' });
  await createUser(db, { ...editor, role: 'editor' });
  await db.$client.end();
}, 240_000);
afterAll(() => env?.close());

describe('search that handles what finds nothing', () => {
  it('shows the results of a broader search, and broadens in one click', async () => {
    const { page, errors } = await env.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await env.signIn(page, reader.email, reader.password);
    await page.waitForURL((url) => url.pathname === '/');
    // Petty theft guidance exists, but no Texas regulation about it.
    await page.goto(`${env.baseUrl}/?q=petty+theft&kind=regulation&jurisdiction=us-tx`);
    const relaxed = page.getByTestId('relaxed-results');
    await relaxed.waitFor({ timeout: 15_000 });
    await expect.poll(() => relaxed.locator('.result').count()).toBeGreaterThan(0);
    expect(await relaxed.textContent()).toMatch(/No published guidance matches “petty theft” as asked/);
    expect(await relaxed.locator('.result-title a').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/Petty Theft and Shoplifting in California/)]),
    );
    // Nothing wider than the phone.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${artifactsDir}/search-relaxed.png`, fullPage: true }).catch(() => {});

    await relaxed.getByRole('button', { name: 'Search without filters' }).click();
    await page.waitForURL((url) => !url.search.includes('kind=') && url.search.includes('q=petty'));
    // The broader search is now the search: its results, no longer "as asked".
    await expect.poll(() => page.getByTestId('relaxed-results').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.locator('#main .result').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('says what it understood and offers the jurisdiction named', async () => {
    const { page } = await env.newPage();
    await env.signIn(page, reader.email, reader.password);
    await page.goto(`${env.baseUrl}/?q=${encodeURIComponent('green card holder shoplifting California')}`);
    const understood = page.getByTestId('search-understood');
    await understood.waitFor({ timeout: 15_000 });
    expect(await understood.textContent()).toMatch(/“green card holder” as lawful permanent resident/);
    await understood.getByRole('button', { name: 'Only California guidance' }).click();
    await page.waitForURL(/jurisdiction=us-ca/);
  });
});

describe('search analytics for editors', () => {
  it('shows a zero-result query typed a moment ago, and no one who typed it', async () => {
    const word = `unfindable${Date.now().toString(36)}`;
    const { page: readerPage } = await env.newPage();
    await env.signIn(readerPage, reader.email, reader.password);
    await readerPage.waitForURL((url) => url.pathname === '/');
    const box = readerPage.getByRole('combobox', { name: 'Search advisories, statutes and decisions' });
    await box.click();
    await readerPage.keyboard.type(`${word} zzyzx`, { delay: 30 });
    await readerPage.keyboard.press('Enter');
    await readerPage.waitForURL(/zzyzx/, { timeout: 15_000 });
    await readerPage.getByRole('heading', { name: /No published guidance matches/ }).waitFor({ timeout: 15_000 });

    const { page } = await env.newPage();
    await env.signIn(page, editor.email, editor.password);
    await page.getByRole('link', { name: 'Search analytics' }).click();
    await page.waitForURL(/\/admin\/search-analytics/);
    const zero = page.locator('section', { has: page.getByRole('heading', { name: 'Searches that found nothing' }) });
    await expect.poll(() => zero.textContent(), { timeout: 15_000 }).toContain(`${word} zzyzx`);
    const text = (await page.locator('#main').textContent()) ?? '';
    for (const who of [reader.email, reader.name, 'Rita']) expect(text).not.toContain(who);
    await page.screenshot({ path: `${artifactsDir}/search-analytics.png`, fullPage: true }).catch(() => {});
  });
});
