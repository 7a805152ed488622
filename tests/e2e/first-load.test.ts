import { createUser } from '@kb/api/testing';
import { createDatabase } from '@kb/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserEnv, startBrowserEnv } from '../support/browser';

/*
 * A cold load of the search page by a signed-in reader (issue #18, acceptance 5): the session
 * refresh leaves with the page itself (an inline script of index.html, before any script file
 * has arrived); the entry script is small and has no React, and sends the search as soon as the
 * refresh answers, while the app's code (React, the router, the search page: index.html
 * preloads it) still loads: none of them waits for it. The page then takes that answer instead
 * of asking again, and when it has already come, shows the results in its first render (no
 * "Searching…" first), the facets beside them in the next. (How fast: bench/src/web.ts.)
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

// Runs in the page before its scripts: notes, for the refresh and each search request, whether
// the entry script had run (its kb:entry mark), and the app had rendered anything (#root) or
// even run (its kb:app mark) when the request went out; every spinner the page showed; and,
// when the first result appeared, where it was and how many facets were on screen.
const NOTE_APP_AT_REQUESTS = `(() => {
  window.__spinners = [];
  window.__firstResult = null;
  new MutationObserver(() => {
    for (const spinner of document.querySelectorAll('.spinner')) {
      if (!window.__spinners.includes(spinner.textContent)) window.__spinners.push(spinner.textContent);
    }
    const result = document.querySelector('.result');
    if (result && !window.__firstResult) {
      const box = result.getBoundingClientRect();
      window.__firstResult = { x: box.x, width: box.width, facets: document.querySelectorAll('aside fieldset').length };
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
  const fetch = window.fetch;
  window.__appAt = [];
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(url, location.href).pathname;
    if (path === '/api/search' || path === '/api/auth/refresh') {
      window.__appAt.push({
        path,
        entry: performance.getEntriesByName('kb:entry').length > 0,
        rendered: (document.getElementById('root')?.childElementCount ?? 0) > 0,
        ran: performance.getEntriesByName('kb:app').length > 0,
      });
    }
    return fetch.call(this, input, init);
  };
})()`;

/** These scripts and every chunk they import statically, as served. */
async function withStaticImports(roots: string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const path = queue.shift() as string;
    if (seen.has(path)) continue;
    seen.add(path);
    const code = await (await fetch(`${env.baseUrl}${path}`)).text();
    // Static imports only (`import{…}from"./x.js"`, `import"./x.js"`); `import("./x.js")` is the app, loaded later.
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)) {
      queue.push(new URL(m[1] as string, `${env.baseUrl}${path}`).pathname);
    }
  }
  return seen;
}

/** The entry script and the chunks it imports statically: everything else is the app's code, which it loads. */
async function entryScripts(): Promise<Set<string>> {
  const html = await (await fetch(`${env.baseUrl}/`)).text();
  const entry = html.match(/<script[^>]+type="module"[^>]+src="([^"]+)"/)?.[1];
  if (!entry) throw new Error('index.html names no module script');
  return withStaticImports([new URL(entry, env.baseUrl).pathname]);
}

/** The files index.html names (its module script and modulepreloads) and their static imports: the first screen. */
async function firstScreenScripts(): Promise<Set<string>> {
  const html = await (await fetch(`${env.baseUrl}/`)).text();
  const named = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => new URL(m[1] as string, env.baseUrl).pathname);
  return withStaticImports(named);
}

describe('first results on a cold load', () => {
  it('the first screen loads neither the schema library nor the pages the search page does not show', async () => {
    const scripts = [...(await firstScreenScripts())];
    const files = scripts.map((file) => file.replace(/^\/assets\/|-[\w-]{8}\.js$/g, ''));
    expect(files).toContain('first-screen');
    // The contracts' schemas (vite.config.ts, kb:pure-contract-schemas) and the alerts and
    // authorities pages (their doors name them as loaders) load only with the pages that use them:
    // neither a chunk of their own nor inside the first screen's (the pages' headings).
    expect(files.filter((file) => /schemas|page|panel|bell/.test(file))).toEqual([]);
    const code = (await Promise.all(scripts.map(async (file) => (await fetch(`${env.baseUrl}${file}`)).text()))).join(
      '\n',
    );
    expect(code).not.toContain('My watches');
    expect(code).not.toContain('Review queue');
  });

  it("one session refresh with the page, then one search, neither waiting for the app's code; the page shows that search's results at once", async () => {
    const signIn = await env.newPage();
    await env.signIn(signIn.page, reader.email, reader.password);
    const state = await signIn.context.storageState();
    await signIn.context.close();

    const context = await env.browser.newContext({ baseURL: env.baseUrl, storageState: state });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const api = recordApi(page);
    const entry = await entryScripts();
    // The app's code is held back until the search has answered: if the refresh or the search
    // waited for it, they would go out only after it (at the latest when the hold gives up).
    let searchAnswered = () => {};
    const searchDone = new Promise<void>((resolve) => {
      searchAnswered = resolve;
    });
    const held: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/assets/') && path.endsWith('.js') && !entry.has(path)) api.push(`script ${path}`);
    });
    page.on('requestfinished', (request) => {
      if (new URL(request.url()).pathname === '/api/search') searchAnswered();
    });
    await page.route('**/assets/*.js', async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (!entry.has(path)) {
        held.push(path);
        await Promise.race([searchDone, new Promise((resolve) => setTimeout(resolve, 20_000))]);
      }
      await route.continue();
    });
    await page.addInitScript(NOTE_APP_AT_REQUESTS);
    await page.goto(`/?q=${encodeURIComponent('aggravated felony')}`);
    await page.locator('.result').first().waitFor({ timeout: 30_000 });
    // Let a refetch, if the page were to make one, go out.
    await page.waitForTimeout(500);

    expect(api.filter((r) => r === 'POST /api/auth/refresh')).toHaveLength(1);
    const searches = api.filter((r) => r.startsWith('GET /api/search?'));
    expect(searches).toHaveLength(1);
    expect(searches[0]).toContain('q=aggravated+felony');
    const search = api.indexOf(searches[0] as string);
    expect(search).toBeGreaterThan(api.indexOf('POST /api/auth/refresh'));
    // The app's code was held, and both requests went out before it had run or rendered
    // anything; the refresh even before the entry script had run (it leaves with the page).
    expect(held.length).toBeGreaterThan(0);
    expect(await page.evaluate('window.__appAt')).toEqual([
      { path: '/api/auth/refresh', entry: false, rendered: false, ran: false },
      { path: '/api/search', entry: true, rendered: false, ran: false },
    ]);
    // The app's code (the search page's with it) was asked for before the search went out: index.html preloads it.
    const appScript = api.findIndex((r) => r.startsWith('script /assets/'));
    expect(appScript).toBeGreaterThanOrEqual(0);
    expect(appScript).toBeLessThan(search);
    expect(await page.getByRole('combobox').first().inputValue()).toBe('aggravated felony');
    // The answer was there when the app ran: its first render showed the results, no spinner
    // (neither "Restoring your session…" nor "Searching…") before them.
    expect(await page.evaluate('window.__spinners')).toEqual([]);
    // The results came in a render of their own, the facets in the next (search-page.tsx), and
    // the facets' arrival did not move them.
    const first = (await page.evaluate('window.__firstResult')) as { x: number; width: number; facets: number };
    expect(first.facets).toBe(0);
    await page.locator('aside fieldset').first().waitFor();
    const settled = await page.locator('.result').first().boundingBox();
    expect({ x: settled?.x, width: settled?.width }).toEqual({ x: first.x, width: first.width });
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
