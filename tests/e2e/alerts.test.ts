import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ConsequenceColumn, OffenseEntryView } from '@kb/contracts';
import { createDatabase, type Database } from '@kb/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { artifactsDir, type BrowserEnv, startBrowserEnv } from '../support/browser';
import { testOrganizationId } from '../support/organizations';

/*
 * Watches and alerts in Chromium (issue 17): a reader follows the PC 273.5 row, an editor
 * publishes revisions of it through the API, the bell's count rises, the notifications page
 * links straight to the change and marking read clears the count; a search followed and
 * unfollowed; My watches removes one. Screenshots at desktop and 390 px go to tests/.artifacts.
 */

const POLL = { timeout: 15_000, interval: 100 };
const PASSWORD = 'alerts-journey-password-1';
const READER = 'reader@demo.example.org';
const EDITOR = 'editor@demo.example.org';
const ENTRY_PAGE = '/charts/us-ca/pc-273-5-a';
const PHONE = { width: 390, height: 844 };

let env: BrowserEnv;
let db: Database;

const signedIn = (email: string) => env.signedInPage(email, PASSWORD);

async function shoot(page: Page, name: string) {
  const dir = path.join(artifactsDir, 'alerts');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, name), fullPage: true });
}

/** The page at 390 px: a screenshot, axe, and nothing wider than the phone. */
async function checkOnPhone(page: Page, name: string) {
  const size = page.viewportSize();
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(150);
  await shoot(page, `${name}-390.png`);
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
  expect(await seriousViolations(page)).toEqual([]);
  if (size) await page.setViewportSize(size);
}

// biome-ignore lint/suspicious/noExplicitAny: JSON answers
async function call<T = any>(method: string, url: string, token: string | null, body?: unknown) {
  const response = await fetch(`${env.baseUrl}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, text };
}

/** An editor publishes a new revision of the PC 273.5 row through the API: one consequence's outcome changes. */
async function publishRevision(column: ConsequenceColumn, note: string) {
  const login = await call<{ accessToken: string }>('POST', '/api/auth/login', null, {
    email: EDITOR,
    password: PASSWORD,
  });
  expect(login.status).toBe(200);
  const token = login.body.accessToken;
  const entry = await call<OffenseEntryView>('GET', `/api${ENTRY_PAGE}`, token);
  expect(entry.status).toBe(200);
  const opened = await call<{ head: { id: string } }>('GET', `/api/documents/${entry.body.id}/editor`, token);
  expect(opened.status, opened.text).toBe(200);
  const offense = entry.body.data;
  const assessment = offense.assessments[column];
  const outcome = assessment?.outcome === 'depends' ? 'yes' : 'depends';
  const saved = await call('PUT', `/api/offenses/${entry.body.id}/draft`, token, {
    offense: {
      ...offense,
      assessments: {
        ...offense.assessments,
        [column]: { ...assessment, outcome, summary: `${note}.`, authorities: assessment?.authorities ?? [] },
      },
    },
    baseRevisionId: opened.body.head.id,
    note,
  });
  expect(saved.status, saved.text).toBe(200);
  const published = await call('POST', `/api/documents/${entry.body.id}/publish`, token, {});
  expect(published.status, published.text).toBe(200);
}

const bell = (page: Page) => page.getByRole('link', { name: /^Notifications, \d+ unread$/ });

/**
 * Waits until the bell says `unread`. The bell asks every minute while the tab is visible, and at
 * once when the reader comes back to the tab: the test comes back to it (a visibility change)
 * rather than wait the minute.
 */
async function bellShows(page: Page, unread: number, timeout = 30_000) {
  const expected = `Notifications, ${unread} unread`;
  const deadline = Date.now() + timeout;
  for (;;) {
    const name = await bell(page).getAttribute('aria-label');
    if (name === expected) return;
    if (Date.now() > deadline) throw new Error(`the bell says "${name}", not "${expected}"`);
    await page.evaluate(`window.dispatchEvent(new Event('visibilitychange'))`);
    await page.waitForTimeout(500);
  }
}

beforeAll(async () => {
  env = await startBrowserEnv();
  db = createDatabase(env.databaseUrl, { max: 2 });
  await env.setPassword([READER, EDITOR], PASSWORD);
  // The editor writes for the organization that owns the row (an editor may change only their own).
  const organizationId = await testOrganizationId(db);
  await db.$client.query('update users set organization_id = $1 where email = $2', [organizationId, EDITOR]);
  await db.$client.query(
    `update documents set organization_id = $1
     where id in (select document_id from revisions where kind = 'offense_entry')`,
    [organizationId],
  );
}, 240_000);
afterAll(async () => {
  await db?.$client.end();
  await env?.close();
});

describe('watches and alerts in Chromium', () => {
  it('a reader follows PC 273.5; revisions published by an editor ring the bell; the notifications link to the change; reading clears the count', async () => {
    const { page, errors } = await signedIn(READER);
    await page.goto(ENTRY_PAGE);
    await page.getByRole('heading', { level: 1 }).waitFor(POLL);
    await bellShows(page, 0);

    // One click follows the row; the button says so, and still does after a reload.
    const follow = page.getByRole('button', { name: /^Follow this row/ });
    expect(await follow.getAttribute('aria-pressed')).toBe('false');
    await follow.click();
    await expect.poll(() => follow.getAttribute('aria-pressed'), POLL).toBe('true');
    await page.reload();
    await expect.poll(() => follow.getAttribute('aria-pressed'), POLL).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'entry-followed-desktop.png');
    await checkOnPhone(page, 'entry-followed');

    // An editor publishes a revision: the count rises, and the change is announced.
    await publishRevision('cimt', 'CIMT outcome revised for the alerts journey');
    await bellShows(page, 1);
    await expect
      .poll(
        () =>
          page
            .locator('[aria-live="polite"]')
            .filter({ hasText: /unread notification/ })
            .count(),
        POLL,
      )
      .toBe(1);
    await publishRevision('domestic_violence', 'Domestic violence outcome revised for the alerts journey');
    await bellShows(page, 2);

    // The notifications page: newest first, unread, each a link to the change.
    await bell(page).click();
    await page.waitForURL('**/notifications');
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor(POLL);
    const list = page.getByRole('list', { name: /Notifications/ });
    const items = list.getByRole('listitem');
    await expect.poll(() => items.count(), POLL).toBe(2);
    expect(await items.filter({ hasText: 'Unread' }).count()).toBe(2);
    expect(await page.locator('main').getByText('2 unread notifications').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'notifications-desktop.png');
    await checkOnPhone(page, 'notifications');

    // Opening one goes straight to the change, and reads it.
    const first = items.first().getByRole('link');
    const href = (await first.getAttribute('href')) ?? '';
    expect(href).not.toBe('');
    expect(href).not.toMatch(/^\/notifications/);
    await first.click();
    await page.waitForURL((url) => !url.pathname.startsWith('/notifications'), POLL);
    await page.getByRole('heading', { level: 1 }).waitFor(POLL);
    // The newest first: the second revision, its note and the changed lines above the row.
    const change = page.getByRole('region', { name: /What changed in revision/ });
    await change.waitFor(POLL);
    expect(await change.textContent()).toContain('Domestic violence outcome revised for the alerts journey');
    expect(await change.getByRole('list', { name: 'Lines changed' }).getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'notification-opened-desktop.png');
    await bellShows(page, 1);

    // Mark all read clears the count.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor(POLL);
    await expect.poll(() => items.filter({ hasText: 'Unread' }).count(), POLL).toBe(1);
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await bellShows(page, 0, POLL.timeout);
    await expect.poll(() => items.filter({ hasText: 'Unread' }).count(), POLL).toBe(0);
    expect(await page.getByRole('button', { name: 'Mark all read' }).isDisabled()).toBe(true);
    await page.reload();
    await bellShows(page, 0, POLL.timeout);
    expect(errors).toEqual([]);
  }, 240_000);

  it('follows a search and stops following it, from the search page; My watches shows it meanwhile', async () => {
    const { page, errors } = await signedIn(READER);
    const address = '/?q=burglary&consequence=aggravated-felony';
    await page.goto(address);
    await page.locator('section[aria-labelledby="search-results-summary"][aria-busy="false"]').first().waitFor(POLL);
    const follow = page.getByRole('button', { name: /^Follow this search/ });
    expect(await follow.getAttribute('aria-pressed')).toBe('false');
    await follow.click();
    await expect.poll(() => follow.getAttribute('aria-pressed'), POLL).toBe('true');
    await shoot(page, 'search-followed-desktop.png');
    await checkOnPhone(page, 'search-followed');

    // The same search built in another order is the same watch.
    await page.goto('/?consequence=aggravated-felony&q=burglary');
    await expect.poll(() => follow.getAttribute('aria-pressed'), POLL).toBe('true');

    await page.goto('/watches');
    const saved = page.getByRole('listitem').filter({ hasText: 'Saved search' });
    await expect.poll(() => saved.count(), POLL).toBe(1);
    expect(await saved.textContent()).toContain('burglary');

    await page.goto(address);
    await expect.poll(() => follow.getAttribute('aria-pressed'), POLL).toBe('true');
    await follow.click();
    await expect.poll(() => follow.getAttribute('aria-pressed'), POLL).toBe('false');
    await page.goto('/watches');
    await page.getByRole('heading', { level: 1, name: 'My watches' }).waitFor(POLL);
    await expect.poll(() => saved.count(), POLL).toBe(0);
    expect(errors).toEqual([]);
  }, 180_000);

  it('My watches lists what the reader follows and removes one in one click', async () => {
    const { page, errors } = await signedIn(READER);
    // A jurisdiction from its chart, beside the row followed in the first test.
    await page.goto('/charts/us-ca');
    const followState = page.getByRole('button', { name: /^Follow California/ });
    await followState.waitFor(POLL);
    if ((await followState.getAttribute('aria-pressed')) !== 'true') await followState.click();
    await expect.poll(() => followState.getAttribute('aria-pressed'), POLL).toBe('true');
    await page.goto(ENTRY_PAGE);
    const followRow = page.getByRole('button', { name: /^Follow this row/ });
    await followRow.waitFor(POLL);
    if ((await followRow.getAttribute('aria-pressed')) !== 'true') await followRow.click();
    await expect.poll(() => followRow.getAttribute('aria-pressed'), POLL).toBe('true');

    await page.goto('/watches');
    await page.getByRole('heading', { level: 1, name: 'My watches' }).waitFor(POLL);
    const items = page.getByRole('list', { name: 'What you follow' }).getByRole('listitem');
    await expect.poll(() => items.count(), POLL).toBeGreaterThanOrEqual(2);
    const row = items.filter({ hasText: 'Chart row' });
    expect(await row.count()).toBe(1);
    expect(await items.filter({ hasText: 'Jurisdiction' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'watches-desktop.png');
    await checkOnPhone(page, 'watches');

    // The row's link leads back to it.
    expect(await row.getByRole('link').getAttribute('href')).toBe(ENTRY_PAGE);
    const before = await items.count();
    await row.getByRole('button', { name: /^Stop following/ }).click();
    await expect.poll(() => items.count(), POLL).toBe(before - 1);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My watches' }).waitFor(POLL);
    await expect.poll(() => items.count(), POLL).toBe(before - 1);
    expect(await items.filter({ hasText: 'Chart row' }).count()).toBe(0);

    await page.goto(ENTRY_PAGE);
    await followRow.waitFor(POLL);
    await expect.poll(() => followRow.getAttribute('aria-pressed'), POLL).toBe('false');
    expect(errors).toEqual([]);
  }, 180_000);

  it('the account page sets how alerts arrive by e-mail, in one click', async () => {
    const { page, errors } = await signedIn(READER);
    await page.goto('/account');
    const daily = page.getByRole('radio', { name: /Daily digest/ });
    await daily.waitFor(POLL);
    await expect.poll(() => page.getByRole('radio', { checked: true }).count(), POLL).toBe(1);
    await daily.check();
    await page.getByText('Saved: daily digest.').waitFor(POLL);
    await page.reload();
    await expect.poll(() => daily.isChecked(), POLL).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('region', { name: 'Alerts' }).scrollIntoViewIfNeeded();
    await checkOnPhone(page, 'account-alerts');
    expect(errors).toEqual([]);
  }, 120_000);
});
