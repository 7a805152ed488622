import { randomUUID } from 'node:crypto';
import { SEARCH_FACETS, type SearchResponse } from '@kb/contracts';
import { MAX_TOTAL_HITS, type SearchRequest, type SectionDocument } from '@kb/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueWord } from '../../testing';
import { createTestContext, type TestContext, type TestUser } from '../../testing/harness';
import { searchVocabulary } from '../taxonomy';
import { SearchSync } from './search.sync';

/** More documents than the sections index counts (MAX_TOTAL_HITS), each of two sections. */
const DOCUMENTS = 1_234;

let exact: TestContext;
let reference: TestContext;
const word = uniqueWord();

/** Minimal index records of one document (its two sections), written as the outbox worker writes them. */
function sectionsOf(n: number): { documentId: string; sections: SectionDocument[] } {
  const documentId = randomUUID();
  const section = (position: number): SectionDocument => ({
    id: `${documentId.replace(/-/g, '')}s${position}`,
    documentId,
    externalId: null,
    slug: `totals-${n}`,
    title: `Totals test ${n}`,
    kind: n % 3 === 0 ? 'practice_advisory' : 'advisory',
    status: 'published',
    publisher: 'Totals Test Publisher',
    audience: 'both',
    jurisdictions: ['us-ca'],
    offenseTypes: [],
    consequences: [],
    tagLabels: [],
    citations: [],
    titleKeys: [],
    separateOpinion: false,
    compendium: 0,
    identityKeys: [],
    citationKeys: [],
    summary: `A test document ${n}.`,
    anchor: position === 0 ? 'introduction' : `part-${position}`,
    heading: `Part ${position}`,
    body: `The ${word} analysis, part ${position}.`,
    position,
    publishedAt: 1_700_000_000 + n,
    year: 2023,
    superseded: false,
    reviewedOn: 1_700_000_000 + n,
    needsReview: false,
    version: 'v1',
  });
  return { documentId, sections: [section(0), section(1)] };
}

async function fill(ctx: TestContext) {
  await ctx.app.searchSync.ensureSettings();
  const upserts = Array.from({ length: DOCUMENTS }, (_, n) => sectionsOf(n));
  for (let i = 0; i < upserts.length; i += 500)
    await ctx.app.searchIndex.sync(upserts.slice(i, i + 500), [], undefined, 120_000);
}

beforeAll(async () => {
  [exact, reference] = await Promise.all([createTestContext(), createTestContext({ searchCountFrom: 'sections' })]);
  await Promise.all([fill(exact), fill(reference)]);
}, 240_000);
afterAll(async () => {
  await exact?.close();
  await reference?.close();
});

const request = (offset = 0, limit = 20): SearchRequest => ({
  q: word,
  filters: {},
  offset,
  limit,
  sort: 'relevance',
  facets: SEARCH_FACETS,
});

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

async function get(ctx: TestContext, user: TestUser, query: string) {
  const response = await ctx.app.inject({ method: 'GET', url: `/api/search?${query}`, headers: user.auth });
  return { status: response.statusCode, body: response.json() as SearchResponse };
}

describe('search totals above the paging bound', () => {
  it('are exact from the counting index, and agree with the facet counts', async () => {
    const result = await exact.app.searchIndex.search(request());
    expect(result.total).toBe(DOCUMENTS);
    expect(result.totalIsLowerBound).toBeUndefined();
    expect(sum(result.facets.kind)).toBe(DOCUMENTS);
    expect(result.hits).toHaveLength(20);

    const reader = await exact.user('reader');
    const { status, body } = await get(exact, reader, `q=${word}`);
    expect(status).toBe(200);
    expect(body.total).toBe(DOCUMENTS);
    expect(body).not.toHaveProperty('totalIsLowerBound');
    expect(sum(body.facets.kind)).toBe(DOCUMENTS);
  });

  it('still page through the first MAX_TOTAL_HITS hits only', async () => {
    // The last page served is full; one hit further is refused, whatever the total says.
    const last = await exact.app.searchIndex.search(request(MAX_TOTAL_HITS - 20, 20));
    expect(last.hits).toHaveLength(20);
    expect(last.total).toBe(DOCUMENTS);
    // A window across the bound gets the hits before it, and the total stays exact.
    const across = await exact.app.searchIndex.search(request(MAX_TOTAL_HITS - 10, 20));
    expect(across.hits).toHaveLength(10);
    expect(across.total).toBe(DOCUMENTS);
    expect(across.totalIsLowerBound).toBeUndefined();
    const reader = await exact.user('reader');
    expect((await get(exact, reader, `q=${word}&page=${MAX_TOTAL_HITS / 20}&perPage=20`)).status).toBe(200);
    for (const beyond of [`page=${MAX_TOTAL_HITS / 20 + 1}&perPage=20`, `offset=${MAX_TOTAL_HITS}&limit=1`]) {
      const { status, body } = await get(exact, reader, `q=${word}&${beyond}`);
      expect(status).toBe(400);
      expect((body as unknown as { error: { code: string } }).error.code).toBeTruthy();
    }
  });

  it('are marked as lower bounds where the sections index counts (the reference design), never passed off as exact', async () => {
    const result = await reference.app.searchIndex.search(request());
    expect(result.total).toBe(MAX_TOTAL_HITS);
    expect(result.totalIsLowerBound).toBe(true);
    // Its facet counts are not capped: they are why a capped total read as exact contradicted them.
    expect(sum(result.facets.kind)).toBe(DOCUMENTS);

    const reader = await reference.user('reader');
    const { status, body } = await get(reference, reader, `q=${word}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: MAX_TOTAL_HITS, totalIsLowerBound: true });

    // Below the bound, its totals are exact and say so by saying nothing.
    const few = await reference.app.searchIndex.search({ ...request(), filters: { kind: ['practice_advisory'] } });
    expect(few.total).toBe(Math.ceil(DOCUMENTS / 3));
    expect(few.totalIsLowerBound).toBeUndefined();
  });

  it('are exact on a counting index from before (capped at 1,000) once a process starts', async () => {
    const counting = exact.app.searchIndex.client.index(exact.app.searchIndex.documentsUid);
    await counting.updatePagination({ maxTotalHits: MAX_TOTAL_HITS }).waitTask({ timeout: 60_000 });
    expect((await exact.app.searchIndex.search(request())).total).toBe(MAX_TOTAL_HITS);
    expect(await exact.app.searchIndex.hasSettings(await searchVocabulary(exact.db))).toBe(false);

    // A process starting compares the settings and applies them (forced, as at start-up).
    const quiet = { warn: () => {}, info: () => {}, error: () => {} };
    expect(await new SearchSync(exact.db, exact.app.searchIndex, quiet).ensureSettings(true)).toBe(true);
    expect((await exact.app.searchIndex.search(request())).total).toBe(DOCUMENTS);
  });
});
