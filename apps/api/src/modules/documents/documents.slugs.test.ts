import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness';
import { importPublished } from './documents.service';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('slugs', () => {
  it('gives concurrent documents with the same title distinct slugs instead of failing', async () => {
    const content = {
      kind: 'advisory' as const,
      title: 'Same Title For Everyone',
      summary: '',
      publisher: '',
      authors: [],
      jurisdictions: [],
      audience: 'both' as const,
      documentDate: null,
      lastReviewedAt: null,
      citations: [],
      offenseTypes: [],
      consequences: [],
      body: '## Section\nText.',
    };
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        importPublished(ctx.db, { externalId: `slug-race-${i}`, content, actorId: null }),
      ),
    );
    expect(results.every((r) => r.outcome === 'created')).toBe(true);
    const rows = await ctx.db.query.documents.findMany({
      columns: { slug: true },
      where: (d, { like }) => like(d.externalId, 'slug-race-%'),
    });
    expect(new Set(rows.map((r) => r.slug)).size).toBe(12);
  });
});
