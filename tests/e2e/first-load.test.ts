import { createUser } from '@kb/api/testing';
import { createDatabase } from '@kb/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserEnv, startBrowserEnv } from '../support/browser';

/*
 * A cold load of the search page by a signed-in reader (issue #18, acceptance 5): the session
 * refresh starts before React mounts and the search goes out as soon as the token is known, into
 * the cache the page reads, so the page does not ask again. (How fast: bench/src/web.ts.)
 */

let env: BrowserEnv;
const reader = { email: 'first-load-reader@test.example.org', password: 'first-load-password-1' };

beforeAll(async () => {
  env = await startBrowserEnv();
  const db = createDatabase(env.databaseUrl, { max: 1 });
  await createUser(db, { ...reader, name: 'First Load Reader', role: 'reader' });
  await db.$client.end();
}, 180_000);
afterAll(() => env?.close());

/** The API requests the page makes, in the order it makes them. */
function recordApi(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) seen.push(`${request.method()} ${url.pathname}${url.search}`);
  });
  return seen;
}

// Runs in the page before its scripts: notes, for each search request, whether the search page
// (its search box) was on screen when the request went out.
const NOTE_PAGE_AT_SEARCH = `(() => {
  const fetch = window.fetch;
  window.__pageAtSearch = [];
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (new URL(url, location.href).pathname === '/api/search') {
      window.__pageAtSearch.push(document.querySelector('[role=combobox]') !== null);
    }
    return fetch.call(this, input, init);
  };
})()`;

describe('first results on a cold load', () => {
  it('one session refresh, then one search, which the page uses without asking again', async () => {
    const signIn = await env.newPage();
    await env.signIn(signIn.page, reader.email, reader.password);
    const state = await signIn.context.storageState();
    await signIn.context.close();

    const context = await env.browser.newContext({ baseURL: env.baseUrl, storageState: state });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const api = recordApi(page);
    await page.addInitScript(NOTE_PAGE_AT_SEARCH);
    await page.goto(`/?q=${encodeURIComponent('aggravated felony')}`);
    await page.locator('.result').first().waitFor({ timeout: 20_000 });
    // Let a refetch, if the page were to make one, go out.
    await page.waitForTimeout(500);

    expect(api.filter((r) => r === 'POST /api/auth/refresh')).toHaveLength(1);
    const searches = api.filter((r) => r.startsWith('GET /api/search?'));
    expect(searches).toHaveLength(1);
    expect(searches[0]).toContain('q=aggravated+felony');
    expect(api.indexOf(searches[0] as string)).toBeGreaterThan(api.indexOf('POST /api/auth/refresh'));
    // The search went out before the search page existed: not in a waterfall behind its rendering.
    expect(await page.evaluate('window.__pageAtSearch')).toEqual([false]);
    expect(await page.getByRole('combobox').first().inputValue()).toBe('aggravated felony');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a visitor without a session goes to sign-in without a search', async () => {
    const { page, context, errors } = await env.newPage();
    const api = recordApi(page);
    await page.goto(`/?q=${encodeURIComponent('aggravated felony')}`);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('E-mail').waitFor();
    expect(api.filter((r) => r.startsWith('GET /api/search'))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
