import type { AuthorityStatusResponse, DocumentView, ReviewQueueResponse } from '@kb/contracts';
import { PRIMARY_SOURCE_KINDS } from '@kb/contracts';
import { documentEvents } from '@kb/db';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, eventually, type TestContext, type TestUser } from '../../testing/harness';

let ctx: TestContext;
let reader: TestUser;
let admin: TestUser;

const get = (user: TestUser, url: string) => ctx.app.inject({ method: 'GET', url, headers: user.auth });
const putStatus = (user: TestUser, payload: unknown) =>
  ctx.app.inject({ method: 'PUT', url: '/api/authorities/status', headers: user.auth, payload: payload as object });

async function view(idOrSlug: string, user = reader): Promise<DocumentView> {
  const response = await get(user, `/api/documents/${idOrSlug}`);
  expect(response.statusCode, idOrSlug).toBe(200);
  return response.json();
}

/** Every published document (readers' list), by id. */
async function publishedDocuments(): Promise<Array<{ id: string; slug: string; kind: string }>> {
  const all: Array<{ id: string; slug: string; kind: string }> = [];
  for (let page = 1; ; page++) {
    const response = await get(reader, `/api/documents?perPage=100&page=${page}`);
    const { items, total } = response.json();
    all.push(...items);
    if (all.length >= total || items.length === 0) return all;
  }
}

let published: Array<{ id: string; slug: string; kind: string }>;

beforeAll(async () => {
  ctx = await createTestContext({ indexAll: true });
  [reader, admin] = await Promise.all([ctx.user('reader'), ctx.user('admin')]);
  published = await publishedDocuments();
}, 120_000);
afterAll(() => ctx.close());

/** The seeded primary source of `kinds` cited by the most published documents. */
async function mostCited(kinds: string[]) {
  let best: DocumentView | null = null;
  for (const doc of published.filter((d) => kinds.includes(d.kind))) {
    const candidate = await view(doc.id);
    if (!best || candidate.citedByCount > best.citedByCount) best = candidate;
  }
  if (!best) throw new Error('no primary source');
  return best;
}

describe('the citation graph over the seed (acceptance 2)', () => {
  it("lists a primary source's citing documents: as many as the published documents whose citations resolve to it", async () => {
    const source = await mostCited(PRIMARY_SOURCE_KINDS);
    expect(source.citedByCount).toBeGreaterThan(0);
    // Counted another way: each published document's own citation links (GET …/related).
    let resolving = 0;
    for (const doc of published) {
      const related = await get(reader, `/api/documents/${doc.id}/related`);
      const links: Array<{ document: { id: string } | null }> = related.json().citations;
      if (links.some((l) => l.document?.id === source.id)) resolving++;
    }
    expect(source.citedByCount).toBe(resolving);
    expect(source.citedBy.length).toBe(Math.min(resolving, 100));
    // Newest first.
    const dates = source.citedBy.map((c) => c.publishedAt ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
    // Each citing document lists it among what it cites.
    const citing = await view(source.citedBy[0]?.slug ?? '');
    expect(citing.cites.some((c) => c.document?.id === source.id)).toBe(true);
  }, 120_000);

  it('serves the authority cards, each matching the citations of the cases it names', async () => {
    const list = await get(reader, '/api/authorities');
    expect(list.statusCode).toBe(200);
    const items: Array<{ slug: string; name: string; citedByCount: number }> = list.json().items;
    expect(items.length).toBe(27);
    const padilla = items.find((i) => i.name === 'Padilla v. Kentucky');
    expect(padilla).toBeTruthy();
    const card = await get(reader, `/api/authorities/${padilla?.slug}`);
    expect(card.statusCode).toBe(200);
    expect(card.json()).toMatchObject({ court: 'U.S. Supreme Court', decidedOn: '2010-03-31', status: null });
    expect(card.json().citedByCount).toBe(padilla?.citedByCount);
    expect((await get(reader, '/api/authorities/no-such-case')).statusCode).toBe(404);
  });
});

describe('an authority vacated (acceptance 1)', () => {
  it('makes what cites it need review at once: document, search hit, bookmark, queue; reviewing clears one', async () => {
    const source = await mostCited(['agency_decision', 'court_opinion']);
    expect(source.citedByCount).toBeGreaterThanOrEqual(2);
    const [first, second] = source.citedBy;
    if (!first || !second) throw new Error('need two citing documents');
    expect((await view(first.id)).needsReview).toBe(false);

    const saved = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/bookmarks',
      headers: reader.auth,
      payload: { documentId: first.id },
    });
    expect(saved.statusCode).toBe(201);

    const flagged = await putStatus(admin, {
      documentId: source.id,
      status: 'vacated',
      date: '2026-11-02',
      by: 'Test v. Flag, 1 F.4th 1 (9th Cir. 2026)',
      note: 'Vacated on review.',
    });
    expect(flagged.statusCode, flagged.body).toBe(200);
    const flag: AuthorityStatusResponse = flagged.json();
    expect(flag.status).toMatchObject({ status: 'vacated', date: '2026-11-02' });
    expect(flag.needsReviewCount).toBe(source.citedByCount);
    const started = Date.now();

    // Followers hear of it: one needs_review event per citing document, written with the flag (#17).
    const events = await ctx.db
      .select()
      .from(documentEvents)
      .where(
        and(
          eq(documentEvents.kind, 'needs_review'),
          inArray(
            documentEvents.documentId,
            source.citedBy.map((c) => c.id),
          ),
        ),
      );
    expect(events.length).toBe(source.citedByCount);
    expect(events[0]?.payload.reason).toContain('vacated on 2026-11-02');

    // The source shows its status; every citing document needs review, and says why.
    expect((await view(source.id)).authorityStatus?.status).toBe('vacated');
    for (const citing of source.citedBy) {
      const doc = await view(citing.id);
      expect(doc.needsReview, citing.slug).toBe(true);
      expect(doc.reviewReasons[0]).toMatchObject({ status: 'vacated', date: '2026-11-02', name: source.title });
      expect(doc.cites.find((c) => c.document?.id === source.id)?.status?.status).toBe('vacated');
    }
    expect(Date.now() - started).toBeLessThan(1000 * source.citedBy.length);

    // The reader's bookmark carries the badge.
    const bookmarks = (await get(reader, '/api/me/bookmarks')).json().items;
    expect(bookmarks.find((b: { document: { id: string } }) => b.document.id === first.id)?.document.needsReview).toBe(
      true,
    );

    // Search cards too.
    const title = (await view(first.id)).title;
    const search = await get(reader, `/api/search?q=${encodeURIComponent(`"${title}"`)}`);
    const hit = search.json().hits.find((h: { documentId: string }) => h.documentId === first.id);
    if (hit) expect(hit.needsReview).toBe(true);

    // The editors' queue (a network admin sees every organization's).
    const queue: ReviewQueueResponse = (
      await get(admin, '/api/editor/review-queue?reason=authority&perPage=100')
    ).json();
    const queued = queue.items.filter((i) => source.citedBy.some((c) => c.id === i.id));
    const guidance = source.citedBy.filter((c) => !(PRIMARY_SOURCE_KINDS as string[]).includes(c.kind));
    expect(queued.length).toBe(guidance.length);
    // Most bookmarked first; readers' visits are counted (in the background).
    expect(queue.items[0]?.bookmarkCount).toBeGreaterThanOrEqual(1);
    await eventually(async () => {
      const again: ReviewQueueResponse = (
        await get(admin, '/api/editor/review-queue?reason=authority&perPage=100')
      ).json();
      const item = again.items.find((i) => i.id === first.id);
      expect(item?.readCount).toBeGreaterThan(0);
      expect(item?.lastReadAt).not.toBeNull();
      return true;
    });

    // Reviewing one clears it for that one only.
    const reviewed = await ctx.app.inject({
      method: 'POST',
      url: `/api/documents/${first.id}/review`,
      headers: admin.auth,
      payload: { note: 'Checked against the vacatur: the advice stands on other grounds.' },
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json().needsReview).toBe(false);
    const after = await view(first.id);
    expect(after.needsReview).toBe(false);
    expect(after.lastReviewedAt).toBe(new Date().toISOString().slice(0, 10));
    expect((await view(second.id)).needsReview).toBe(true);
    // The bookmark: no badge now, and "what changed since you saved it" spans the review's revision.
    const mark = (await get(reader, '/api/me/bookmarks'))
      .json()
      .items.find((b: { document: { id: string } }) => b.document.id === first.id);
    expect(mark.document.needsReview).toBe(false);
    expect(mark.currentRevision.number).toBe(after.revisionNumber);
    expect(mark.savedRevision.number).toBeLessThan(mark.currentRevision.number);
    expect(mark.updatedSinceSaved).toBe(true);
    // The review is in the audit trail and the history, as a change note.
    const history = (await get(admin, `/api/documents/${first.id}/revisions`)).json();
    expect(JSON.stringify(history)).toContain('Reviewed: Checked against the vacatur');

    // `good` clears the flag everywhere; the history keeps both entries.
    const cleared = await putStatus(admin, {
      citation: source.citations[0] ?? source.title,
      status: 'good',
      date: '2026-11-03',
      by: '',
      note: 'Reinstated.',
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().status).toBeNull();
    expect(cleared.json().history.map((h: { status: string }) => h.status)).toEqual(['good', 'vacated']);
    expect((await view(second.id)).needsReview).toBe(false);
  }, 60_000);

  it('flags an external citation through its authority card', async () => {
    const card = (await get(reader, '/api/authorities'))
      .json()
      .items.find((i: { citedByCount: number }) => i.citedByCount > 0);
    const flagged = await putStatus(admin, {
      citation: card.citation,
      status: 'questioned',
      date: '2026-10-01',
      by: 'A later case',
      note: '',
    });
    expect(flagged.statusCode, flagged.body).toBe(200);
    expect(flagged.json().authority.slug).toBe(card.slug);
    expect(flagged.json().needsReviewCount).toBe(card.citedByCount);
    const shown = (await get(reader, `/api/authorities/${card.slug}`)).json();
    expect(shown.status.status).toBe('questioned');
    const citing = await view(shown.citedBy[0].id);
    expect(citing.needsReview).toBe(true);
    expect(citing.reviewReasons[0]?.authority?.slug).toBe(card.slug);
  });
});

describe('hostile input', () => {
  it('answers 4xx JSON, never 500, and lets only editors flag', async () => {
    const editor = await ctx.user('editor');
    const some = published.find((d) => d.kind === 'court_opinion') ?? published[0];
    const good = { documentId: some?.id, status: 'vacated', date: '2026-01-01', by: 'x', note: 'y' };
    const cases: Array<[TestUser | null, unknown, number]> = [
      [reader, good, 403],
      [null, good, 401],
      [editor, { ...good, status: 'deleted' }, 400],
      [editor, { ...good, date: '2026-02-30' }, 400],
      [editor, { ...good, date: 'yesterday' }, 400],
      [editor, { ...good, citation: 'Padilla v. Kentucky, 559 U.S. 356' }, 400],
      [editor, { status: 'vacated', date: '2026-01-01', by: '', note: '' }, 400],
      [editor, { ...good, documentId: '00000000-0000-4000-8000-000000000000' }, 404],
      [editor, { ...good, documentId: 'not-a-uuid' }, 400],
      [editor, { citation: '\u0000\u0001', status: 'vacated', date: '2026-01-01', by: '', note: '' }, 400],
      [editor, { ...good, note: 'x'.repeat(6000) }, 400],
      [editor, [good], 400],
      [editor, 'vacated', 415],
    ];
    for (const [user, payload, status] of cases) {
      const response = await ctx.app.inject({
        method: 'PUT',
        url: '/api/authorities/status',
        headers: user ? user.auth : {},
        payload: payload as object,
      });
      expect(response.statusCode, JSON.stringify(payload).slice(40, 160)).toBe(status);
      expect(response.json().error.code).toBeTruthy();
    }
    expect((await get(reader, '/api/editor/review-queue')).statusCode).toBe(403);
    expect((await get(editor, '/api/editor/review-queue?perPage=0')).statusCode).toBe(400);
    expect((await get(editor, '/api/editor/review-queue?reason=everything')).statusCode).toBe(400);
    expect((await get(reader, '/api/authorities/%00')).statusCode).toBe(400);
    const review = (id: string, payload: unknown, user = editor) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/documents/${id}/review`,
        headers: user.auth,
        payload: payload as object,
      });
    expect((await review(some?.id ?? '', { note: '' })).statusCode).toBe(400);
    expect((await review(some?.id ?? '', {})).statusCode).toBe(400);
    expect((await review('00000000-0000-4000-8000-000000000000', { note: 'ok' })).statusCode).toBe(404);
    // A public-domain opinion belongs to no organization: an organization's editor may not review it.
    expect((await review(some?.id ?? '', { note: 'ok' })).statusCode).toBe(403);
    expect((await review(some?.id ?? '', { note: 'ok' }, reader)).statusCode).toBe(403);
  });
});
