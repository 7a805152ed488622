import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { repoRoot } from './services';
import { round, summarize } from './stats';
import { summarizeTrace, TRACE_CATEGORIES, type TraceSummary } from './web-trace';

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
  /**
   * The request waterfall, median over the runs: when each request of the first screen started
   * and ended (ms since navigation start), to see what waits for what apart from how busy the
   * machine is; `kb:…` entries are the app's performance marks (start = end), `kb:first-result`
   * the first result on screen.
   */
  phases?: Record<string, { start: number; end: number }>;
}

type Phase = 'document' | 'entryScript' | 'sessionRefresh' | 'searchChunk' | 'searchRequest';
const PHASE_NAMES: Phase[] = ['document', 'entryScript', 'sessionRefresh', 'searchChunk', 'searchRequest'];

// Runs in the page: the timings of the requests that lead to the first results, and the app's
// own marks (`kb:…`, performance.mark), the first result's among them.
const PHASES = `(() => {
  const path = (name) => new URL(name, location.href).pathname;
  const entry = document.querySelector('script[type="module"][src]');
  const phases = {
    entryScript: (name) => entry !== null && path(name) === path(entry.src),
    sessionRefresh: (name) => path(name) === '/api/auth/refresh',
    // The chunk holding the search page: first-screen-….js (the app frame and the search page
    // together, since #18's one-chunk first screen), search-page-….js and search-….js before.
    searchChunk: (name) => /^\\/assets\\/(first-screen|search-page|search)-[\\w-]+\\.js$/.test(path(name)),
    searchRequest: (name) => path(name) === '/api/search',
  };
  const entries = performance.getEntriesByType('resource');
  const out = {};
  const [navigation] = performance.getEntriesByType('navigation');
  if (navigation) out.document = { start: navigation.startTime, end: navigation.responseEnd };
  for (const [phase, matches] of Object.entries(phases)) {
    const found = entries.find((e) => matches(e.name));
    if (found) out[phase] = { start: found.startTime, end: found.responseEnd };
  }
  for (const mark of performance.getEntriesByType('mark')) {
    if (mark.name.startsWith('kb:')) out[mark.name] = { start: mark.startTime, end: mark.startTime };
  }
  return out;
})()`;

function medianPhases(samples: Array<BrowserTiming['phases']>): BrowserTiming['phases'] {
  const phases: NonNullable<BrowserTiming['phases']> = {};
  const names = new Set<string>(PHASE_NAMES);
  for (const sample of samples) for (const name of Object.keys(sample ?? {})) names.add(name);
  for (const phase of names) {
    const seen = samples.map((s) => s?.[phase]).filter((p): p is { start: number; end: number } => Boolean(p));
    if (seen.length === 0) continue;
    phases[phase] = {
      start: round(summarize(seen.map((p) => p.start)).p50),
      end: round(summarize(seen.map((p) => p.end)).p50),
    };
  }
  return phases;
}

// Records, in the page itself, when the first result element appears (ms since navigation start).
const FIRST_RESULT_OBSERVER = `
  (() => {
    const selector = '.result, [data-search-hit], .search-hit';
    let shown;
    window.__firstResultShown = new Promise((resolve) => { shown = resolve; });
    const mark = () => {
      if (window.__firstResultAt === undefined && document.querySelector(selector)) {
        window.__firstResultAt = performance.now();
        performance.mark('kb:first-result');
        shown(window.__firstResultAt);
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
  /** One more navigation, not counted, under Chromium's tracing: the trace is written there and summarized. */
  trace?: string;
}): Promise<BrowserTiming & { trace?: TraceSummary | null }> {
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
    const phaseSamples: Array<BrowserTiming['phases']> = [];
    let kind: BrowserTiming['page'] = 'home-document-list';
    let trace: TraceSummary | null | undefined;
    for (let i = 0; i < input.runs + (input.trace ? 1 : 0); i++) {
      const tracing = input.trace !== undefined && i === input.runs;
      const context = await browser.newContext({ baseURL: input.baseUrl, storageState: state });
      const tab = await context.newPage();
      await tab.addInitScript(FIRST_RESULT_OBSERVER);
      if (tracing) await browser.startTracing(tab, { categories: TRACE_CATEGORIES });
      await tab.goto(url);
      // Awaits the observer's promise, not `waitForFunction`: that injects Playwright's selector
      // script (~330 kB) into the page as it loads, and evaluating it took 20–80 ms of the page's
      // main thread inside the measured window (traces: BENCHMARKS.md, First results in Chromium).
      let timer: NodeJS.Timeout | undefined;
      const at = await Promise.race([
        tab.evaluate<number>('window.__firstResultShown'),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no search result on the page within 30 s')), 30_000);
        }),
      ]).finally(() => clearTimeout(timer));
      if (tracing) {
        const buffer = await browser.stopTracing();
        writeFileSync(input.trace as string, buffer);
        trace = summarizeTrace(JSON.parse(buffer.toString('utf8')).traceEvents ?? [], 'kb:first-result');
      } else {
        runs.push(round(at));
        phaseSamples.push(await tab.evaluate<BrowserTiming['phases']>(PHASES));
      }
      if (i === 0) {
        const searchBox = await tab.locator('input[type="search"], [role="searchbox"]').count();
        kind = searchBox > 0 ? 'search' : 'home-document-list';
      }
      // The refresh cookie rotates on every page load: carry the new one to the next run.
      state = await context.storageState();
      await context.close();
    }
    return {
      page: kind,
      url,
      runs,
      p50: summarize(runs).p50,
      chromium: browser.version(),
      phases: medianPhases(phaseSamples),
      ...(input.trace ? { trace } : {}),
    };
  } finally {
    await browser.close();
  }
}

const STANDALONE_HELP = `node --import tsx bench/src/web.ts --url URL --email E --password P [options]

The bench's Chromium phase alone, against an app already running (pnpm start, or the bench's own
API): signs in once, then times navigation → first results of the search page, each run in a
fresh browser context (cold HTTP cache) carrying the session cookie.

  --url URL          the app (e.g. http://127.0.0.1:3000)
  --email E          a reader's e-mail
  --password P       and password
  --runs N           navigations (default 10, as pnpm bench)
  --query Q          the search (default "aggravated felony", as pnpm bench)
  --json FILE        also write the timings to FILE
  --trace FILE       one more navigation under Chromium's tracing: writes the trace to FILE (open it
                     in the Performance panel or Perfetto) and prints where the page's main thread
                     spent the time until the first result
`;

async function standalone() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      runs: { type: 'string', default: '10' },
      query: { type: 'string', default: 'aggravated felony' },
      json: { type: 'string' },
      trace: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.url || !values.email || !values.password) {
    console.log(STANDALONE_HELP);
    process.exit(values.help ? 0 : 2);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got "${values.runs}"`);
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`load average before: ${load()} on ${os.availableParallelism()} CPUs`);
  const timing = await measureFirstResults({
    baseUrl: values.url,
    reader: { email: values.email, password: values.password },
    runs,
    query: values.query ?? 'aggravated felony',
    trace: values.trace,
  });
  const summary = summarize(timing.runs);
  console.log(
    `${timing.page} ${timing.url}: p50 ${summary.p50} ms, min ${Math.min(...timing.runs)}, max ${summary.max} (${runs} runs, Chromium ${timing.chromium})`,
  );
  console.log(`runs: ${timing.runs.join(', ')}`);
  for (const [phase, p] of Object.entries(timing.phases ?? {})) {
    console.log(`  ${phase.padEnd(15)} ${String(p.start).padStart(8)} → ${String(p.end).padStart(8)} ms (median)`);
  }
  if (timing.trace) {
    const t = timing.trace;
    console.log(
      `trace (${values.trace}): ${t.windowMs} ms to the first result; the page's main thread busy ${t.busyMs} ms (on a CPU ${t.busyCpuMs} ms), idle ${round(t.windowMs - t.busyMs, 1)} ms`,
    );
    console.log(`  ${'activity'.padEnd(40)} ${'wall'.padStart(7)}    ${'CPU'.padStart(7)}`);
    const line = (name: string, a: { ms: number; cpuMs: number }) =>
      `${name.padEnd(40)} ${String(a.ms).padStart(7)} ms ${String(a.cpuMs).padStart(7)} ms`;
    for (const a of t.byActivity) console.log(`  ${line(a.activity, a)}`);
    console.log('  JavaScript by script:');
    for (const a of t.byScript) console.log(`    ${line(a.script, a)}`);
  } else if (values.trace) {
    console.log('trace: no summary (the first-result mark was not in the trace)');
  }
  console.log(`load average after: ${load()}`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ ...timing, loadAverage: os.loadavg() }, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  standalone().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
