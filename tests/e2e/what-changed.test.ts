import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { contentOf, findRevision, insertRevision, updateDocument } from '@kb/api/testing';
import { createDatabase, type Database } from '@kb/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { artifactsDir, type BrowserEnv, startBrowserEnv } from '../support/browser';
import { publishEdit } from '../support/revisions';

/*
 * "What changed" for a reader in Chromium: from the document page to a section-level diff of
 * two published revisions with the editors' note (never a draft), and from a bookmark in My
 * library to the same diff, open at the bookmarked section.
 */

const POLL = { timeout: 15_000, interval: 100 };
const PASSWORD = 'what-changed-password-1';
const READER = 'reader@demo.example.org';
const EDITOR = 'editor@demo.example.org';
const ADVISORY = 'demo-adv-mandatory-detention-236c-laken-riley';
const ADDED_LINE =
  'Sample update: the BIA held in 2025 that § 235(b)(2)(A) applies to those who entered without inspection.';
const NEW_SECTION = 'Bond after Yajure Hurtado';
const NOTE = 'Adds Matter of Yajure Hurtado (BIA 2025)';
const DRAFT_SECTION = 'Unpublished draft section';

let env: BrowserEnv;
let db: Database;
/** The section the reader bookmarked, which the edit changes: [anchor, heading]. */
let bookmarked: { anchor: string; heading: string };
let slug: string;

async function screenshot(page: Page, name: string) {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, name), fullPage: true });
}

beforeAll(async () => {
  env = await startBrowserEnv();
  db = createDatabase(env.databaseUrl, { max: 2 });
  await env.setPassword([READER], PASSWORD);

  const { rows } = await db.$client.query<{ id: string; slug: string; body: string }>(
    `select d.id, d.slug, r.body from documents d join revisions r on r.id = d.published_revision_id
     where d.external_id = $1`,
    [ADVISORY],
  );
  const doc = rows[0];
  if (!doc) throw new Error(`no ${ADVISORY}`);
  slug = doc.slug;
  const { rows: sections } = await db.$client.query<{ anchor: string; heading: string }>(
    `select s.anchor, s.heading from document_sections s join documents d on d.published_revision_id = s.revision_id
     where d.id = $1 and s.level > 0 order by s.position offset 1 limit 1`,
    [doc.id],
  );
  if (!sections[0]) throw new Error('the advisory has too few sections');
  bookmarked = sections[0];

  // The reader saved the second section of the published revision (a while ago)…
  await db.$client.query(
    `insert into bookmarks (user_id, document_id, section_anchor, note, saved_revision_id, created_at, updated_at)
     select u.id, d.id, $3, 'Check before the bond hearing', d.published_revision_id,
            now() - interval '2 days', now() - interval '2 days'
     from users u, documents d where u.email = $1 and d.id = $2`,
    [READER, doc.id, bookmarked.anchor],
  );
  // …then an editor published a revision that changes that section and adds one…
  await publishEdit(
    db,
    ADVISORY,
    EDITOR,
    (content) => {
      const lines = content.body.split('\n');
      const at = lines.findIndex((line) => line.startsWith('#') && line.includes(bookmarked.heading));
      lines.splice(at + 1, 0, '', ADDED_LINE);
      return {
        ...content,
        body: `${lines.join('\n')}\n\n## ${NEW_SECTION}\n\nNo bond hearing under § 235(b)(2)(A).\n`,
      };
    },
    NOTE,
  );
  // …and started a draft on top of it that readers must never see.
  const { rows: now } = await db.$client.query<{ head_revision_id: string; editor_id: string }>(
    `select d.head_revision_id, (select id from users where email = $2) as editor_id
     from documents d where d.id = $1`,
    [doc.id, EDITOR],
  );
  await db.transaction(async (tx) => {
    const head = await findRevision(tx, now[0]?.head_revision_id ?? '');
    if (!head) throw new Error('no head revision');
    const draft = await insertRevision(tx, {
      documentId: doc.id,
      baseRevisionId: head.id,
      authorId: now[0]?.editor_id ?? null,
      note: 'Draft only',
      content: { ...contentOf(head), body: `${head.body}\n\n## ${DRAFT_SECTION}\n\nNot yet.\n` },
    });
    await updateDocument(tx, doc.id, { headRevisionId: draft.id });
  });
}, 180_000);
afterAll(async () => {
  await db?.$client.end();
  await env?.close();
});

describe('what changed, for a reader', () => {
  it('shows a section-level diff of two published revisions, with the note, from the document page', async () => {
    const { page, errors } = await env.newPage();
    await env.signIn(page, READER, PASSWORD);
    await page.goto(`/documents/${slug}`);
    await page.getByRole('article', { name: 'Document text' }).waitFor(POLL);
    await page.getByTestId('what-changed').click();
    await page.getByRole('heading', { level: 1, name: 'What changed' }).waitFor(POLL);
    await page.getByRole('heading', { name: /Revision 1.*→ Revision 2/ }).waitFor(POLL);

    // The editors' note, the changed and the new section; unchanged sections only named.
    await page.getByText(NOTE).waitFor(POLL);
    // (The innermost section holding the heading: the section of the diff, not the whole comparison.)
    const sectionOf = (name: string) =>
      page
        .locator('section')
        .filter({ has: page.getByRole('heading', { level: 4, name }) })
        .last();
    const changed = sectionOf(bookmarked.heading);
    await expect.poll(() => changed.locator('ins').allTextContents(), POLL).toEqual([`+Added: ${ADDED_LINE}`]);
    await changed.getByText('Changed', { exact: true }).waitFor();
    const added = sectionOf(NEW_SECTION);
    await added.getByText('New section', { exact: true }).waitFor();
    expect(await added.locator('ins').count()).toBe(2); // the heading and its line (blank lines are not shown)
    expect(await page.getByText(/^Unchanged: /).textContent()).toContain('Summary');

    // Only published revisions to pick from.
    expect(await page.getByLabel('From (older)').locator('option').allTextContents()).toEqual([
      expect.stringMatching(/^Revision 2, posted/),
      expect.stringMatching(/^Revision 1/),
    ]);
    expect(await page.getByText(DRAFT_SECTION).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'what-changed-desktop.png');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, 'what-changed-phone.png');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('opens the diff at the bookmarked section from My library', async () => {
    const { page, errors } = await env.newPage();
    await env.signIn(page, READER, PASSWORD);
    await page.goto('/library');
    const link = page.getByTestId('changes-since-saved');
    await link.waitFor(POLL);
    await link.click();
    await page.waitForURL((url) => url.pathname.endsWith('/changes') && url.hash === `#${bookmarked.anchor}`);
    const heading = page.getByRole('heading', { level: 4, name: bookmarked.heading });
    await heading.waitFor(POLL);
    // The bookmarked section has the focus (so a screen reader starts there) and is on screen.
    await expect.poll(() => page.evaluate('document.activeElement?.id'), POLL).toBe(bookmarked.anchor);
    expect(await heading.isVisible()).toBe(true);
    await page.locator('section', { has: heading }).getByText('Your bookmark', { exact: true }).waitFor();
    await screenshot(page, 'what-changed-from-bookmark.png');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
