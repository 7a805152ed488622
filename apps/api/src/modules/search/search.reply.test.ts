import { SearchResponse } from '@kb/contracts';
import type { SearchHit as IndexHit } from '@kb/search';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { type CheckedHit, type SearchParts, searchResponseJson, toSearchResponse } from './search.reply';
import type { PublishedState } from './search.repository';

const indexHit = (n: number, extra: Record<string, unknown> = {}): IndexHit =>
  ({
    documentId: `00000000-0000-4000-8000-00000000000${n}`,
    externalId: n % 2 ? null : `ext-${n}`,
    slug: `doc-${n}`,
    title: `Title "${n}" \\ with\u2028odd\ttext and ünïcödé \ud83d\ude00`,
    kind: n === 3 ? 'no-such-kind' : 'advisory',
    publisher: 'Demo Immigration Clinic',
    jurisdictions: ['us-ca', 'federal'],
    publishedAt: n % 2 ? '2024-01-0' + n : null,
    superseded: false,
    section: { anchor: 'intro', heading: 'Intro </script>' },
    snippet: [
      { text: 'an ', match: false },
      { text: 'aggravated felony', match: true },
    ],
    ...extra,
  }) as IndexHit;

const state = (overrides: Partial<PublishedState> = {}): PublishedState => ({
  superseded: false,
  supersededBy: null,
  lastReviewedAt: null,
  revisionNumber: 3,
  needsReview: false,
  ...overrides,
});

const parts = (hits: CheckedHit[], understood = true): SearchParts => ({
  hits,
  facets: {
    offenseType: { 'theft-burglary': 3 },
    consequence: { cimt: 2, 'aggravated-felony': 1 },
    jurisdiction: {},
    kind: { advisory: 3 },
    publisher: { 'Demo "Clinic"': 3 },
  },
  total: 3,
  page: 1,
  perPage: 20,
  offset: 0,
  tookMs: 4,
  reviewStaleMonths: 24,
  ...(understood
    ? {
        understood: {
          citations: ['8 USC 1101(a)(43)'],
          phrases: [{ phrase: 'agg fel', meanings: ['aggravated felony'] }],
          jurisdictions: [],
        },
      }
    : {}),
});

/** What Fastify itself sends for the object form, through the route's response schema. */
async function throughSchema(body: unknown) {
  const app = Fastify();
  app.get('/', { schema: { response: { 200: SearchResponse } } }, async () => body);
  const response = await app.inject({ method: 'GET', url: '/' });
  await app.close();
  return response.json();
}

/** The answer's bytes as text (UTF-8). */
const json = (p: SearchParts) => searchResponseJson(p).toString('utf8');

describe('searchResponseJson', () => {
  const hits: CheckedHit[] = [
    { hit: indexHit(1), state: state(), reviewOverdue: true },
    {
      hit: indexHit(2, { notInTheContract: 'kept out', sectionId: 'x' }),
      state: state({
        superseded: true,
        supersededBy: { slug: 'newer', title: 'The "newer" one' },
        lastReviewedAt: '2025-03-01',
        revisionNumber: null,
        needsReview: true,
      }),
      reviewOverdue: false,
    },
    { hit: indexHit(3), state: state(), reviewOverdue: false },
  ];

  it('is, parsed, the answer Fastify serializes from the object form (nothing the contract does not name)', async () => {
    // A total that is only a lower bound (counted from the sections index) says so.
    for (const p of [parts(hits), parts(hits, false), parts([]), { ...parts(hits), totalIsLowerBound: true }]) {
      const text = json(p);
      expect(JSON.parse(text)).toEqual(await throughSchema(toSearchResponse(p)));
      expect(JSON.parse(text)).toEqual(toSearchResponse(p));
      expect(text).not.toContain('notInTheContract');
    }
    expect(JSON.parse(json(parts(hits))).hits[2].kind).toBe('advisory');
    expect(JSON.parse(json(parts(hits)))).not.toHaveProperty('totalIsLowerBound');
    expect(JSON.parse(json({ ...parts(hits), totalIsLowerBound: true })).totalIsLowerBound).toBe(true);
  });

  it('writes the per-request part anew each time: the same cached hit read by another request shows its state', () => {
    const hit = indexHit(1);
    const first = JSON.parse(json(parts([{ hit, state: state(), reviewOverdue: false }])));
    const second = JSON.parse(
      json(
        parts([
          {
            hit,
            state: state({ superseded: true, supersededBy: { slug: 's', title: 't' }, needsReview: true }),
            reviewOverdue: true,
          },
        ]),
      ),
    );
    expect(first.hits[0]).toMatchObject({
      superseded: false,
      supersededBy: null,
      needsReview: false,
      reviewOverdue: false,
    });
    expect(second.hits[0]).toMatchObject({
      superseded: true,
      supersededBy: { slug: 's', title: 't' },
      needsReview: true,
      reviewOverdue: true,
    });
    expect(second.hits[0].title).toBe(first.hits[0].title);
  });
});
