import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createDatabase, type Database } from '@kb/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { artifactsDir, type BrowserEnv, startBrowserEnv } from '../support/browser';

/*
 * "Is this still good law?" in Chromium (#16, acceptance 1, the reader's side): an editor marks a
 * seeded decision vacated on its page; the advisory citing it tells its reader so (a notice screen
 * readers announce), the reader's bookmark of it is badged, the editors' review queue lists it,
 * and "Reviewed" clears it.
 */

const POLL = { timeout: 20_000, interval: 100 };
const PASSWORD = 'authority-status-password-1';
const READER = 'reader@demo.example.org';
const EDITOR = 'editor@demo.example.org';

let env: BrowserEnv;
let db: Database;
/** A published decision and an advisory of the demo editor's organization citing it. */
let target: { slug: string; title: string };
let advisory: { id: string; slug: string; title: string };

async function screenshot(page: Page, name: string, fullPage = false) {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, name), fullPage });
}

beforeAll(async () => {
  env = await startBrowserEnv();
  db = createDatabase(env.databaseUrl, { max: 2 });
  await env.setPassword([READER, EDITOR], PASSWORD);

  const { rows } = await db.$client.query<{
    target_slug: string;
    target_title: string;
    advisory_id: string;
    advisory_slug: string;
    advisory_title: string;
  }>(
    `select t.slug as target_slug, tr.title as target_title,
            a.id as advisory_id, a.slug as advisory_slug, ar.title as advisory_title
     from citation_links l
     join documents t on t.id = l.target_document_id and t.status = 'published'
     join revisions tr on tr.id = t.published_revision_id and tr.kind in ('court_opinion', 'agency_decision')
     join documents a on a.id = l.document_id and a.status = 'published'
     join revisions ar on ar.id = a.published_revision_id and ar.kind = 'advisory'
     join users u on u.email = $1 and u.organization_id = a.organization_id
     order by a.slug, t.slug
     limit 1`,
    [EDITOR],
  );
  const row = rows[0];
  if (!row) throw new Error('no seeded advisory of the editor’s organization cites a held decision');
  target = { slug: row.target_slug, title: row.target_title };
  advisory = { id: row.advisory_id, slug: row.advisory_slug, title: row.advisory_title };

  // The reader saved the advisory before the decision was vacated.
  await db.$client.query(
    `insert into bookmarks (user_id, document_id, section_anchor, note, saved_revision_id)
     select u.id, d.id, '', 'For the bond hearing', d.published_revision_id
     from users u, documents d where u.email = $1 and d.id = $2`,
    [READER, advisory.id],
  );
}, 180_000);
afterAll(async () => {
  await db?.$client.end();
  await env?.close();
});

describe('a vacated authority, for readers and editors', () => {
  it('flags the guidance citing it until an editor reviews it', async () => {
    const editor = await env.newPage();
    const reader = await env.newPage();
    await env.signIn(editor.page, EDITOR, PASSWORD);
    await env.signIn(reader.page, READER, PASSWORD);

    // Before: nothing to say.
    await reader.page.goto(`/documents/${advisory.slug}`);
    await reader.page.getByRole('article', { name: 'Document text' }).waitFor(POLL);
    expect(await reader.page.getByTestId('review-notice').count()).toBe(0);

    // The editor marks the decision vacated on its page.
    await editor.page.goto(`/documents/${target.slug}`);
    await editor.page.getByRole('button', { name: 'Mark authority status' }).click(POLL);
    await editor.page.getByLabel('New status').selectOption('vacated');
    await editor.page.getByLabel('Date it happened').fill('2026-11-02');
    await editor.page.getByLabel(/What did it/).fill('Matter of Example, 29 I&N Dec. 900 (A.G. 2026)');
    await editor.page.getByLabel('Note').fill('Sample content: vacated by the Attorney General.');
    await editor.page.getByRole('button', { name: 'Save status' }).click();
    await editor.page
      .getByRole('status')
      .filter({ hasText: /^Marked vacated\./ })
      .waitFor(POLL);
    // The decision's own page says so.
    await editor.page.getByTestId('authority-status').first().waitFor(POLL);
    expect(await editor.page.getByTestId('authority-status').first().textContent()).toBe('Vacated Nov 2, 2026');

    // The reader of the advisory is told, in an alert (announced), naming the decision and the date.
    await reader.page.goto(`/documents/${advisory.slug}`);
    const notice = reader.page.getByRole('alert').filter({ hasText: 'Under review.' });
    await notice.waitFor(POLL);
    const said = (await notice.textContent()) ?? '';
    expect(said).toContain(`Relies on ${target.title}, vacated on Nov 2, 2026`);
    expect(said).toContain('under review');
    await reader.page.getByTestId('needs-review').first().waitFor();
    // Where the advisory cites the decision, its status shows.
    await reader.page.getByTestId('cites').getByText('Vacated Nov 2, 2026').first().waitFor(POLL);
    expect(await seriousViolations(reader.page)).toEqual([]);
    await screenshot(reader.page, 'authority-notice-desktop.png');
    await reader.page.setViewportSize({ width: 390, height: 844 });
    expect(await reader.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(reader.page, 'authority-notice-phone.png');
    await reader.page.setViewportSize({ width: 1280, height: 900 });

    // Search finds it among guidance under review, badged (the index follows the flag).
    await expect
      .poll(async () => {
        await reader.page.goto('/?review=flagged');
        const hit = reader.page.locator('.result', { hasText: advisory.title });
        await reader.page.locator('section[aria-labelledby="search-results-summary"][aria-busy="false"]').waitFor(POLL);
        return hit.getByTestId('needs-review').count();
      }, POLL)
      .toBe(1);
    expect(await reader.page.getByRole('combobox', { name: /^Review/ }).inputValue()).toBe('flagged');

    // The reader's bookmark is badged.
    await reader.page.goto('/library');
    const saved = reader.page.locator('li', { hasText: advisory.title }).first();
    await saved.getByTestId('needs-review').waitFor(POLL);
    await screenshot(reader.page, 'authority-bookmark.png');

    // The editors' queue lists the advisory, with why; "Reviewed" (with a note) clears it.
    await editor.page.goto('/editor/review-queue');
    await editor.page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor(POLL);
    const item = editor.page.getByRole('listitem').filter({
      has: editor.page.getByRole('heading', { level: 2, name: advisory.title }),
    });
    await item.waitFor(POLL);
    expect(await item.textContent()).toContain(`Relies on ${target.title}, vacated on Nov 2, 2026`);
    expect(await seriousViolations(editor.page)).toEqual([]);
    await screenshot(editor.page, 'review-queue.png');
    await item.getByRole('button', { name: 'Reviewed…' }).click();
    await item
      .getByLabel(/Review note/)
      .fill('Checked: the advisory’s analysis does not depend on the vacated holding.');
    await item.getByRole('button', { name: 'Mark reviewed' }).click();
    await expect.poll(() => item.count(), POLL).toBe(0);

    // Cleared for the reader too: no notice, no badge.
    await reader.page.goto(`/documents/${advisory.slug}`);
    await reader.page.getByRole('article', { name: 'Document text' }).waitFor(POLL);
    await expect.poll(() => reader.page.getByTestId('review-notice').count(), POLL).toBe(0);
    await reader.page.goto('/library');
    await reader.page.locator('li', { hasText: advisory.title }).first().waitFor(POLL);
    expect(
      await reader.page.locator('li', { hasText: advisory.title }).first().getByTestId('needs-review').count(),
    ).toBe(0);

    expect(editor.errors).toEqual([]);
    expect(reader.errors).toEqual([]);
    await editor.context.close();
    await reader.context.close();
  }, 120_000);
});
