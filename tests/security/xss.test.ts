import { createHash, randomBytes } from 'node:crypto';
import { createUser, eventually } from '@kb/api/testing';
import { createDatabase } from '@kb/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../faults/support';
import { type BrowserEnv, startBrowserEnv } from '../support/browser';
import { testOrganizationId } from '../support/organizations';
import { printFigures } from './support';

/**
 * Stored XSS: every text a user or an editor can set carries a payload — document title,
 * summary, body, citations, authors, publisher; bookmark note; folder name; user names — and
 * every page that shows them is opened in Chromium. No dialog may open, no payload may run,
 * and the Content-Security-Policy must refuse inline script even if markup slipped through.
 * Needs the built SPA (`pnpm --filter @kb/web build`, which `pnpm test` runs first).
 */
const MARK = `xq${randomBytes(3).toString('hex')}`;
/** Each payload sets window.__xss and opens a dialog if it ever runs. */
const PAYLOADS = [
  `<script>window.__xss='script';alert('script')</script>`,
  `<img src=x onerror="window.__xss='img';alert('img')">`,
  `<svg onload="window.__xss='svg';alert('svg')"></svg>`,
  `"><iframe src="javascript:window.parent.__xss='iframe';alert('iframe')"></iframe>`,
  `javascript:window.__xss='href';alert('href')`,
];
const P = PAYLOADS.join(' ');
/** Every text a user or an editor sets that some page shows. */
const FIELDS = [
  'document title',
  'summary',
  'body (Markdown: raw HTML, javascript: and data: links and images, code blocks)',
  'citations',
  'authors',
  'publisher',
  'bookmark note',
  'folder name',
  'user names',
];

let env: BrowserEnv;
const accounts: Record<string, { email: string; password: string; token?: string }> = {};
let slug = '';
let documentId = '';
let pagesVisited = 0;

async function signInApi(email: string, password: string): Promise<string> {
  const login = await call(env.baseUrl, '/api/auth/login', { method: 'POST', body: { email, password } });
  expect(login.status, login.text).toBe(200);
  return (login.body as { accessToken: string }).accessToken;
}

beforeAll(async () => {
  env = await startBrowserEnv();
  const db = createDatabase(env.databaseUrl, { max: 1 });
  try {
    for (const role of ['reader', 'editor', 'admin'] as const) {
      const account = { email: `${role}-${MARK}@xss.example.org`, password: `pw-${randomBytes(10).toString('hex')}` };
      // User names are text a person types at sign-up or an admin types at invitation.
      await createUser(db, {
        ...account,
        role,
        organizationId: role === 'reader' ? null : await testOrganizationId(db),
        name: `${role} ${MARK} <img src=x onerror="window.__xss='name';alert('name')">`,
      });
      accounts[role] = account;
    }
  } finally {
    await db.$client.end();
  }
  for (const role of Object.keys(accounts)) {
    const account = accounts[role] as { email: string; password: string; token?: string };
    account.token = await signInApi(account.email, account.password);
  }
  // An editor writes an advisory with a payload in every field, and publishes it.
  const editorToken = accounts.editor?.token;
  const created = await call(env.baseUrl, '/api/documents', {
    method: 'POST',
    token: editorToken,
    body: {
      kind: 'advisory',
      title: `${MARK} title ${P}`.slice(0, 500),
      summary: `${MARK} summary ${P}`,
      publisher: `${MARK} <b onmouseover="alert('publisher')">Publisher</b>`.slice(0, 200),
      authors: [`${MARK} <img src=x onerror="alert('author')">`],
      jurisdictions: ['federal'],
      audience: 'both',
      documentDate: '2024-01-15',
      lastReviewedAt: null,
      citations: [`${MARK} PC 273.5 <script>alert('citation')</script>`, `javascript:alert('citation-link')`],
      offenseTypes: [],
      consequences: [],
      body: [
        `# Overview ${MARK} <script>alert('heading')</script>`,
        '',
        `Body text ${MARK}. ${P}`,
        '',
        `[a link](javascript:alert('md-link')) [data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) ![img](javascript:alert('md-img'))`,
        '',
        `<a href="javascript:alert('raw-a')">raw anchor</a> <div style="background:url(javascript:alert('css'))">styled</div>`,
        '',
        `## Analysis ${MARK}`,
        '',
        '```html',
        `<script>alert('code-block')</script>`,
        '```',
      ].join('\n'),
    },
  });
  expect(created.status, created.text).toBe(201);
  const { id, revisionId } = created.body as { id: string; revisionId: string; slug: string };
  documentId = id;
  slug = (created.body as { slug: string }).slug;
  const published = await call(env.baseUrl, `/api/documents/${id}/publish`, {
    method: 'POST',
    token: editorToken,
    body: { revisionId },
  });
  expect(published.status, published.text).toBe(200);

  // A reader keeps it in a folder with a note: both are text the reader types.
  const readerToken = accounts.reader?.token;
  const folder = await call(env.baseUrl, '/api/me/folders', {
    method: 'POST',
    token: readerToken,
    body: { name: `${MARK} <img src=x onerror="alert('folder')">` },
  });
  expect(folder.status, folder.text).toBe(201);
  const bookmark = await call(env.baseUrl, '/api/me/bookmarks', {
    method: 'POST',
    token: readerToken,
    body: { documentId: id, folderId: (folder.body as { id: string }).id, note: `${MARK} note ${P}` },
  });
  expect([200, 201]).toContain(bookmark.status);
  // Searchable before the search page is opened.
  await eventually(
    async () => {
      const found = await call(env.baseUrl, `/api/search?q=${MARK}`, { token: readerToken });
      // From Meilisearch itself: a degraded answer (PostgreSQL fallback while the index is still
      // being built) does not mean the search page will find it a moment later.
      return found.status === 404 || (found.text.includes(documentId) && !found.text.includes('"degraded":true'));
    },
    90_000,
    250,
  );
}, 240_000);

afterAll(async () => {
  printFigures('stored XSS in Chromium', {
    'fields carrying payloads': FIELDS.length,
    fields: FIELDS.join(', '),
    'payload kinds': PAYLOADS.length + 4,
    'pages visited': pagesVisited,
  });
  await env?.close();
});

/** The page's text as the reader sees it. */
// biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText (rendered text), not the DOM property.
const visibleText = (page: Page) => page.locator('body').innerText();

/** Signs in and opens each page, waiting until it shows `waitFor` (the stored text); returns what Chromium saw. */
async function visit(role: string, pages: Array<{ path: string; waitFor?: string }>) {
  const { context, page, errors, dialogs } = await env.newPage();
  const account = accounts[role] as { email: string; password: string };
  await env.signIn(page, account.email, account.password);
  const seen: Array<{ path: string; text: string }> = [];
  try {
    for (const { path, waitFor } of pages) {
      await page.goto(path);
      if (waitFor) {
        // A locator, not waitForFunction: the page's CSP (rightly) refuses the eval that would need.
        await page
          .getByText(waitFor)
          .first()
          .waitFor({ timeout: 30_000 })
          .catch(async (error: Error) => {
            const shown = await visibleText(page).catch(() => '');
            throw new Error(
              `${path} never showed "${waitFor}" (${error.message.split('\n')[0]}); it showed: ${shown.slice(0, 600)}`,
            );
          });
      } else {
        await page.waitForLoadState('networkidle');
      }
      // Give late renders (lazy chunks, queries) their chance to run a payload.
      await page.waitForTimeout(300);
      pagesVisited++;
      seen.push({ path, text: await visibleText(page) });
      await expectNothingRan(page, path);
    }
  } finally {
    await context.close();
  }
  return { seen, errors, dialogs };
}

/** Run in the page (as a string: the test's own types know no DOM). */
const PAGE_STATE = `(() => ({
  flag: window.__xss ?? null,
  // Markup that would run script if it had been inserted as HTML.
  injected: document.querySelectorAll(
    'img[src="x"], svg[onload], iframe[src^="javascript"], [onerror], [onload], [onmouseover], a[href^="javascript:"], a[href^="data:"], img[src^="javascript:"]',
  ).length,
  scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).map((s) => s.textContent.slice(0, 80)),
}))()`;

/** The inline scripts index.html itself has (the session refresh; the CSP allows them by hash), as PAGE_STATE reports them. */
async function ownInlineScripts(): Promise<string[]> {
  const html = await (await fetch(`${env.baseUrl}/`)).text();
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => (m[1] ?? '').slice(0, 80));
}

async function expectNothingRan(page: Page, path: string) {
  expect(await page.evaluate(PAGE_STATE), path).toEqual({ flag: null, injected: 0, scripts: await ownInlineScripts() });
}

/** `'sha256-…'` of a script's text, as a CSP names it. */
const cspHash = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`;

describe('stored XSS payloads, rendered by the real SPA in Chromium', () => {
  it("serves the HTML page with a CSP that allows no inline script but the page's own, by its hash", async () => {
    for (const path of ['/', `/documents/${slug}`, '/library']) {
      const response = await fetch(`${env.baseUrl}${path}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      const own = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
      // The session refresh that leaves with the page (index.html), and nothing else inline.
      expect(own, path).toHaveLength(1);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(
        new RegExp(`script-src 'self' ${own.map(cspHash).join(' ').replace(/[+/]/g, '\\$&')}(;|$)`),
      );
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('shows the payloads as text on the document, search and library pages; nothing runs', async () => {
    const { seen, dialogs, errors } = await visit('reader', [
      // The payload is there, as the editor typed it, as text.
      { path: `/documents/${slug}`, waitFor: `${MARK} title <script>` },
      { path: `/?q=${MARK}`, waitFor: `${MARK} title` },
      { path: '/library', waitFor: `${MARK} note` },
      { path: '/account', waitFor: `reader ${MARK} <img` },
    ]);
    expect(dialogs).toEqual([]);
    expect(seen[0]?.text).toContain('onerror=');
    expect(seen[0]?.text).toContain(`${MARK} summary`);
    expect(errors.filter((e) => !/Content Security Policy|Failed to load resource/.test(e))).toEqual([]);
  }, 180_000);

  it('shows them in the editor and the admin pages without running them', async () => {
    const editor = await visit('editor', [
      { path: '/editor', waitFor: `${MARK} title` },
      { path: `/editor/${documentId}` },
    ]);
    expect(editor.dialogs).toEqual([]);
    const admin = await visit('admin', [
      { path: '/admin/users', waitFor: `reader ${MARK} <img` },
      { path: '/admin/audit' },
    ]);
    expect(admin.dialogs).toEqual([]);
  }, 180_000);

  it('has the browser refuse inline script on the page (CSP), even when markup gets in', async () => {
    const { context, page } = await env.newPage();
    const account = accounts.reader as { email: string; password: string };
    await env.signIn(page, account.email, account.password);
    await page.goto(`/documents/${slug}`);
    const outcome = (await page.evaluate(`(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const inline = document.createElement('script');
      inline.textContent = "window.__xss = 'inline'";
      document.body.appendChild(inline);
      const handler = document.createElement('div');
      handler.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__xss=\\'handler\\'">';
      document.body.appendChild(handler);
      await new Promise((r) => setTimeout(r, 300));
      return { ran: window.__xss ?? null, violations };
    })()`)) as { ran: string | null; violations: string[] };
    expect(outcome.ran).toBeNull();
    expect(outcome.violations.some((v) => v.startsWith('script-src'))).toBe(true);
    await context.close();
  }, 120_000);
});
