import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createDatabase, type Database } from '@kb/db';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, type BrowserEnv, startBrowserEnv } from '../support/browser';

/*
 * The editor on a phone (390 × 844), for a small fix between hearings (issue #20): open an
 * advisory in the editor, correct its summary and a line of its body, and see the
 * draft saved, without a keyboard or a wide screen.
 */

const PHONE = { width: 390, height: 844 };
const PASSWORD = 'editor-phone-password-1';
const EDITOR = 'editor@demo.example.org';
const ADVISORY = 'demo-adv-crime-of-violence-2024-update';

let env: BrowserEnv;
let db: Database;

beforeAll(async () => {
  env = await startBrowserEnv();
  db = createDatabase(env.databaseUrl, { max: 1 });
  await env.setPassword([EDITOR], PASSWORD);
}, 180_000);
afterAll(async () => {
  await db?.$client.end();
  await env?.close();
});

const saveIndicator = (page: Page) =>
  page.getByRole('status').filter({ hasText: /Saved|Saving|Unsaved|Not saved|Conflict/ });

/** Whether the element is inside the visible part of the screen (not scrolled away). */
const onScreen = (locator: Locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const view = el.ownerDocument.defaultView as unknown as { innerHeight: number; innerWidth: number };
    return r.bottom > 0 && r.top < view.innerHeight && r.right > 0 && r.left < view.innerWidth;
  });

describe('the editor on a phone', () => {
  it('opens an advisory, fixes its summary and body, and saves the draft', {
    timeout: 120_000,
  }, async () => {
    const { rows } = await db.$client.query<{ id: string; title: string }>(
      `select d.id, r.title
         from documents d join revisions r on r.id = d.head_revision_id where d.external_id = $1`,
      [ADVISORY],
    );
    const doc = rows[0];
    if (!doc) throw new Error(`no document ${ADVISORY}`);
    const { page, errors, context } = await env.newPage();
    await page.setViewportSize(PHONE);
    await env.signIn(page, EDITOR, PASSWORD);

    await page.goto(`/editor/${doc.id}`);
    await page.getByRole('heading', { name: doc.title, level: 1 }).waitFor();

    const summary = page.getByLabel('Summary');
    await summary.waitFor();
    await summary.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Checked on a phone.');
    const body = page.getByLabel('Body (Markdown)');
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nA line added on a phone.');

    // The save state is in view while the editor types at the bottom of the page.
    await expect.poll(() => saveIndicator(page).textContent(), { timeout: 15_000 }).toMatch(/^Saved/);
    expect(await onScreen(saveIndicator(page))).toBe(true);
    mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, 'editor-phone.png') });

    // The draft holds both fixes.
    const { rows: saved } = await db.$client.query<{ summary: string; body: string }>(
      `select r.summary, r.body
         from documents d join revisions r on r.id = d.head_revision_id where d.id = $1`,
      [doc.id],
    );
    expect(saved[0]?.summary).toMatch(/Checked on a phone\.$/);
    expect(saved[0]?.body).toMatch(/A line added on a phone\.$/);

    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
    await context.close();
  });
});
