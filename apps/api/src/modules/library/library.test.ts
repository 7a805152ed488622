import { bookmarks, documents } from '@kb/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../testing/harness';
import { contentOf, findRevision, insertRevision, publishRevision, updateDocument } from '../documents';
import { csvCell } from './library.export';

let ctx: TestContext;
let alice: TestUser;
let bob: TestUser;
let editor: TestUser;

const ADVISORY = 'demo-adv-cal-pc-459-burglary';
const DRAFT = 'demo-adv-draft-marijuana-rescheduling';
const SUPERSEDED = 'demo-adv-crime-of-violence-after-dimaya-2019';

/** Seeded documents by their external id (the demo file name), which does not change. */
async function seeded(externalId: string) {
  const [row] = await ctx.db.select().from(documents).where(eq(documents.externalId, externalId));
  if (!row) throw new Error(`no document ${externalId}`);
  return row;
}

async function sectionsOf(externalId: string): Promise<string[]> {
  const doc = await seeded(externalId);
  const response = await ctx.app.inject({ method: 'GET', url: `/api/documents/${doc.id}`, headers: alice.auth });
  return response.json().sections.map((s: { anchor: string }) => s.anchor);
}

/** Publishes a new revision of a document the way the editorial workflow does. */
async function publishNewRevision(externalId: string, edit: (body: string) => string) {
  const doc = await seeded(externalId);
  await ctx.db.transaction(async (tx) => {
    const head = await findRevision(tx, doc.headRevisionId ?? '');
    if (!head) throw new Error('no head revision');
    const content = contentOf(head);
    const revision = await insertRevision(tx, {
      documentId: doc.id,
      baseRevisionId: head.id,
      authorId: editor.id,
      note: 'Test update',
      content: { ...content, body: edit(content.body) },
    });
    await updateDocument(tx, doc.id, { headRevisionId: revision.id });
    await publishRevision(tx, doc.id, revision);
  });
}

const api = (user: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: user.auth, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  ctx = await createTestContext();
  [alice, bob, editor] = await Promise.all([ctx.user('reader'), ctx.user('reader'), ctx.user('editor')]);
});
afterAll(() => ctx.close());

describe('folders', () => {
  it('creates, lists with counts, renames and refuses duplicates and blank names', async () => {
    const created = await api(alice, 'POST', '/api/me/folders', { name: '  Client   Ramirez ' });
    expect(created.statusCode).toBe(201);
    const folder = created.json();
    expect(folder).toMatchObject({ name: 'Client Ramirez', bookmarkCount: 0 });

    const duplicate = await api(alice, 'POST', '/api/me/folders', { name: 'client ramirez' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.details.folderId).toBe(folder.id);

    for (const name of ['', '   ', 'tab\there', 'x'.repeat(101)]) {
      const bad = await api(alice, 'POST', '/api/me/folders', { name });
      expect(bad.statusCode, JSON.stringify(name)).toBe(400);
      expect(bad.json().error.code).toMatch(/validation_failed|bad_request/);
    }

    const renamed = await api(alice, 'PATCH', `/api/me/folders/${folder.id}`, { name: 'Ramirez — plea' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('Ramirez — plea');

    await api(alice, 'POST', '/api/me/folders', { name: 'Other' });
    const clash = await api(alice, 'PATCH', `/api/me/folders/${folder.id}`, { name: 'OTHER' });
    expect(clash.statusCode).toBe(409);

    const list = await api(alice, 'GET', '/api/me/folders');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((f: { name: string }) => f.name)).toEqual(['Other', 'Ramirez — plea']);
    expect((await api(alice, 'GET', `/api/me/folders/${folder.id}`)).json().name).toBe('Ramirez — plea');
  });

  it('deleting a folder moves its bookmarks to Unfiled by default, deletes them only when asked', async () => {
    const doc = await seeded(ADVISORY);
    const [first, second] = await sectionsOf(ADVISORY);
    const keep = (await api(alice, 'POST', '/api/me/folders', { name: 'Keep bookmarks' })).json();
    const drop = (await api(alice, 'POST', '/api/me/folders', { name: 'Drop bookmarks' })).json();
    const kept = await api(alice, 'POST', '/api/me/bookmarks', {
      documentId: doc.id,
      sectionAnchor: first,
      folderId: keep.id,
      note: 'kept',
    });
    expect(kept.statusCode).toBe(201);
    const dropped = await api(alice, 'POST', '/api/me/bookmarks', {
      documentId: doc.id,
      sectionAnchor: second,
      folderId: drop.id,
    });
    expect(dropped.statusCode).toBe(201);
    expect((await api(alice, 'GET', `/api/me/folders/${keep.id}`)).json().bookmarkCount).toBe(1);

    const unfiled = await api(alice, 'DELETE', `/api/me/folders/${keep.id}`);
    expect(unfiled.json()).toEqual({ ok: true, unfiledBookmarks: 1, deletedBookmarks: 0 });
    const stillThere = await api(alice, 'GET', `/api/me/bookmarks/${kept.json().id}`);
    expect(stillThere.statusCode).toBe(200);
    expect(stillThere.json()).toMatchObject({ folderId: null, note: 'kept' });

    const deleted = await api(alice, 'DELETE', `/api/me/folders/${drop.id}?bookmarks=delete`);
    expect(deleted.json()).toEqual({ ok: true, unfiledBookmarks: 0, deletedBookmarks: 1 });
    expect((await api(alice, 'GET', `/api/me/bookmarks/${dropped.json().id}`)).statusCode).toBe(404);
    expect((await api(alice, 'GET', `/api/me/folders/${drop.id}`)).statusCode).toBe(404);
    expect((await api(alice, 'DELETE', `/api/me/folders/${drop.id}`)).statusCode).toBe(404);
    expect((await api(alice, 'DELETE', `/api/me/folders/${keep.id}?bookmarks=everything`)).statusCode).toBe(400);
    expect((await api(alice, 'GET', '/api/me/folders')).json().unfiledCount).toBeGreaterThanOrEqual(1);
  });
});

describe('bookmarks', () => {
  it('creates, reads, lists, edits, moves and deletes a bookmark of a section and of a document', async () => {
    const doc = await seeded(ADVISORY);
    const anchors = await sectionsOf(ADVISORY);
    const anchor = anchors[2] ?? '';
    const folder = (await api(alice, 'POST', '/api/me/folders', { name: 'Burglary research' })).json();

    const created = await api(alice, 'POST', '/api/me/bookmarks', {
      documentId: doc.id,
      sectionAnchor: anchor,
      note: 'Use for the Ramirez plea',
      folderId: folder.id,
    });
    expect(created.statusCode).toBe(201);
    const bookmark = created.json();
    expect(bookmark).toMatchObject({
      folderId: folder.id,
      note: 'Use for the Ramirez plea',
      sectionAnchor: anchor,
      sectionMissing: false,
      updatedSinceSaved: false,
      superseded: false,
      document: { id: doc.id, slug: doc.slug, available: true, kind: 'advisory' },
    });
    expect(bookmark.sectionHeading).toBeTruthy();

    const whole = await api(alice, 'POST', '/api/me/bookmarks', { documentId: doc.id });
    expect(whole.statusCode).toBe(201);
    expect(whole.json()).toMatchObject({ sectionAnchor: null, sectionHeading: null, folderId: null });

    const inFolder = await api(alice, 'GET', `/api/me/bookmarks?folder=${folder.id}`);
    expect(inFolder.json().items.map((b: { id: string }) => b.id)).toEqual([bookmark.id]);
    const unfiled = await api(alice, 'GET', '/api/me/bookmarks?folder=unfiled');
    expect(unfiled.json().items.map((b: { id: string }) => b.id)).toContain(whole.json().id);
    const forDocument = await api(alice, 'GET', `/api/me/bookmarks?documentId=${doc.id}`);
    expect(forDocument.json().items.length).toBeGreaterThanOrEqual(2);
    const byNote = await api(alice, 'GET', '/api/me/bookmarks?q=ramirez%20plea');
    expect(byNote.json().items.map((b: { id: string }) => b.id)).toEqual([bookmark.id]);
    const hostile = await api(alice, 'GET', `/api/me/bookmarks?q=${encodeURIComponent("%_\\' or 1=1 --")}`);
    expect(hostile.statusCode).toBe(200);
    expect(hostile.json().items).toEqual([]);

    const edited = await api(alice, 'PATCH', `/api/me/bookmarks/${bookmark.id}`, {
      note: 'Revised note',
      folderId: null,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ note: 'Revised note', folderId: null });
    const moved = await api(alice, 'PATCH', `/api/me/bookmarks/${bookmark.id}`, { folderId: folder.id });
    expect(moved.json()).toMatchObject({ note: 'Revised note', folderId: folder.id });

    expect((await api(alice, 'DELETE', `/api/me/bookmarks/${bookmark.id}`)).statusCode).toBe(204);
    expect((await api(alice, 'GET', `/api/me/bookmarks/${bookmark.id}`)).statusCode).toBe(404);
    expect((await api(alice, 'DELETE', `/api/me/bookmarks/${bookmark.id}`)).statusCode).toBe(404);
  });

  it('rejects bad input with 4xx: unknown section, unknown folder, bad ids, drafts, oversized notes', async () => {
    const doc = await seeded(ADVISORY);
    const draft = await seeded(DRAFT);
    const cases: Array<[object, number]> = [
      [{ documentId: doc.id, sectionAnchor: 'no-such-section' }, 400],
      [{ documentId: doc.id, folderId: '00000000-0000-4000-8000-000000000000' }, 404],
      [{ documentId: 'not-a-uuid' }, 400],
      [{ documentId: '00000000-0000-4000-8000-000000000000' }, 404],
      [{ documentId: draft.id }, 404],
      [{ documentId: doc.id, note: 'x'.repeat(10_001) }, 400],
      [{}, 400],
    ];
    for (const [payload, status] of cases) {
      const response = await api(alice, 'POST', '/api/me/bookmarks', payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(status);
      expect(response.json().error.code).toBeTruthy();
    }
    expect((await api(alice, 'GET', '/api/me/bookmarks/not-a-uuid')).statusCode).toBe(400);
    expect((await api(alice, 'GET', '/api/me/bookmarks?folder=nope')).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me/bookmarks' })).statusCode).toBe(401);
  });

  it('never makes two rows for the same section: identical → 200, different note → 409, 20 at once → 1 row', async () => {
    const doc = await seeded(ADVISORY);
    const anchor = (await sectionsOf(ADVISORY))[1] ?? '';
    const payload = { documentId: doc.id, sectionAnchor: anchor, note: 'same' };
    const first = await api(bob, 'POST', '/api/me/bookmarks', payload);
    expect(first.statusCode).toBe(201);
    const again = await api(bob, 'POST', '/api/me/bookmarks', payload);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const different = await api(bob, 'POST', '/api/me/bookmarks', { ...payload, note: 'another note' });
    expect(different.statusCode).toBe(409);
    expect(different.json().error.details.bookmarkId).toBe(first.json().id);

    const concurrentPayload = { documentId: doc.id, sectionAnchor: (await sectionsOf(ADVISORY))[3] ?? '' };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => api(bob, 'POST', '/api/me/bookmarks', concurrentPayload)),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    const rows = await ctx.db
      .select()
      .from(bookmarks)
      .where(
        and(
          eq(bookmarks.userId, bob.id),
          eq(bookmarks.documentId, doc.id),
          eq(bookmarks.sectionAnchor, concurrentPayload.sectionAnchor),
        ),
      );
    expect(rows).toHaveLength(1);
  });

  it("another user's bookmark or folder is a 404 for read, update and delete, and never listed", async () => {
    const doc = await seeded('demo-adv-cal-pc-496-receiving-stolen-property');
    const folder = (await api(alice, 'POST', '/api/me/folders', { name: 'Private to Alice' })).json();
    const bookmark = (
      await api(alice, 'POST', '/api/me/bookmarks', { documentId: doc.id, folderId: folder.id, note: 'secret' })
    ).json();
    expect(bookmark.id).toBeTruthy();

    const attempts: Array<[Parameters<typeof api>[1], string, object?]> = [
      ['GET', `/api/me/bookmarks/${bookmark.id}`],
      ['PATCH', `/api/me/bookmarks/${bookmark.id}`, { note: 'hijacked' }],
      ['DELETE', `/api/me/bookmarks/${bookmark.id}`],
      ['GET', `/api/me/folders/${folder.id}`],
      ['PATCH', `/api/me/folders/${folder.id}`, { name: 'hijacked' }],
      ['DELETE', `/api/me/folders/${folder.id}`],
      ['DELETE', `/api/me/folders/${folder.id}?bookmarks=delete`],
      ['GET', `/api/me/bookmarks/export?folder=${folder.id}&format=csv`],
    ];
    for (const [method, url, payload] of attempts) {
      const response = await api(bob, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    // Bob cannot file his own bookmark into Alice's folder, nor see her bookmarks in lists.
    const intoHers = await api(bob, 'POST', '/api/me/bookmarks', { documentId: doc.id, folderId: folder.id });
    expect(intoHers.statusCode).toBe(404);
    const bobs = (await api(bob, 'POST', '/api/me/bookmarks', { documentId: doc.id })).json();
    expect((await api(bob, 'PATCH', `/api/me/bookmarks/${bobs.id}`, { folderId: folder.id })).statusCode).toBe(404);
    const listed = await api(bob, 'GET', `/api/me/bookmarks?folder=${folder.id}`);
    expect(listed.json().items).toEqual([]);
    const all = await api(bob, 'GET', '/api/me/bookmarks');
    expect(all.json().items.map((b: { id: string }) => b.id)).not.toContain(bookmark.id);
    expect((await api(bob, 'GET', '/api/me/folders')).json().items.map((f: { id: string }) => f.id)).not.toContain(
      folder.id,
    );

    // Nothing changed for Alice.
    const hers = await api(alice, 'GET', `/api/me/bookmarks/${bookmark.id}`);
    expect(hers.json()).toMatchObject({ note: 'secret', folderId: folder.id });
    expect((await api(alice, 'GET', `/api/me/folders/${folder.id}`)).json().name).toBe('Private to Alice');
  });

  it('tells "updated since you saved it", "superseded", and a section gone from the current revision', async () => {
    const reader = await ctx.user('reader');
    const doc = await seeded('demo-adv-cal-vc-23152-dui');
    const anchors = await sectionsOf('demo-adv-cal-vc-23152-dui');
    const doomed = anchors.at(-1) ?? '';
    const staying = anchors[1] ?? '';
    const saved = (
      await api(reader, 'POST', '/api/me/bookmarks', { documentId: doc.id, sectionAnchor: doomed })
    ).json();
    const savedStaying = (
      await api(reader, 'POST', '/api/me/bookmarks', { documentId: doc.id, sectionAnchor: staying })
    ).json();
    const savedHeading = saved.sectionHeading;
    expect(saved.updatedSinceSaved).toBe(false);

    // The editor publishes a revision that renames the last section's heading.
    await publishNewRevision('demo-adv-cal-vc-23152-dui', (body) => {
      const lines = body.split('\n');
      const index = lines.findLastIndex((l) => /^#{1,3} /.test(l));
      lines[index] = '## A heading that did not exist before';
      return lines.join('\n');
    });
    const after = (await api(reader, 'GET', `/api/me/bookmarks/${saved.id}`)).json();
    expect(after).toMatchObject({ updatedSinceSaved: true, sectionMissing: true, sectionHeading: savedHeading });
    const stayingAfter = (await api(reader, 'GET', `/api/me/bookmarks/${savedStaying.id}`)).json();
    expect(stayingAfter).toMatchObject({ updatedSinceSaved: true, sectionMissing: false });

    // Marking it seen clears "updated"; a new bookmark saved now is not "updated".
    const seen = await api(reader, 'PATCH', `/api/me/bookmarks/${savedStaying.id}`, { markSeen: true });
    expect(seen.json().updatedSinceSaved).toBe(false);

    const old = await seeded(SUPERSEDED);
    const onOld = (await api(reader, 'POST', '/api/me/bookmarks', { documentId: old.id })).json();
    expect(onOld).toMatchObject({
      superseded: true,
      supersededBy: { id: (await seeded('demo-adv-crime-of-violence-2024-update')).id },
      updatedSinceSaved: false,
    });
  });

  it('keeps a bookmark of a withdrawn document, marked unavailable, with the title the user saw', async () => {
    const reader = await ctx.user('reader');
    const doc = await seeded('demo-adv-cal-pc-422-criminal-threats');
    const saved = (await api(reader, 'POST', '/api/me/bookmarks', { documentId: doc.id, note: 'keep me' })).json();
    await ctx.db.update(documents).set({ status: 'archived' }).where(eq(documents.id, doc.id));
    const after = await api(reader, 'GET', `/api/me/bookmarks/${saved.id}`);
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({
      note: 'keep me',
      document: { available: false, title: saved.document.title },
    });
    await ctx.db.update(documents).set({ status: 'published' }).where(eq(documents.id, doc.id));
  });
});

describe('export', () => {
  it('exports a folder as Markdown and as CSV with cells that cannot run as formulas', async () => {
    const reader = await ctx.user('reader');
    const doc = await seeded(ADVISORY);
    const statute = await seeded('ina-101-a43');
    const folder = (await api(reader, 'POST', '/api/me/folders', { name: 'Export me' })).json();
    await api(reader, 'POST', '/api/me/bookmarks', {
      documentId: doc.id,
      folderId: folder.id,
      note: '=HYPERLINK("http://evil.example","click") [x](javascript:alert(1))',
    });
    await api(reader, 'POST', '/api/me/bookmarks', { documentId: statute.id, folderId: folder.id, note: '@SUM(A1)' });

    const csv = await api(reader, 'GET', `/api/me/bookmarks/export?folder=${folder.id}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="Export-me-citations.csv"');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('"Title","Section"');
    expect(lines[0]).toContain('"Document date","Last reviewed","Revision"');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")`);
    expect(csv.body).toContain(`"'@SUM(A1)"`);
    expect(csv.body).not.toMatch(/(^|,)"[=+\-@]/m);
    expect(csv.body).toContain(`/documents/${statute.slug}`);

    const md = await api(reader, 'GET', `/api/me/bookmarks/export?folder=${folder.id}&format=markdown`);
    expect(md.statusCode).toBe(200);
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.body).toContain('# Export me — citation list');
    expect(md.body).toContain('Citation: INA § 101(a)(43)');
    // The note's link syntax is escaped, so it is text in any Markdown viewer.
    expect(md.body).toContain('\\[x\\](javascript:alert(1))');

    expect((await api(reader, 'GET', '/api/me/bookmarks/export?format=pdf')).statusCode).toBe(400);
    const all = await api(reader, 'GET', '/api/me/bookmarks/export?format=markdown');
    expect(all.body).toContain('# My library — citation list');
  });

  it('neutralizes every formula trigger in a CSV cell', () => {
    for (const value of ['=1+1', '+1', '-1', '@x', '\tx', '\rx']) expect(csvCell(value)).toMatch(/^"'/);
    expect(csvCell('plain "quoted"')).toBe('"plain ""quoted"""');
  });
});
