import { createUser } from '@kb/api/testing';
import { createDatabase, type Database } from '@kb/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { type BrowserEnv, startBrowserEnv } from '../support/browser';

/*
 * Organizations in Chromium: another organization's editor reads a document like a reader
 * (no edit controls, and the editor refuses with the owner's name), its own editor gets the
 * Edit link; the organization's page lists what it publishes and how to reach it, passes
 * axe, fits 390 px and works by keyboard.
 */

let env: BrowserEnv;
let db: Database;
const PASSWORD = 'organizations-journey-password-1';
const owner = { email: 'owner-editor@test.example.org', password: PASSWORD, name: 'Olive Owner' };
const outsider = { email: 'outsider-editor@test.example.org', password: PASSWORD, name: 'Otto Outsider' };
let doc: { id: string; slug: string; title: string };

beforeAll(async () => {
  env = await startBrowserEnv();
  db = createDatabase(env.databaseUrl, { max: 1 });
  const { rows: orgs } = await db.$client.query<{ id: string; slug: string }>('select id, slug from organizations');
  const orgId = (slug: string) => orgs.find((o) => o.slug === slug)?.id ?? null;
  await createUser(db, { ...owner, role: 'editor', organizationId: orgId('sample-immigrant-defense-collaborative') });
  await createUser(db, { ...outsider, role: 'editor', organizationId: orgId('example-crimmigration-law-center') });
  const { rows } = await db.$client.query<{ id: string; slug: string; title: string }>(
    `select d.id, d.slug, r.title from documents d join revisions r on r.id = d.published_revision_id
     where d.external_id = 'demo-adv-cal-hs-11350-possession'`,
  );
  doc = rows[0] as typeof doc;
}, 300_000);
afterAll(async () => {
  await db?.$client.end();
  await env?.close();
});

describe('organizations in Chromium', () => {
  it("shows another organization's editor no edit controls, and the owner's editor an Edit link", {
    timeout: 120_000,
  }, async () => {
    const outside = await env.newPage();
    await env.signIn(outside.page, outsider.email, outsider.password);
    await outside.page.goto(`/documents/${doc.slug}`);
    await outside.page.getByRole('heading', { name: doc.title, level: 1 }).waitFor();
    expect(await outside.page.getByTestId('edit-document').count()).toBe(0);
    // The publisher links to its organization's page.
    await outside.page.getByRole('link', { name: 'Sample Immigrant Defense Collaborative' }).first().waitFor();
    // Typing the editor's address gets the owner's refusal, and not one editing control.
    await outside.page.goto(`/editor/${doc.id}`);
    await outside.page.getByRole('heading', { name: 'Not your organization’s document' }).waitFor();
    expect(await outside.page.getByText(/belongs to Sample Immigrant Defense Collaborative/).count()).toBe(1);
    expect(await outside.page.getByLabel('Title').count()).toBe(0);
    expect(await outside.page.getByRole('button', { name: /Publish|Archive|Submit/ }).count()).toBe(0);
    await outside.context.close();

    const inside = await env.newPage();
    await env.signIn(inside.page, owner.email, owner.password);
    await inside.page.goto(`/documents/${doc.slug}`);
    await inside.page.getByTestId('edit-document').click();
    await inside.page.waitForURL(new RegExp(`/editor/${doc.id}$`));
    await inside.page.getByLabel('Title').waitFor();
    expect(inside.errors).toEqual([]);
    await inside.context.close();
  });

  it("an organization's page: publications newest first, contact line, axe-clean, 390 px, keyboard", {
    timeout: 120_000,
  }, async () => {
    const { page, context, errors } = await env.newPage();
    await env.signIn(page, outsider.email, outsider.password);
    await page.goto(`/documents/${doc.slug}`);
    await page.getByRole('link', { name: 'Sample Immigrant Defense Collaborative' }).first().click();
    await page.waitForURL(/\/organizations\/sample-immigrant-defense-collaborative$/);
    await page.getByRole('heading', { name: /Sample Immigrant Defense Collaborative/, level: 1 }).waitFor();
    expect(await page.getByTestId('organization-contact').textContent()).toMatch(/Contact:.*sidc\.example\.org/);
    const publications = page.getByRole('region', { name: 'Publications, newest first' }).getByRole('listitem');
    expect(await publications.count()).toBeGreaterThan(5);
    expect(await seriousViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);

    // By keyboard: tab to the first publication and open it.
    const first = publications.first().getByRole('link');
    const title = (await first.textContent()) ?? '';
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (await first.evaluate((el) => el === el.ownerDocument.activeElement)) break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();

    await page.goto('/organizations');
    await page.getByRole('link', { name: 'Sample National Guild Immigration Project' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
