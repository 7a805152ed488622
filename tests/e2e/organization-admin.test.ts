import { createUser } from '@kb/api/testing';
import { createDatabase, type Database } from '@kb/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { type BrowserEnv, startBrowserEnv } from '../support/browser';

/*
 * An organization managing itself in Chromium: its admin invites by keyboard (the one-time link
 * shown, the invitation pending, then revoked) and changes a member's role; an editor comments
 * on a draft beside it; another organization asks that its advisory replace one of the first's,
 * and the first approves it from its requests page, after which readers are pointed to the new one.
 */

let env: BrowserEnv;
let db: Database;
const PASSWORD = 'organization-admin-journey-1';
const OWNER = 'sample-immigrant-defense-collaborative';
const OTHER = 'example-crimmigration-law-center';
const lead = { email: 'lead@sidc.test.example.org', password: PASSWORD, name: 'Lena Lead' };
const member = { email: 'member@sidc.test.example.org', password: PASSWORD, name: 'Milo Member' };
const asker = { email: 'asker@eclc.test.example.org', password: PASSWORD, name: 'Asha Asker' };

interface Doc {
  id: string;
  slug: string;
  title: string;
}
/** A published advisory of the organization. */
async function publishedOf(slug: string): Promise<Doc> {
  const { rows } = await db.$client.query<Doc>(
    `select d.id, d.slug, r.title from documents d
       join revisions r on r.id = d.published_revision_id
       join organizations o on o.id = d.organization_id
     where o.slug = $1 and d.status = 'published' and d.superseded_by_id is null and r.kind = 'advisory'
     order by r.title limit 1`,
    [slug],
  );
  if (!rows[0]) throw new Error(`no published advisory of ${slug}`);
  return rows[0];
}

beforeAll(async () => {
  env = await startBrowserEnv();
  db = createDatabase(env.databaseUrl, { max: 1 });
  const { rows: orgs } = await db.$client.query<{ id: string; slug: string }>('select id, slug from organizations');
  const orgId = (slug: string) => orgs.find((o) => o.slug === slug)?.id ?? null;
  await createUser(db, { ...lead, role: 'editor', organizationId: orgId(OWNER), orgAdmin: true });
  await createUser(db, { ...member, role: 'reader', organizationId: orgId(OWNER) });
  await createUser(db, { ...asker, role: 'editor', organizationId: orgId(OTHER) });
}, 300_000);
afterAll(async () => {
  await db?.$client.end();
  await env?.close();
});

/** Presses Tab until `target` has the focus (a keyboard user's way there). */
async function tabTo(page: Page, target: ReturnType<Page['getByLabel']>) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) return;
  }
  throw new Error('never reached by Tab');
}

describe('an organization managing itself in Chromium', () => {
  it('its admin invites by keyboard, sees the link and the pending invitation, revokes it, and changes a member’s role', {
    timeout: 120_000,
  }, async () => {
    const { page, context, errors } = await env.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await env.signIn(page, lead.email, lead.password);
    await page.goto(`/organizations/${OWNER}`);
    await page.getByRole('link', { name: 'Manage members and invitations' }).click();
    await page.getByRole('heading', { name: /^Manage /, level: 1 }).waitFor();
    await page.getByTestId('members').getByText(member.name, { exact: true }).waitFor();

    const email = page.getByLabel('E-mail');
    await tabTo(page, email);
    await page.keyboard.type('new.editor@sidc.test.example.org');
    await page.keyboard.press('Tab'); // "Joins as": Editor by default
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Invitation for new.editor@sidc.test.example.org (Editor)').waitFor();
    const link = await page.locator('input[readonly]').first().inputValue();
    expect(link).toMatch(/\/accept-invite#token=/);
    const pending = page.getByTestId('pending-invitations');
    await pending.getByText('new.editor@sidc.test.example.org').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    // The invited person's view of the link names the organization they join.
    const invited = await env.newPage();
    await invited.page.goto(`/accept-invite${new URL(link).hash}`);
    expect(await invited.page.getByTestId('invitation-organization').textContent()).toBe(
      'Joins Sample Immigrant Defense Collaborative',
    );
    await invited.context.close();

    await page.getByRole('button', { name: 'Revoke the invitation for new.editor@sidc.test.example.org' }).click();
    await page.getByText('No pending invitations.').waitFor();

    await page.getByLabel(`Role of ${member.name}`).selectOption('editor');
    await expect
      .poll(async () => {
        const { rows } = await db.$client.query<{ role: string }>('select role from users where email = $1', [
          member.email,
        ]);
        return rows[0]?.role;
      })
      .toBe('editor');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an editor comments on a draft beside it', { timeout: 120_000 }, async () => {
    const doc = await publishedOf(OWNER);
    const { page, context, errors } = await env.newPage();
    await env.signIn(page, lead.email, lead.password);
    await page.goto(`/editor/${doc.id}`);
    const comments = page.getByTestId('review-comments');
    await comments.getByRole('heading', { name: 'Review comments' }).waitFor();
    await comments.getByLabel('Your comment on the latest revision').fill('Cite the 2024 Ninth Circuit case here.');
    await comments.getByRole('button', { name: 'Add comment' }).click();
    await comments.getByText('Cite the 2024 Ninth Circuit case here.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('another organization asks to replace an advisory; its organization approves from the requests page', {
    timeout: 180_000,
  }, async () => {
    const theirs = await publishedOf(OWNER);
    const ours = await publishedOf(OTHER);
    const asking = await env.newPage();
    await env.signIn(asking.page, asker.email, asker.password);
    await asking.page.goto(`/editor/${ours.id}`);
    await asking.page.getByRole('button', { name: /Replaces another organization/ }).click();
    const panel = asking.page.getByRole('region', { name: /Replace another organization/ });
    await panel.getByLabel('Find their document').fill(theirs.title.slice(0, 60));
    await panel.getByLabel('Why this one replaces it (optional)').fill('Our advisory covers the 2025 decision.');
    await panel.getByRole('button', { name: `Ask to replace “${theirs.title}”` }).click();
    await panel.getByText(/Asked Sample Immigrant Defense Collaborative/).waitFor();
    await asking.page.goto('/editor/requests');
    await asking.page.getByTestId('requests-outgoing').getByRole('link', { name: theirs.title }).waitFor();
    expect(asking.errors).toEqual([]);
    await asking.context.close();

    const owning = await env.newPage();
    await owning.page.setViewportSize({ width: 390, height: 844 });
    await env.signIn(owning.page, lead.email, lead.password);
    await owning.page.goto('/editor');
    await owning.page.getByRole('link', { name: 'Supersession requests' }).click();
    const incoming = owning.page.getByTestId('requests-incoming');
    await incoming.getByText('Our advisory covers the 2025 decision.', { exact: false }).waitFor();
    expect(await seriousViolations(owning.page)).toEqual([]);
    expect(await owning.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await incoming.getByLabel('Your answer (optional)').fill('Agreed.');
    await incoming.getByRole('button', { name: `Approve: “${ours.title}” replaces “${theirs.title}”` }).click();
    await incoming.getByText('No pending requests.').waitFor();

    await owning.page.goto(`/documents/${theirs.slug}`);
    const banner = owning.page.getByRole('note', { name: 'Superseded' });
    await banner.getByRole('link', { name: ours.title }).waitFor();
    expect(owning.errors).toEqual([]);
    await owning.context.close();
  });
});
