import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserEnv, startBrowserEnv } from '../support/browser';

/*
 * The reader's journey by keyboard alone: search, filter, open a hit, bookmark it with a note,
 * find it in My library. Every stop shows where the focus is, and closing the bookmark dialog
 * gives the focus back to the button that opened it.
 */

const POLL = { timeout: 15_000, interval: 100 };
const PASSWORD = 'keyboard-journey-password-1';
const reader = { email: 'reader@demo.example.org', password: PASSWORD };

let env: BrowserEnv;

beforeAll(async () => {
  env = await startBrowserEnv();
  await env.setPassword([reader.email], PASSWORD);
}, 180_000);
afterAll(() => env?.close());

interface Focused {
  tag: string;
  name: string;
  /** Whether the browser draws the focus ring (:focus-visible) with a visible outline. */
  ringShown: boolean;
}

const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const label = el.labels && el.labels[0] ? el.labels[0].textContent : '';
  return {
    tag: el.tagName.toLowerCase(),
    name: (el.getAttribute('aria-label') || label || el.textContent || '').trim().replace(/\\s+/g, ' '),
    ringShown: el.matches(':focus-visible') && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
  };
})()`;

/** Presses Tab until the focused element's name matches, checking the focus ring at every stop. */
async function tabTo(page: Page, name: RegExp, { backwards = false, max = 80 } = {}): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const focused = await page.evaluate<Focused | null>(FOCUSED);
    if (!focused) continue;
    seen.push(focused.name);
    expect(focused.ringShown, `focus ring on ${focused.tag} "${focused.name}"`).toBe(true);
    if (name.test(focused.name)) return focused;
  }
  throw new Error(`Tab never reached ${name}; it went through ${seen.slice(0, 40).join(' | ')}`);
}

/** The results answer the address (no request in flight). */
const settled = (page: Page) =>
  page.locator('section[aria-labelledby="search-results-summary"][aria-busy="false"] .result').first().waitFor(POLL);

describe('by keyboard alone', () => {
  it('search → filter → open a hit → bookmark with a note → find it in My library', { timeout: 120_000 }, async () => {
    const { page, errors } = await env.newPage();

    // Sign in.
    await page.goto('/sign-in');
    await tabTo(page, /E-mail/);
    await page.keyboard.type(reader.email);
    await tabTo(page, /^Password/);
    await page.keyboard.type(reader.password);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');

    // Search.
    await tabTo(page, /Search advisories/);
    await page.keyboard.type('burglary');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === 'burglary', POLL);
    await settled(page);

    // Filter by a consequence: Tab to its checkbox, Space.
    // The label reads "Aggravated felony" and then the count.
    const filter = await tabTo(page, /^Aggravated felony\d/, { max: 200 });
    expect(filter.tag).toBe('input');
    await page.keyboard.press('Space');
    await page.waitForURL((url) => url.searchParams.getAll('consequence').length === 1, POLL);
    await expect
      .poll(() => page.getByRole('button', { name: /^Remove filter .*Aggravated felony/ }).count(), POLL)
      .toBe(1);

    // Open the first hit.
    await settled(page);
    // The first hit that is a document (chart rows open on their chart).
    const firstHit = (
      (await page.locator('#main .result .result-title a[href^="/documents/"]').first().textContent()) ?? ''
    ).trim();
    expect(firstHit).not.toBe('');
    await tabTo(page, new RegExp(`^${firstHit.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/documents\//, POLL);
    await page.getByRole('article', { name: 'Document text' }).waitFor(POLL);

    // Bookmark the document with a note: the dialog takes the focus, and gives it back.
    await tabTo(page, /Bookmark document/);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect.poll(() => page.evaluate<Focused | null>(FOCUSED).then((f) => f?.name), POLL).toMatch(/Note/);
    await page.keyboard.type('Keyboard only: check the plea before the calendar call');
    await tabTo(page, /^Save bookmark$/);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('status').first().textContent(), POLL).toContain('Saved to My library');
    const back = await page.evaluate<Focused | null>(FOCUSED);
    expect(back?.name).toMatch(/Bookmarked|Bookmark document/);
    expect(back?.ringShown).toBe(true);

    // Esc closes the dialog too, and the focus comes back.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await page.evaluate<Focused | null>(FOCUSED))?.name).toMatch(/Bookmarked/);

    // My library shows it with its note.
    await tabTo(page, /^My library$/, { backwards: true });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/library/, POLL);
    await page.getByText('Keyboard only: check the plea before the calendar call').waitFor(POLL);
    expect(errors).toEqual([]);
  });
});
