import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cloneDatabase } from '@kb/api/testing';
import { freePort } from '@kb/embedded';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { type Spawned, spawnScript } from './processes';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserEnv {
  baseUrl: string;
  databaseUrl: string;
  server: Spawned;
  browser: Browser;
  /** A fresh browser context (own cookies) with a page that records console errors and dialogs. */
  newPage(): Promise<{ context: BrowserContext; page: Page; errors: string[]; dialogs: string[] }>;
  /** Signs in through the sign-in page. */
  signIn(page: Page, email: string, password: string): Promise<void>;
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
  return {
    baseUrl,
    databaseUrl: database.url,
    server,
    browser,
    async newPage() {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      const dialogs: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      return { context, page, errors, dialogs };
    },
    async signIn(page, email, password) {
      await page.goto('/sign-in');
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    },
    async close() {
      await browser.close().catch(() => {});
      server.child.kill('SIGTERM');
      await server.exited();
      await database.drop().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Where screenshots taken by tests go (not committed; docs/screenshots holds the chosen ones). */
export const artifactsDir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '.artifacts');
