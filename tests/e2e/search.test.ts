import { createUser } from '@kb/api/testing';
import { createDatabase } from '@kb/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, type BrowserEnv, startBrowserEnv } from '../support/browser';

let env: BrowserEnv;
const reader = { email: 'search-reader@test.example.org', password: 'correct-horse-battery' };

beforeAll(async () => {
  env = await startBrowserEnv();
  const db = createDatabase(env.databaseUrl, { max: 1 });
  await createUser(db, { ...reader, name: 'Search Reader', role: 'reader' });
  await db.$client.end();
}, 240_000);

/** The active filters, each a button that removes it. */
const removeFilterButtons = (page: import('playwright-core').Page) =>
  page.getByRole('button', { name: /^Remove filter / });

/** Waits until the results shown answer the address (no request in flight). */
const settled = (page: import('playwright-core').Page) =>
  page.locator('section[aria-labelledby="search-results-summary"][aria-busy="false"]').waitFor({ timeout: 15_000 });
afterAll(() => env?.close());

describe('the search page in Chromium', () => {
  it('types a query, narrows by offense type and consequence, keeps it all in the address, opens a hit at its section', async () => {
    const { page, errors } = await env.newPage();
    await env.signIn(page, reader.email, reader.password);
    await page.waitForURL((url) => url.pathname === '/');

    // Results as you type: the query reaches the address without pressing Enter.
    const box = page.getByRole('combobox', { name: 'Search advisories, statutes and decisions' });
    await box.click();
    await page.keyboard.type('petty theft', { delay: 40 });
    await page.waitForURL(/[?&]q=petty\+theft/, { timeout: 15_000 });
    await expect.poll(() => page.locator('#main .result').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.keyboard.press('Escape');

    // Facets, with counts and vocabulary labels.
    const offense = page
      .getByRole('group', { name: 'Offense type' })
      .getByRole('checkbox', { name: /Theft and burglary/ });
    // click, not check(): the box reflects the address, which changes a moment after the click.
    await offense.click();
    await page.waitForURL(/offenseType=theft-burglary/);
    const consequence = page
      .getByRole('group', { name: 'Immigration consequence' })
      .getByRole('checkbox', { name: /^Crime involving moral turpitude/ });
    await consequence.click();
    await page.waitForURL(/consequence=cimt/);
    await expect.poll(() => removeFilterButtons(page).count()).toBe(2);
    await expect
      .poll(() => page.locator('#search-results-summary').textContent())
      .toMatch(/\d+ documents? for “?petty theft/);
    const titles = async () => page.locator('#main .result .result-title a').allTextContents();
    await settled(page);
    await expect.poll(async () => (await titles()).length).toBeGreaterThan(0);
    const before = await titles();
    expect(await page.locator('.alert-warning').count(), 'answered by the index, not the fallback').toBe(0);
    // Staleness: every card says when it was last reviewed; the seeded guidance, last reviewed
    // in 2025 or before, carries the badge of the configured period.
    const cards = await page.locator('#main .result').allTextContents();
    expect(cards.length).toBe(before.length);
    for (const text of cards) expect(text).toMatch(/Last reviewed|Last review not recorded/);
    expect(await page.getByTestId('review-overdue').first().textContent()).toBe('Not reviewed in 12 months');
    const url = page.url();
    await page.screenshot({ path: `${artifactsDir}/search-filtered.png`, fullPage: true }).catch(() => {});

    // Reload: the same search, the same filters, the same results.
    await page.reload();
    await settled(page);
    await expect.poll(() => titles()).toEqual(before);
    expect(page.url()).toBe(url);
    await expect.poll(() => box.inputValue()).toBe('petty theft');
    expect(await page.getByRole('checkbox', { name: /Theft and burglary/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^Crime involving moral turpitude/ }).isChecked()).toBe(true);

    // Back undoes the last filter, forward restores it.
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('consequence=cimt'));
    await expect.poll(() => removeFilterButtons(page).count()).toBe(1);
    await page.goForward();
    await page.waitForURL(/consequence=cimt/);
    await expect.poll(() => removeFilterButtons(page).count()).toBe(2);

    // A chip removes its filter; the snippet highlights are <mark> elements, not markup text.
    expect(await page.locator('.result-snippet mark').count()).toBeGreaterThan(0);
    expect(await page.locator('.result-snippet').first().textContent()).not.toMatch(/<\/?mark>/);

    // Opening a hit lands on its section (hits in a document's introduction open at its top).
    const link = page.locator('#main .result .result-title a[href*="#"]').first();
    const href = (await link.getAttribute('href')) ?? '';
    const anchor = decodeURIComponent(href.split('#')[1] ?? '');
    expect(anchor).not.toBe('');
    await link.click();
    await page.waitForURL((u) => u.pathname.startsWith('/documents/') && u.hash === `#${anchor}`);
    const heading = page.locator(`[id="${anchor}"]`);
    await heading.waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(() => heading.evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBeLessThan(400);
    // Back to the same search.
    await page.goBack();
    await page.waitForURL(/consequence=cimt/);
    await expect.poll(() => titles()).toEqual(before);
    expect(errors).toEqual([]);
  }, 120_000);

  it('works from the keyboard: suggestions, a term picked as a filter, chips removed, an empty state that helps', async () => {
    const { page, errors } = await env.newPage();
    await env.signIn(page, reader.email, reader.password);
    await page.waitForURL((url) => url.pathname === '/');
    const box = page.getByRole('combobox', { name: 'Search advisories, statutes and decisions' });
    await box.waitFor({ state: 'visible' });
    await page.locator('h1').click();
    await page.keyboard.press('/');
    await expect.poll(() => box.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type('aggravated fel', { delay: 30 });
    const option = page.getByRole('option', { name: /Filter · Consequence\s*Aggravated felony/ });
    await option.waitFor({ state: 'visible', timeout: 15_000 });
    // ↓ until the term is active, then Enter: it becomes a filter, not words.
    for (let i = 0; i < 10 && (await option.getAttribute('aria-selected')) !== 'true'; i++) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/consequence=aggravated-felony/);
    expect(new URL(page.url()).searchParams.get('q')).toBeNull();
    await expect.poll(() => removeFilterButtons(page).count()).toBe(1);

    // Tab reaches the chip; Enter removes it.
    const chip = page.getByRole('button', { name: /Remove filter Immigration consequence: Aggravated felony/ });
    await chip.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !u.search.includes('consequence='));

    // Words found nowhere (a query with any known word finds that word: fewer words are matched first).
    await box.fill('zzqqxx vvkkjj');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /No published guidance matches/ }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${artifactsDir}/search-empty.png`, fullPage: true }).catch(() => {});
    expect(errors).toEqual([]);
  }, 120_000);

  it('rewrites a link saved before a vocabulary merge to the term the old code became', async () => {
    // As a merge of "larceny-old" into "Theft and burglary" leaves it.
    const db = createDatabase(env.databaseUrl, { max: 1 });
    await db.$client.query(
      `update taxonomy_terms set merged_codes = array['larceny-old'] where vocabulary = 'offense_type' and code = 'theft-burglary'`,
    );
    await db.$client.end();
    const { page, errors } = await env.newPage();
    await env.signIn(page, reader.email, reader.password);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto(`${env.baseUrl}/?q=petty+theft&offenseType=larceny-old`);
    await page.waitForURL(/offenseType=theft-burglary/, { timeout: 15_000 });
    expect(page.url()).not.toContain('larceny-old');
    await settled(page);
    const checkbox = page
      .getByRole('group', { name: 'Offense type' })
      .getByRole('checkbox', { name: /Theft and burglary/ });
    await expect.poll(() => checkbox.isChecked()).toBe(true);
    await expect.poll(() => page.locator('#main .result').count()).toBeGreaterThan(0);
    expect(await removeFilterButtons(page).allTextContents()).toEqual([expect.stringMatching(/Theft and burglary/)]);
    // The old address was replaced, not added: back leaves the search.
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('offenseType'));
    expect(page.url()).not.toContain('larceny-old');
    expect(errors).toEqual([]);
  }, 120_000);
});
