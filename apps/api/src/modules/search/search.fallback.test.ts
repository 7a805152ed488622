import { SEARCH_FACETS, type SearchResponse, type SuggestResponse } from '@kb/contracts';
import { documents, revisions } from '@kb/db';
import { freePort } from '@kb/embedded';
import { eq, inArray } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advisory, archiveDocument, createAppWithMeilisearch, publishNewDocument, uniqueWord } from '../../testing';
import { eventually } from '../../testing/harness';

/**
 * Meilisearch unreachable (nothing listens on its port): the search answers from PostgreSQL,
 * marked degraded, with the same rules — published only, the same filters, facet counts that
 * match the totals — and publishing still works.
 */
let ctx: Awaited<ReturnType<typeof createAppWithMeilisearch>>;
let auth: { authorization: string };
let draftId: string;

beforeAll(async () => {
  ctx = await createAppWithMeilisearch({ meiliUrl: `http://127.0.0.1:${await freePort()}`, meiliKey: 'none' });
  auth = (await ctx.user('reader')).auth;
  const [draft] = await ctx.db
    .select({ id: documents.id })
    .from(documents)
    .where(eq(documents.externalId, 'demo-adv-draft-marijuana-rescheduling'));
  draftId = draft?.id ?? '';
}, 120_000);
afterAll(() => ctx?.close());

async function search(params: Record<string, string | number | string[]>): Promise<SearchResponse> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) query.append(key, String(v));
  }
  const response = await ctx.app.inject({ method: 'GET', url: `/api/search?${query}`, headers: auth });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json() as SearchResponse;
  expect(body.degraded).toBe(true);
  return body;
}

describe('search when Meilisearch is down', () => {
  it('answers from PostgreSQL, degraded, quickly, in the same shape', async () => {
    const started = Date.now();
    const result = await search({ q: 'petty theft', perPage: 5 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.total).toBeGreaterThan(0);
    expect(result.hits.map((h) => h.externalId)).toContain('demo-adv-cal-pc-484-488-petty-theft');
    const hit = result.hits[0];
    expect(hit?.section.anchor).toMatch(/^[a-z0-9-]+$/);
    expect(hit?.snippet.some((p) => p.match)).toBe(true);
    expect(result.hits.flatMap((h) => h.snippet).every((p) => !/[\u0002\u0003<>]/.test(p.text))).toBe(true);
    expect(Object.keys(result.facets)).toEqual([...SEARCH_FACETS]);
    expect(new Set(result.hits.map((h) => h.documentId)).size).toBe(result.hits.length);
  });

  it('filters by consequence (with its subparagraphs) and counts facets that match the totals', async () => {
    const af = await search({ consequence: 'aggravated-felony', perPage: 100 });
    const rows = await ctx.db
      .select({ consequences: revisions.consequences })
      .from(documents)
      .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
      .where(
        inArray(
          documents.id,
          af.hits.map((h) => h.documentId),
        ),
      );
    expect(rows).toHaveLength(af.total);
    for (const row of rows)
      expect(row.consequences.some((c) => c === 'aggravated-felony' || c.startsWith('af-'))).toBe(true);
    for (const q of ['', 'deportation']) {
      const all = await search({ q, perPage: 1 });
      for (const facet of SEARCH_FACETS) {
        for (const [value, count] of Object.entries(all.facets[facet]).slice(0, 4)) {
          expect((await search({ q, [facet]: value, perPage: 1 })).total, `${facet}=${value} "${q}"`).toBe(count);
        }
      }
    }
    // Disjunctive: a facet's own filter does not narrow its own counts.
    const cimt = await search({ q: 'deportation', consequence: 'cimt', perPage: 1 });
    const unfiltered = await search({ q: 'deportation', perPage: 1 });
    expect(cimt.facets.consequence).toEqual(unfiltered.facets.consequence);
  });

  it('understands the lawyer vocabulary too: phrases, abbreviations, filler words', async () => {
    // "CMT", "green card holder" and "wife beating" are nowhere in the guidance: their meanings are.
    const dv = await search({ q: 'wife beating', perPage: 10 });
    expect(dv.hits.map((h) => h.externalId)).toContain('demo-adv-cal-pc-273-5-243e1-domestic-violence');
    const cmt = await search({ q: 'CMT theft', perPage: 10 });
    expect(cmt.hits.map((h) => h.externalId)).toContain('demo-adv-cal-pc-484-488-petty-theft');
    const fact = await search({ q: 'my client is a green card holder charged with shoplifting', perPage: 10 });
    expect(fact.hits.map((h) => h.externalId)).toContain('demo-adv-cal-pc-484-488-petty-theft');
  });

  it('never shows a draft, and treats hostile values as text', async () => {
    const cases: Array<Record<string, string | number>> = [
      { q: 'marijuana rescheduling', perPage: 100 },
      { offenseType: 'controlled-substances', perPage: 100 },
      { publisher: '" OR status = "draft', perPage: 100 },
      { publisher: "x' or 1=1 --", perPage: 100 },
      { q: "'; drop table documents; --" },
      { q: 'a & | ! :* ( )' },
    ];
    for (const params of cases) {
      const result = await search(params);
      expect(JSON.stringify(result)).not.toContain(draftId);
    }
    expect((await search({ publisher: '" OR status = "draft' })).total).toBe(0);
  });

  it('sees a publish at once (PostgreSQL is the truth) and an archive too', async () => {
    const word = uniqueWord();
    const id = await publishNewDocument(ctx.db, advisory(word));
    expect((await search({ q: word })).hits.map((h) => h.documentId)).toEqual([id]);
    await archiveDocument(ctx.db, id);
    expect((await search({ q: word })).total).toBe(0);
  });

  it('suggests from PostgreSQL and reports the outage to admins', async () => {
    const suggest = await ctx.app.inject({ method: 'GET', url: '/api/search/suggest?q=Padilla', headers: auth });
    expect(suggest.statusCode).toBe(200);
    const body = suggest.json() as SuggestResponse;
    expect(body.degraded).toBe(true);
    expect(body.suggestions.some((s) => s.type === 'document' && /Padilla/.test(s.text))).toBe(true);
    const admin = await ctx.user('admin');
    await publishNewDocument(ctx.db, advisory(uniqueWord()));
    const status = await ctx.app.inject({ method: 'GET', url: '/api/admin/search/status', headers: admin.auth });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ healthy: false, indexedSections: null });
    expect(status.json().pending + status.json().failing).toBeGreaterThan(0);
  });

  it('runs at most four fallback searches at once: a fifth gets a 503 with Retry-After at once', async () => {
    // Hold the sections table so that fallback searches wait, as they would on an overloaded database.
    const locker = new pg.Client({ connectionString: ctx.databaseUrl });
    await locker.connect();
    let waiting: Promise<{ statusCode: number; body: string }>[] = [];
    try {
      await locker.query('begin');
      await locker.query('lock table document_sections in access exclusive mode');
      // inject() is lazy: then() sends the request.
      waiting = Array.from({ length: 4 }, (_, i) =>
        ctx.app.inject({ method: 'GET', url: `/api/search?q=theft&page=${i + 1}`, headers: auth }).then((r) => r),
      );
      await eventually(async () => {
        // Inside a transaction the statistics views are a snapshot: take a new one each time.
        await locker.query('select pg_stat_clear_snapshot()');
        const { rows } = await locker.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
        );
        return (rows[0]?.n ?? 0) >= 4;
      });
      const started = Date.now();
      const refused = await ctx.app.inject({ method: 'GET', url: '/api/search?q=theft', headers: auth });
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('2');
      expect(refused.json()).toMatchObject({ error: { code: 'unavailable' } });
    } finally {
      await locker.query('rollback');
      await locker.end();
    }
    for (const answer of await Promise.all(waiting)) {
      expect(answer.statusCode, answer.body).toBe(200);
      expect(JSON.parse(answer.body).degraded).toBe(true);
    }
    // The slots are given back: searching works again.
    expect((await search({ q: 'theft', perPage: 1 })).total).toBeGreaterThan(0);
  });
});
