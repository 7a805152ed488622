import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seedOffenseEntries } from '@kb/api/testing';
import { createDatabase, type Database } from '@kb/db';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolationLines } from '../support/axe';
import { artifactsDir, type BrowserEnv, startBrowserEnv } from '../support/browser';
import { repoRoot } from '../support/processes';
import { publishEdit } from '../support/revisions';
import { patternOf, routerPatterns } from './router-paths';
import { type Lookup, PHONE_ANALYSIS, REVISED, ROUTES, type Role, type RouteCheck } from './routes';

/*
 * Every route of tests/e2e/routes.ts, in each of its states, at phone size (390 × 844) and on a
 * desktop: the page never scrolls sideways, nothing visible is cut off, tap targets are 44 px on
 * the phone, and axe-core (tests/support/axe.ts) finds nothing serious or critical.
 * With UPDATE_SCREENSHOTS=1 the phone screenshots of search and a document go to docs/screenshots/.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const PASSWORD = 'phone-a11y-password-1';
const ACCOUNTS: Record<Exclude<Role, 'visitor'>, string> = {
  reader: 'reader@demo.example.org',
  editor: 'editor@demo.example.org',
  admin: 'admin@demo.example.org',
};

const slug = (name: string) => name.replace(/[^\w]+/g, '-');

let env: BrowserEnv;
let db: Database;
const contexts = new Map<string, { context: BrowserContext; page: Page; errors: string[] }>();

const lookup: Lookup = {
  async slug(externalId) {
    const { rows } = await db.$client.query<{ slug: string }>('select slug from documents where external_id = $1', [
      externalId,
    ]);
    if (!rows[0]) throw new Error(`no document ${externalId}`);
    return rows[0].slug;
  },
  async documentId(externalId) {
    const { rows } = await db.$client.query<{ id: string }>('select id from documents where external_id = $1', [
      externalId,
    ]);
    if (!rows[0]) throw new Error(`no document ${externalId}`);
    return rows[0].id;
  },
  savedAnalysis() {
    savedAnalysis ??= saveAnalysis();
    return savedAnalysis;
  },
};

let savedAnalysis: Promise<string> | undefined;
/** Saves an analysis as the reader, through the API as the analyzer page does. */
async function saveAnalysis(): Promise<string> {
  const call = async (url: string, init: { token?: string; body: unknown }) => {
    const response = await fetch(`${env.baseUrl}/api${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      body: JSON.stringify(init.body),
    });
    if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  const session = await call('/auth/login', { body: { email: ACCOUNTS.reader, password: PASSWORD } });
  const saved = await call('/analyses', {
    token: String(session.accessToken),
    body: {
      matter: PHONE_ANALYSIS,
      advice: 'A petty theft with 30 days keeps the petty offense exception.',
      request: {
        client: { status: 'lpr', admittedOn: '2022-03-01', enteredWithoutInspection: false },
        priors: [],
        alternatives: [
          {
            label: 'A',
            citation: 'PC 488',
            jurisdiction: 'us-ca',
            stage: 'convicted',
            sentenceDays: 30,
            offenseDate: '2026-10-01',
          },
        ],
      },
    },
  });
  return String(saved.id);
}

const patterns = routerPatterns();

/** One signed-in page per role and viewport, reused across routes (signing in is slow on two cores). */
async function pageFor(role: Role, viewport: typeof PHONE) {
  const key = `${role}@${viewport.width}`;
  let entry = contexts.get(key);
  if (!entry) {
    const { context, page, errors } = await env.newPage();
    await page.setViewportSize(viewport);
    if (role !== 'visitor') await env.signIn(page, ACCOUNTS[role], PASSWORD);
    entry = { context, page, errors };
    contexts.set(key, entry);
  }
  return entry;
}

async function open(route: RouteCheck, viewport: typeof PHONE) {
  const entry = await pageFor(route.as, viewport);
  const { page } = entry;
  const address = typeof route.path === 'string' ? route.path : await route.path(lookup);
  // The page visited is the one the entry claims to cover (tests/e2e/routes.test.ts counts on it).
  if (route.route) expect(patternOf(address, patterns)).toBe(route.route);
  await page.goto(address);
  try {
    await route.ready(page);
    if (route.act) await route.act(page);
  } catch (error) {
    // What the page showed instead, to see why.
    mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, `not-ready-${slug(route.name)}-${viewport.width}.png`) });
    throw error;
  }
  // Let transitions and late layout (fonts, images) settle.
  await page.waitForTimeout(150);
  return entry;
}

interface LayoutReport {
  scrollWidth: number;
  clipped: string[];
  small: string[];
  wide: string[];
  structure: { h1: number; main: number };
}

/** Runs in the page: what sticks out, what is cut off, which tap targets are too small. */
const LAYOUT_REPORT = `(() => {
  const describe = (el) => {
    const name = (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (name ? ' "' + name + '"' : '');
  };
  const visible = (el) => {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    // Off-screen (a skip link until focused) and 1-px visually hidden helpers are not seen.
    return s.visibility !== 'hidden' && r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0 && el.getClientRects().length > 0;
  };
  const inDialogClosed = (el) => el.closest('dialog:not([open])');
  const clipped = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!visible(el) || inDialogClosed(el)) continue;
    if (['INPUT', 'TEXTAREA', 'SELECT', 'svg'].includes(el.tagName) || el.closest('svg')) continue;
    const s = getComputedStyle(el);
    const clips = (v) => v === 'hidden' || v === 'clip';
    if (s.textOverflow === 'ellipsis') continue;
    if ((clips(s.overflowX) && el.scrollWidth > el.clientWidth + 1) || (clips(s.overflowY) && el.scrollHeight > el.clientHeight + 1)) {
      clipped.push(describe(el));
    }
  }
  const small = [];
  const targets = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=option], [role=tab]';
  for (const el of document.querySelectorAll(targets)) {
    if (!visible(el) || inDialogClosed(el) || el.closest('[inert]')) continue;
    if (el.closest('.visually-hidden')) continue;
    // A link inside a sentence is exempt (WCAG 2.5.5: inline), as is one in a table cell of a document.
    if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') {
      const block = el.parentElement.closest('p, li, td, th, dd, blockquote, figcaption, .prose');
      if (block && block.textContent.trim().length > el.textContent.trim().length) continue;
    }
    let box = el.getBoundingClientRect();
    // A checkbox or radio counts with its label.
    if ((el.type === 'checkbox' || el.type === 'radio') && el.closest('label')) box = el.closest('label').getBoundingClientRect();
    if (box.height < 43.5 || box.width < 43.5) small.push(describe(el) + ' ' + Math.round(box.width) + '×' + Math.round(box.height));
  }
  // What sticks out: elements reaching past the right edge whose parent does not.
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    if (wide.length >= 5 || !visible(el) || inDialogClosed(el)) continue;
    const parent = el.parentElement;
    if (el.getBoundingClientRect().right > innerWidth + 1 && parent && parent.getBoundingClientRect().right <= innerWidth + 1) {
      wide.push(describe(el) + ' ' + Math.round(el.getBoundingClientRect().width) + ' px');
    }
  }
  // Screen-reader structure: one h1 and one main landmark per page.
  const shown = (el) => !el.closest('dialog:not([open]), [hidden]');
  const structure = {
    h1: [...document.querySelectorAll('h1')].filter(shown).length,
    main: [...document.querySelectorAll('main, [role=main]')].filter(shown).length,
  };
  return { scrollWidth: document.documentElement.scrollWidth, clipped, small, wide, structure };
})()`;

/** Everything wrong with the page as it is now, one line each (an empty list when all is well). */
async function problems(page: Page, width: number, options: { name: string; tapTargets: boolean }): Promise<string[]> {
  const layout = await page.evaluate<LayoutReport>(LAYOUT_REPORT);
  const found = [
    ...(layout.scrollWidth > width
      ? [`the page scrolls sideways: ${layout.scrollWidth} px wide, because of ${layout.wide.join(', ')}`]
      : []),
    ...layout.clipped.map((el) => `cut off: ${el}`),
    ...(layout.structure.h1 === 1 ? [] : [`${layout.structure.h1} h1 headings, not one`]),
    ...(layout.structure.main === 1 ? [] : [`${layout.structure.main} main landmarks, not one`]),
    ...(options.tapTargets ? layout.small.map((el) => `tap target under 44 px: ${el}`) : []),
    ...(await seriousViolationLines(page)),
  ];
  // The whole list, for when the test output shortens it.
  mkdirSync(path.join(artifactsDir, 'a11y'), { recursive: true });
  writeFileSync(path.join(artifactsDir, 'a11y', `${options.name}-${width}.txt`), found.map((f) => `${f}\n`).join(''));
  return found;
}

beforeAll(async () => {
  env = await startBrowserEnv();
  db = createDatabase(env.databaseUrl, { max: 2 });
  // The charts' rows (offense entries) are seeded at the app's first start, not in the test template.
  await seedOffenseEntries(db);
  await env.setPassword(Object.values(ACCOUNTS), PASSWORD);
  // A second published revision, for "What changed" to compare.
  await publishEdit(db, REVISED, ACCOUNTS.editor, (content) => ({
    ...content,
    body: `${content.body}\n\n## Sample update\n\nA later revision adds this section (sample content).\n`,
  }));
}, 180_000);
afterAll(async () => {
  for (const { context } of contexts.values()) await context.close().catch(() => {});
  await db?.$client.end();
  await env?.close();
});

describe('every page on a phone (390 × 844)', () => {
  it.each(ROUTES.map((r) => [r.name, r] as const))(
    '%s: fits, nothing cut off, 44 px targets, axe clean',
    async (name, route) => {
      const { page, errors } = await open(route, PHONE);
      mkdirSync(path.join(artifactsDir, 'phone'), { recursive: true });
      await page.screenshot({ path: path.join(artifactsDir, 'phone', `${slug(name)}.png`) });
      expect(await problems(page, PHONE.width, { name: slug(name), tapTargets: true })).toEqual([]);
      expect(errors.filter((e) => !/favicon|401|Unauthorized|Failed to load resource/i.test(e))).toEqual([]);
    },
  );
});

describe('every page on a desktop', () => {
  it.each(ROUTES.map((r) => [r.name, r] as const))('%s: axe clean, no sideways scrolling', async (name, route) => {
    const { page } = await open(route, DESKTOP);
    expect(await problems(page, DESKTOP.width, { name: slug(name), tapTargets: false })).toEqual([]);
  });
});

describe.runIf(process.env.UPDATE_SCREENSHOTS)('phone screenshots for the README', () => {
  it.each([
    ['phone-search.png', '/?q=burglary'],
    ['phone-document.png', 'document'],
    ['phone-chart.png', '/charts/us-ca'],
  ])('%s', async (file, where) => {
    const { page } = await pageFor('reader', PHONE);
    const address =
      where === 'document' ? `/documents/${await lookup.slug('demo-adv-crime-of-violence-2024-update')}` : where;
    await page.goto(address);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(repoRoot, 'docs', 'screenshots', file) });
  });
});
