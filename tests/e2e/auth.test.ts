import { randomUUID } from 'node:crypto';
import { createUser } from '@kb/api/testing';
import { createDatabase } from '@kb/db';
import type { Request, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserEnv, startBrowserEnv } from '../support/browser';

let env: BrowserEnv;
const reader = { email: 'auth-reader@test.example.org', password: 'reader-passphrase-42', name: 'Rita Reader' };
const admin = { email: 'auth-admin@test.example.org', password: 'admin-passphrase-42', name: 'Ada Admin' };
const owner = { email: 'device-owner@test.example.org', password: 'owner-passphrase-42', name: 'Olga Owner' };

beforeAll(async () => {
  env = await startBrowserEnv();
  const db = createDatabase(env.databaseUrl, { max: 1 });
  await createUser(db, { ...reader, role: 'reader' });
  await createUser(db, { ...admin, role: 'admin' });
  await createUser(db, { ...owner, role: 'reader' });
  await db.$client.end();
}, 180_000);
afterAll(() => env?.close());

describe('accounts in Chromium', () => {
  it('a reader signs in, sees the app without editor or admin navigation, and signs out', async () => {
    const { page, errors } = await env.newPage();
    await env.signIn(page, reader.email, reader.password);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Search' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Editor' }).count()).toBe(0);
    await page.getByRole('link', { name: reader.name }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();

    // The admin pages are not for readers, even by typing the address.
    await page.goto('/admin/users');
    await page.getByRole('heading', { name: 'Not available' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    // Signed out for real: the refresh cookie is revoked, a reload does not bring the session back.
    await page.goto('/library');
    await page.waitForURL(/\/sign-in\?next=%2Flibrary/);
    expect(errors).toEqual([]);
  });

  it('a search still in flight when the reader signs out is cancelled, not refused after the session ended', async () => {
    const { page, errors } = await env.newPage();
    await env.signIn(page, reader.email, reader.password);
    // The race, made certain: the search is held in the browser, and reaches the server only
    // once the server has ended the session (where it would be refused: a 401 the browser logs).
    let held: Route | undefined;
    const searchHeld = new Promise<void>((resolve) => {
      void page.route('**/api/search?q=**', (route) => {
        held ??= route;
        if (held === route) resolve();
        else void route.continue();
      });
    });
    const isHeld = (request: Request) => request === held?.request();
    const searchEnded = Promise.race([
      page.waitForEvent('requestfinished', isHeld).then(async (r) => `answered ${(await r.response())?.status()}`),
      page.waitForEvent('requestfailed', isHeld).then((r) => `failed ${r.failure()?.errorText}`),
    ]);
    await page.route('**/api/auth/logout', async (route) => {
      const ended = await route.fetch();
      await held?.continue().catch(() => {}); // refused by the browser if the page cancelled it
      await searchEnded;
      await route.fulfill({ response: ended });
    });
    await page.getByLabel('Search advisories, statutes and decisions').fill('aggravated felony');
    await page.getByLabel('Search advisories, statutes and decisions').press('Enter');
    await searchHeld;

    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    expect(await searchEnded).toMatch(/^failed .*ABORTED/);
    expect(errors).toEqual([]);
  });

  it('an admin invites a user, who opens the link in a fresh browser, sets a password and signs in', async () => {
    const adminPage = await env.newPage();
    await env.signIn(adminPage.page, admin.email, admin.password);
    await adminPage.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await adminPage.page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
    await adminPage.page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Audit log' })
      .waitFor();

    // Its own address each attempt: a retry must not meet the first attempt's account.
    const inviteeEmail = `new-editor-${randomUUID().slice(0, 8)}@test.example.org`;
    const invite = adminPage.page.getByRole('region', { name: 'Invite someone' });
    await invite.getByLabel('E-mail').fill(inviteeEmail);
    await invite.getByLabel('Role').selectOption('editor');
    await invite.getByRole('button', { name: 'Create invitation link' }).click();
    const linkField = adminPage.page.getByLabel('One-time link');
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(/\/accept-invite#token=[\w-]+$/);
    await adminPage.page.getByRole('button', { name: 'Copy link' }).click();

    // The invitee: another browser, nobody signed in.
    const invitee = await env.newPage();
    await invitee.page.goto(link);
    await invitee.page.getByText(inviteeEmail).waitFor();
    await invitee.page.getByLabel('Your name').fill('Nina Editor');
    await invitee.page.getByLabel('Choose a password', { exact: true }).fill('weak');
    await invitee.page.getByLabel('Choose a password', { exact: true }).fill('nina-chooses-a-passphrase');
    await invitee.page.getByRole('button', { name: 'Create account and sign in' }).click();
    await invitee.page.waitForURL((url) => url.pathname === '/');
    const nav = invitee.page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Editor' }).waitFor();
    await invitee.page.getByRole('link', { name: 'Nina Editor' }).waitFor();

    // Sign out, then sign in with the new password.
    await invitee.page.getByRole('button', { name: 'Sign out' }).click();
    await invitee.page.waitForURL(/\/sign-in/);
    await env.signIn(invitee.page, inviteeEmail, 'nina-chooses-a-passphrase');
    await invitee.page.getByRole('link', { name: 'Nina Editor' }).waitFor();
    expect(invitee.errors).toEqual([]);

    // The link worked once.
    const late = await env.newPage();
    await late.page.goto(link);
    await late.page.getByText('already been accepted').waitFor();

    // The admin sees the new account and the trail.
    await adminPage.page.reload();
    await adminPage.page.getByText(inviteeEmail).first().waitFor();
    await adminPage.page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await adminPage.page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const trail = adminPage.page.getByRole('table');
    await trail.getByText('Accepted invitation').first().waitFor();
    await trail.getByText('Invited a user').first().waitFor();
    expect(adminPage.errors).toEqual([]);
    expect([...adminPage.dialogs, ...invitee.dialogs]).toEqual([]);
  }, 90_000);

  it('sends an unauthenticated visitor to sign-in from every page but the sign-in and link pages', async () => {
    const { page, errors } = await env.newPage();
    const pages = [
      '/',
      '/?q=CIMT',
      '/documents/some-advisory',
      '/library',
      '/account',
      '/editor',
      '/editor/00000000-0000-4000-8000-000000000000',
      '/admin/users',
      '/admin/audit',
      '/admin/vocabulary',
      '/no-such-page',
    ];
    for (const path of pages) {
      await page.goto(path);
      await page.waitForURL((url) => url.pathname === '/sign-in');
      expect(new URL(page.url()).searchParams.get('next')).toBe(path);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    }
    // The pages reached from one-time links are public: they explain themselves without a link.
    await page.goto('/accept-invite');
    await page.getByRole('heading', { name: 'Accept invitation' }).waitFor();
    await page.goto('/reset-password#token=not-a-real-token-at-all');
    await page.getByText('not valid').waitFor();
    expect(new URL(page.url()).pathname).toBe('/reset-password');
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });

  // Last: its 100 failures put this address over its limit for a minute (the other journeys sign in untrusted).
  it("lets the owner's browser in at once after 100 failed sign-ins from elsewhere; a fresh browser waits", async () => {
    const { page, context, errors } = await env.newPage();
    await env.signIn(page, owner.email, owner.password);
    const device = (await context.cookies()).find((c) => c.name === 'kb_device');
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });
    await page.getByRole('link', { name: owner.name }).click();
    // The account page's own button (the header has one too).
    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);

    // Someone else guesses the owner's password 100 times at once (no device cookie).
    const guesses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        fetch(`${env.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: owner.email, password: `a-wrong-guess-${i}` }),
        }),
      ),
    );
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);

    // A browser that never signed in to the account is refused for now, and told so.
    const fresh = await env.newPage();
    await fresh.page.goto('/sign-in');
    await fresh.page.getByLabel('E-mail').fill(owner.email);
    await fresh.page.getByLabel('Password').fill(owner.password);
    await fresh.page.getByRole('button', { name: 'Sign in' }).click();
    await fresh.page.getByRole('alert').waitFor();
    expect(new URL(fresh.page.url()).pathname).toBe('/sign-in');

    // The owner's own browser signs in at once.
    await env.signIn(page, owner.email, owner.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).waitFor();
    expect(errors).toEqual([]);
  });
});
