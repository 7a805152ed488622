import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createDraft, publishRevision } from '@kb/api/testing';
import type { DocumentContent } from '@kb/contracts';
import { createDatabase, type Database } from '@kb/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, type BrowserEnv, startBrowserEnv } from '../support/browser';
import { repoRoot } from '../support/processes';
import { publishEdit as publishRevisionEdit } from '../support/revisions';

/*
 * The reader in Chromium: hostile Markdown renders inert, and the demo practitioner's
 * journey from search to a bookmarked section that later shows "updated since you saved it".
 * With UPDATE_SCREENSHOTS=1 the screenshots also go to docs/screenshots/ (checked by eye, committed).
 */

// Two busy cores: give the UI time, polling often.
const POLL = { timeout: 15_000, interval: 100 };

let env: BrowserEnv;
let db: Database;
const PASSWORD = 'reading-journey-password-1';
const practitioner = { email: 'reader@demo.example.org', password: PASSWORD };
const editorEmail = 'editor@demo.example.org';
const screenshotDirs = [
  artifactsDir,
  ...(process.env.UPDATE_SCREENSHOTS ? [path.join(repoRoot, 'docs', 'screenshots')] : []),
];

async function screenshot(page: Page, name: string, options: { fullPage?: boolean; docs?: boolean } = {}) {
  for (const dir of options.docs === false ? [artifactsDir] : screenshotDirs) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, name), fullPage: options.fullPage ?? false });
  }
}

async function userId(email: string): Promise<string> {
  const { rows } = await db.$client.query<{ id: string }>('select id from users where email = $1', [email]);
  if (!rows[0]) throw new Error(`no user ${email}`);
  return rows[0].id;
}

async function documentByExternalId(externalId: string) {
  const { rows } = await db.$client.query<{ id: string; slug: string; head_revision_id: string }>(
    'select id, slug, head_revision_id from documents where external_id = $1',
    [externalId],
  );
  if (!rows[0]) throw new Error(`no document ${externalId}`);
  return rows[0];
}

const publishEdit = (externalId: string, edit: (content: DocumentContent) => DocumentContent) =>
  publishRevisionEdit(db, externalId, editorEmail, edit);

/** Saves bookmarks directly (screenshot set-up): [external id, section position or 0 for the document, note]. */
async function saveBookmarks(email: string, folderName: string | null, items: Array<[string, number, string]>) {
  const owner = await userId(email);
  const folderId = folderName
    ? (
        await db.$client.query<{ id: string }>('insert into folders (user_id, name) values ($1, $2) returning id', [
          owner,
          folderName,
        ])
      ).rows[0]?.id
    : null;
  for (const [externalId, position, note] of items) {
    await db.$client.query(
      `insert into bookmarks (user_id, document_id, section_anchor, folder_id, note, saved_revision_id)
       select $1, d.id, coalesce((select s.anchor from document_sections s
                                  where s.revision_id = d.published_revision_id and s.position = $3 and $3 > 0), ''),
              $4, $5, d.published_revision_id
       from documents d where d.external_id = $2
       on conflict do nothing`,
      [owner, externalId, position, folderId, note],
    );
  }
}

beforeAll(async () => {
  env = await startBrowserEnv();
  db = createDatabase(env.databaseUrl, { max: 2 });
  // The demo accounts' passwords are generated per installation: give the practitioner a known one.
  await env.setPassword([practitioner.email], PASSWORD);
}, 180_000);
afterAll(async () => {
  await db?.$client.end();
  await env?.close();
});

const HOSTILE_BODY = [
  'Intro with an inline <script>window.__pwned = "inline"; alert("inline")</script> tag.',
  '',
  '<script>window.__pwned = "block"; alert("block")</script>',
  '',
  '<img src="x" onerror="window.__pwned = \'img\'; alert(\'img\')">',
  '',
  "[a javascript link](javascript:window.__pwned='link';alert('link'))",
  '',
  '[an encoded one](JaVaScRiPt&#58;alert(1)) and [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '',
  '![image](javascript:alert("image"))',
  '',
  '<svg onload="window.__pwned = \'svg\'; alert(\'svg\')"><script>alert("svg script")</script></svg>',
  '',
  '<a href="javascript:alert(\'raw\')" onmouseover="alert(\'hover\')">raw anchor</a>',
  '',
  '<iframe src="javascript:alert(\'frame\')"></iframe><object data="javascript:alert(1)"></object>',
  '',
  '## Heading <img src=x onerror=alert("heading")>',
  '',
  '| Payload | Where |',
  '|---|---|',
  '| <script>alert("cell")</script> | [cell link](javascript:alert("cell")) |',
  '',
  '> <div onclick="alert(\'quote\')">quoted</div>',
  '',
  'A footnote.[^1]',
  '',
  '[^1]: <svg/onload=alert("footnote")> and [x](vbscript:msgbox(1))',
].join('\n');

interface InertReport {
  pwned: unknown;
  scriptsInMain: number;
  /** Scripts from elsewhere, and inline ones (their text, cut): only index.html's own may be there. */
  foreignScripts: string[];
  embedded: number;
  handlers: string[];
  badLinks: string[];
  path: string;
  text: string;
}

// Runs in the page (a string: this project's type check has no DOM library).
const INERT_REPORT = `(() => {
  const root = document.querySelector('main') ?? document.body;
  return {
    pwned: window.__pwned ?? null,
    scriptsInMain: root.querySelectorAll('script').length,
    foreignScripts: [...document.scripts]
      .filter((s) => !s.src || new URL(s.src).origin !== location.origin)
      .map((s) => s.src || s.textContent.slice(0, 80)),
    embedded: root.querySelectorAll('svg, iframe, object, embed, img').length,
    handlers: [...root.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => el.tagName + ' ' + a.name)),
    badLinks: [...root.querySelectorAll('a[href], [src]')]
      .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? '')
      .filter((url) => /^\\s*(javascript|data|vbscript):/i.test(url)),
    path: location.pathname,
    text: root.textContent ?? '',
  };
})()`;

describe('the reader in Chromium', () => {
  it('renders a hostile Markdown body inert: no script, handler, javascript: link or SVG runs', async () => {
    const editorId = await userId(editorEmail);
    const slug = await db.transaction(async (tx) => {
      const { document, revision } = await createDraft(tx, {
        authorId: editorId,
        content: {
          kind: 'advisory',
          title: 'Hostile payloads <img src=x onerror=alert("title")>',
          summary: '<script>alert("summary")</script>',
          publisher: '<svg onload=alert("publisher")>',
          authors: ['<b onmouseover=alert(1)>Author</b>'],
          jurisdictions: ['federal'],
          audience: 'both',
          documentDate: '2026-01-15',
          lastReviewedAt: null,
          citations: ['<script>alert("citation")</script>', '8 U.S.C. § 1101(a)(43)'],
          offenseTypes: [],
          consequences: [],
          body: HOSTILE_BODY,
        },
      });
      await publishRevision(tx, document.id, revision);
      return document.slug;
    });

    const { page, dialogs, errors } = await env.newPage();
    await env.signIn(page, practitioner.email, practitioner.password);
    await page.goto(`/documents/${slug}`);
    await documentText(page).waitFor();
    await page.getByText('Authorities cited').waitFor();
    // Give anything that could fire (onerror of a broken image, onload) the chance to.
    await page.waitForLoadState('networkidle');
    const body = documentText(page);
    await body.getByText('raw anchor').first().hover();
    await body.getByText('quoted').first().click();
    await body.getByText('a javascript link').first().click();

    expect(dialogs).toEqual([]);
    const report = await page.evaluate<InertReport>(INERT_REPORT);
    expect(report.pwned).toBeNull();
    expect(report.scriptsInMain).toBe(0);
    // index.html's own inline script (the session refresh, allowed by its hash in the CSP) and nothing else.
    const html = await (await fetch(`${env.baseUrl}/`)).text();
    const own = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) =>
      (m[1] ?? '').slice(0, 80),
    );
    expect(report.foreignScripts).toEqual(own);
    expect(report.embedded).toBe(0);
    expect(report.handlers).toEqual([]);
    expect(report.badLinks).toEqual([]);
    expect(report.path).toBe(`/documents/${slug}`);
    // The payloads are shown as text, so a reader sees what the author wrote.
    expect(report.text).toContain('<script>window.__pwned = "block"');
    expect(report.text).toContain('Hostile payloads <img src=x onerror=alert("title")>');
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  });

  it('the demo practitioner bookmarks a section into a new folder, then sees "updated since you saved it"', async () => {
    const advisory = await documentByExternalId('demo-adv-cal-pc-459-burglary');
    const { page, errors } = await env.newPage();
    await env.signIn(page, practitioner.email, practitioner.password);

    // Search, then open the hit.
    await openFromSearch(page, 'burglary', advisory.slug);
    await documentText(page).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/documents/${advisory.slug}`);

    // Bookmark the second section with a note into a new folder.
    const heading = documentText(page).locator('section[aria-labelledby]').nth(1);
    const headingText = (await heading.locator(':is(h2, h3)').textContent())?.trim() ?? '';
    expect(headingText).not.toBe('');
    await page.getByRole('button', { name: `Bookmark section: ${headingText}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Note (optional)').fill('Ramirez: second-degree burglary plea, check the safer-plea table');
    await dialog.getByLabel('Folder').selectOption({ label: 'New folder…' });
    await dialog.getByLabel('New folder name').fill('Ramirez plea');
    await dialog.getByRole('button', { name: 'Save bookmark' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toContain('Saved to My library');
    await expect
      .poll(() => page.getByRole('button', { name: `Edit bookmark of section: ${headingText}` }).count(), POLL)
      .toBe(1);

    // Find it in My library, in its folder.
    await page.getByRole('link', { name: 'My library' }).first().click();
    await page.waitForURL(/\/library/);
    await page.getByRole('button', { name: /Ramirez plea/ }).click();
    const item = page.locator('#main li.result').filter({ hasText: 'Ramirez: second-degree burglary plea' });
    await item.waitFor();
    await expect.poll(() => item.textContent(), POLL).toContain(headingText);
    expect(await item.textContent()).not.toContain('Updated since you saved it');
    await screenshot(page, 'my-library-before-update.png', { docs: false });

    // An editor publishes a new revision of the advisory.
    await publishEdit('demo-adv-cal-pc-459-burglary', (content) => ({
      ...content,
      lastReviewedAt: '2026-05-01',
      body: `${content.body}\n\n## Update (May 2026)\n\nA new appellate decision; see the revised safer-plea table.\n`,
    }));

    await page.reload();
    await page.getByRole('button', { name: /Ramirez plea/ }).click();
    const updated = page.locator('#main li.result').filter({ hasText: 'Ramirez: second-degree burglary plea' });
    await expect.poll(() => updated.textContent(), POLL).toContain('Updated since you saved it');
    // The bookmark still points at the same section.
    expect(
      await updated
        .getByRole('link', { name: /burglary/i })
        .first()
        .getAttribute('href'),
    ).toMatch(/#.+/);
    await screenshot(page, 'my-library.png');

    // The document says so too, and the bookmarked section is still marked.
    await updated.getByRole('link').first().click();
    await page.getByTestId('updated-since-saved').waitFor();
    expect(await page.getByTestId('updated-since-saved').textContent()).toContain('Updated since you saved it');
    expect(await page.getByRole('button', { name: `Edit bookmark of section: ${headingText}` }).count()).toBe(1);

    // Deleting the folder asks, and by default keeps its bookmark (now Unfiled).
    await page.getByRole('link', { name: 'My library' }).first().click();
    await page.getByRole('button', { name: /Ramirez plea/ }).click();
    await page.getByRole('button', { name: 'Delete folder' }).click();
    const ask = page.getByRole('dialog');
    expect(await ask.getByLabel(/Keep it: move to Unfiled/).isChecked()).toBe(true);
    await ask.getByRole('button', { name: 'Delete folder' }).click();
    await expect.poll(() => page.getByRole('button', { name: /Ramirez plea/ }).count(), POLL).toBe(0);
    await page.getByRole('button', { name: /Unfiled/ }).click();
    await page.locator('#main li.result').filter({ hasText: 'Ramirez: second-degree burglary plea' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('screenshots: an advisory with a table, a superseded advisory, a treatise chapter and the print view', async () => {
    const { page, context, errors } = await env.newPage();
    await env.signIn(page, practitioner.email, practitioner.password);

    const current = await documentByExternalId('demo-adv-crime-of-violence-2024-update');
    await page.goto(`/documents/${current.slug}`);
    await documentText(page).locator('table').first().waitFor();
    await page.getByText('Authorities cited').waitFor();
    await screenshot(page, 'document-page.png');
    await documentText(page).locator('table').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'document-table.png');

    // Copy link to a section: the address of the section, on the clipboard.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.baseUrl });
    const firstHeading = documentText(page).locator('section[aria-labelledby]').first();
    const anchor = await firstHeading.locator(':is(h2, h3)').getAttribute('id');
    await firstHeading.getByRole('button', { name: /Copy link to section/ }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toContain('copied');
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(
      `${env.baseUrl}/documents/${current.slug}#${anchor}`,
    );

    const old = await documentByExternalId('demo-adv-crime-of-violence-after-dimaya-2019');
    await page.goto(`/documents/${old.slug}`);
    const banner = page.getByRole('note', { name: 'Superseded' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Superseded');
    await banner.getByRole('link').waitFor();
    await screenshot(page, 'document-superseded.png');

    const treatise = await documentByExternalId('demo-treatise-crimmigration-handbook');
    await page.goto(`/documents/${treatise.slug}`);
    await page.getByRole('navigation', { name: 'Chapters' }).waitFor();
    await page.getByRole('link', { name: /Next chapter/ }).click();
    await expect.poll(() => page.getByTestId('chapter-position').textContent(), POLL).toContain('Chapter 1 of');
    // Framed from "Chapter 1 of 6" down, below the sticky bar.
    await page.evaluate(
      "document.querySelector('[data-testid=chapter-position]').scrollIntoView(); window.scrollBy(0, -72)",
    );
    await screenshot(page, 'treatise-chapter.png');

    // A link to a section opens its chapter scrolled to it; a section that is gone says so.
    await page.goto(`/documents/${treatise.slug}#2-3-drug-trafficking`);
    const target = page.locator('[id="2-3-drug-trafficking"]');
    await target.waitFor();
    await expect.poll(async () => (await target.boundingBox())?.y ?? -1, POLL).toBeLessThan(160);
    expect(await page.getByTestId('chapter-position').textContent()).toBe('Chapter 2 of 6');
    await page.goto(`/documents/${treatise.slug}#a-section-removed-long-ago`);
    await page.getByText('is not in the current version of this document').waitFor();

    await page.goto(`/documents/${current.slug}`);
    await documentText(page).waitFor();
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate<{ topbar: string; toc: string; meta: string; metaShown: string }>(`({
      topbar: getComputedStyle(document.querySelector('.topbar')).display,
      toc: getComputedStyle(document.querySelector('main aside')).display,
      meta: document.querySelector('[data-testid=print-meta]')?.textContent ?? '',
      metaShown: getComputedStyle(document.querySelector('[data-testid=print-meta]')).display,
    })`);
    expect(printed.topbar).toBe('none');
    expect(printed.toc).toBe('none');
    expect(printed.metaShown).toBe('block');
    expect(printed.meta).toContain(`/documents/${current.slug}`);
    expect(printed.meta).toMatch(/printed [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    await page.setViewportSize({ width: 816, height: 1056 });
    await screenshot(page, 'print-view.png');

    // My library with a few saved places: superseded, in folders, unfiled.
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 900 });
    await saveBookmarks(practitioner.email, 'Okafor — DUI and threats', [
      ['demo-adv-cal-vc-23152-dui', 1, 'Second DUI in 10 years: confirm no drug-related conduct in the record.'],
      ['demo-adv-cal-pc-422-criminal-threats', 2, 'Threats count may be a CIMT; look at the safer alternatives table.'],
      ['demo-adv-crime-of-violence-after-dimaya-2019', 0, 'Old analysis; compare with the 2024 update.'],
    ]);
    await saveBookmarks(practitioner.email, null, [
      ['demo-checklist-padilla-plea-advisement', 0, ''],
      ['ina-101-a43', 0, 'The (G) and (F) one-year rule.'],
    ]);
    await page.goto('/library');
    await page.locator('#main li.result').nth(4).waitFor();
    await screenshot(page, 'my-library-all.png', { fullPage: true });
    expect(errors).toEqual([]);
  });
});

/** The text of the open document. */
const documentText = (page: Page) => page.getByRole('article', { name: 'Document text' });

/** Opens a document the way a reader would: a query in the search box, then the hit. */
async function openFromSearch(page: Page, query: string, slug: string) {
  await page.goto('/');
  const box = page.locator('input[type="search"]').first();
  await box.fill(query);
  await box.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === query, POLL);
  await page.locator(`a[href^="/documents/${slug}"]`).first().click();
}
