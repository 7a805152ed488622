import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { repoRoot } from './services';
import { round, summarize } from './stats';

export const webDir = path.join(repoRoot, 'apps', 'web');
export const webDist = path.join(webDir, 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the SPA as `pnpm start` does (vite build into apps/web/dist). */
export function buildWeb(): Promise<void> {
  const vite = path.join(webDir, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: webDir, stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}

export interface SpaSize {
  /** The entry script and every chunk it imports statically: what the first page load must run. */
  initialFiles: Array<{ file: string; bytes: number; gzipBytes: number }>;
  initialJsKB: number;
  initialJsGzipKB: number;
  cssGzipKB: number;
  /** Every JavaScript file of the build, lazy routes included. */
  allJsGzipKB: number;
}

const gzipSize = (data: Buffer) => gzipSync(data, { level: 9 }).length;

/** Sizes of the built SPA in kB (1,000 bytes): the entry of index.html plus its static imports, gzip level 9 (as gzip-size). */
export function measureSpaSize(dist = webDist): SpaSize | null {
  const indexHtml = path.join(dist, 'index.html');
  if (!existsSync(indexHtml)) return null;
  const html = readFileSync(indexHtml, 'utf8');
  const entries = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1] ?? '');
  const seen = new Set<string>();
  const queue = entries.map((src) => path.join(dist, src.replace(/^\//, '')));
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // Static imports only (`import{…}from"./x.js"`, `import"./x.js"`); `import("./x.js")` is lazy.
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)) {
      queue.push(path.resolve(path.dirname(file), m[1] ?? ''));
    }
  }
  const initialFiles = [...seen].map((file) => {
    const data = readFileSync(file);
    return { file: path.relative(dist, file), bytes: data.length, gzipBytes: gzipSize(data) };
  });
  const assets = path.join(dist, 'assets');
  const all = existsSync(assets) ? readdirSync(assets) : [];
  const sum = (files: string[]) => files.reduce((s, f) => s + gzipSize(readFileSync(path.join(assets, f))), 0);
  return {
    initialFiles,
    initialJsKB: round(initialFiles.reduce((s, f) => s + f.bytes, 0) / 1000, 1),
    initialJsGzipKB: round(initialFiles.reduce((s, f) => s + f.gzipBytes, 0) / 1000, 1),
    cssGzipKB: round(sum(all.filter((f) => f.endsWith('.css'))) / 1000, 1),
    allJsGzipKB: round(sum(all.filter((f) => f.endsWith('.js'))) / 1000, 1),
  };
}

export interface BrowserTiming {
  /** Which page was measured: the search page, or (before it exists) the home page's document list. */
  page: 'search' | 'home-document-list';
  url: string;
  runs: number[];
  p50: number;
  chromium: string;
}

// Records, in the page itself, when the first result element appears (ms since navigation start).
const FIRST_RESULT_OBSERVER = `
  (() => {
    const selector = '.result, [data-search-hit], .search-hit';
    const mark = () => {
      if (window.__firstResultAt === undefined && document.querySelector(selector)) {
        window.__firstResultAt = performance.now();
      }
    };
    new MutationObserver(mark).observe(document, { childList: true, subtree: true });
  })();
`;

/**
 * Signs in once through the sign-in page, then opens the search page `runs` times, each in a
 * fresh browser context (cold HTTP cache) carrying the session cookie, and takes the time from
 * navigation start to the first result on screen.
 */
export async function measureFirstResults(input: {
  baseUrl: string;
  reader: { email: string; password: string };
  runs: number;
  query: string;
  /** Where to save a screenshot when signing in fails. */
  screenshot?: string;
}): Promise<BrowserTiming> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-sync'],
  });
  try {
    const signIn = await browser.newContext({ baseURL: input.baseUrl });
    const page = await signIn.newPage();
    // Twice at most: apps/web/dist can be mid-rebuild (emptied) when others build the SPA meanwhile.
    for (let attempt = 1; ; attempt++) {
      try {
        await page.goto('/sign-in');
        await page.getByLabel('E-mail').fill(input.reader.email, { timeout: 15_000 });
        await page.getByLabel('Password').fill(input.reader.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 30_000 });
        break;
      } catch (error) {
        if (attempt >= 2) {
          const shot = input.screenshot
            ? await page.screenshot({ path: input.screenshot }).then(() => input.screenshot)
            : null;
          throw new Error(
            `signing in failed at ${page.url()} ("${await page.title()}"): ${(error as Error).message.split('\n')[0]}${shot ? `; screenshot ${shot}` : ''}`,
          );
        }
      }
    }
    let state = await signIn.storageState();
    await signIn.close();

    const url = `/?q=${encodeURIComponent(input.query)}`;
    const runs: number[] = [];
    let kind: BrowserTiming['page'] = 'home-document-list';
    for (let i = 0; i < input.runs; i++) {
      const context = await browser.newContext({ baseURL: input.baseUrl, storageState: state });
      const tab = await context.newPage();
      await tab.addInitScript(FIRST_RESULT_OBSERVER);
      await tab.goto(url);
      // Runs in the page: globalThis is its window.
      const at = await tab.waitForFunction(() => (globalThis as { __firstResultAt?: number }).__firstResultAt, null, {
        timeout: 30_000,
        polling: 50,
      });
      runs.push(round(Number(await at.jsonValue())));
      if (i === 0) {
        const searchBox = await tab.locator('input[type="search"], [role="searchbox"]').count();
        kind = searchBox > 0 ? 'search' : 'home-document-list';
      }
      // The refresh cookie rotates on every page load: carry the new one to the next run.
      state = await context.storageState();
      await context.close();
    }
    return { page: kind, url, runs, p50: summarize(runs).p50, chromium: browser.version() };
  } finally {
    await browser.close();
  }
}
