import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cloneDatabase, hashPassword } from '@kb/api/testing';
import { createDatabase, type Database } from '@kb/db';
import { freePort } from '@kb/embedded';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { inject } from 'vitest';
import { type Spawned, spawnScript } from './processes';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
  dialogs: string[];
  /** The page's last API exchanges ("POST /api/documents → 201 in 84 ms"), for failure messages. */
  apiLog: string[];
}

export interface BrowserEnv {
  baseUrl: string;
  databaseUrl: string;
  server: Spawned;
  browser: Browser;
  /** A fresh browser context (own cookies) with a page that records console errors and dialogs. */
  newPage(): Promise<OpenedPage>;
  /** Signs in through the sign-in page. */
  signIn(page: Page, email: string, password: string): Promise<void>;
  /** A fresh page (as newPage), at this viewport if given, signed in through the sign-in page. */
  signedInPage(email: string, password: string, viewport?: { width: number; height: number }): Promise<OpenedPage>;
  /** Gives these accounts a known password (the demo accounts' are generated per installation). */
  setPassword(emails: string[], password: string): Promise<void>;
  /**
   * Waits until the app's outbox is drained (what was published is searchable). startBrowserEnv
   * has waited so for the seeded library, which the app indexes at start.
   */
  waitForIndex(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the real app (API + built SPA) as its own process on a free port, against a fresh
 * clone of the seeded database and its own Meilisearch index, and a headless Chromium.
 */
export async function startBrowserEnv(): Promise<BrowserEnv> {
  const services = inject('services');
  const database = await cloneDatabase();
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kb-e2e-'));
  const server = spawnScript('apps/api/src/server.ts', [], {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    MEILI_URL: services.meiliUrl,
    MEILI_MASTER_KEY: services.meiliKey,
    MEILI_INDEX_PREFIX: `e${randomBytes(5).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    NODE_ENV: 'test',
    SEED_DEMO: 'false',
  });
  await server.waitFor(/ready at /, 120_000);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: BrowserEnv = {
    baseUrl,
    databaseUrl: database.url,
    server,
    browser,
    async newPage() {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      const dialogs: string[] = [];
      const apiLog: string[] = [];
      const logApi = (line: string) => {
        apiLog.push(line);
        if (apiLog.length > 40) apiLog.shift();
      };
      page.on('requestfinished', (request) => {
        if (!request.url().includes('/api/')) return;
        const { path: where, ms } = exchange(request);
        // The answer may be asked for after the page closed: then it is not logged.
        request.response().then(
          (response) => logApi(`${request.method()} ${where} → ${response?.status() ?? '?'} in ${ms} ms`),
          () => {},
        );
      });
      page.on('requestfailed', (request) => {
        if (!request.url().includes('/api/')) return;
        const { path: where, ms } = exchange(request);
        logApi(`${request.method()} ${where} → failed (${request.failure()?.errorText}) after ${ms} ms`);
      });
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        // "Failed to load resource" does not say which: the resource is the message's location.
        const where = message.location().url;
        errors.push(
          where && /Failed to load resource/.test(message.text()) ? `${message.text()} (${where})` : message.text(),
        );
      });
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      return { context, page, errors, dialogs, apiLog };
    },
    async signIn(page, email, password) {
      await page.goto('/sign-in');
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    },
    async signedInPage(email, password, viewport) {
      const opened = await env.newPage();
      if (viewport) await opened.page.setViewportSize(viewport);
      await env.signIn(opened.page, email, password);
      return opened;
    },
    async setPassword(emails, password) {
      const hash = await hashPassword(password);
      await withDatabase(database.url, (db) =>
        db.$client.query('update users set password_hash = $1 where email = any($2)', [hash, emails]),
      );
    },
    async waitForIndex(timeoutMs = 120_000) {
      await withDatabase(database.url, async (db) => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const { rows } = await db.$client.query<{ n: number }>('select count(*)::int as n from search_outbox');
          if (rows[0]?.n === 0) return;
          if (Date.now() > deadline)
            throw new Error(`the seeded documents were not indexed in time: ${rows[0]?.n} left`);
          await new Promise((r) => setTimeout(r, 200));
        }
      });
    },
    async close() {
      await browser.close().catch(() => {});
      server.child.kill('SIGTERM');
      await server.exited();
      await database.drop().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  // Ready as a running server is: the seeded library indexed, so a page's search answers are the
  // library's and not whatever part of it a busy machine has indexed so far.
  await env.waitForIndex(170_000);
  return env;
}

function exchange(request: Request): { path: string; ms: number } {
  const url = new URL(request.url());
  return { path: url.pathname, ms: Math.round(request.timing().responseEnd) };
}

async function withDatabase<T>(url: string, work: (db: Database) => Promise<T>): Promise<T> {
  const db = createDatabase(url, { max: 1 });
  try {
    return await work(db);
  } finally {
    await db.$client.end();
  }
}

/** Where screenshots taken by tests go (not committed; docs/screenshots holds the chosen ones). */
export const artifactsDir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '.artifacts');
