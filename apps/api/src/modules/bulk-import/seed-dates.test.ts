import { documents, revisions } from '@kb/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';

// Dates that mean what they say: a seeded document reads "Published May 22, 2023" beside its
// first revision, not beside "Revision 1, posted" on the day the seed ran.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

describe('seeded dates (issue #16, acceptance 5)', () => {
  it('no seeded revision is dated after its document date unless it is a later revision', async () => {
    const rows = await ctx.db
      .select({
        slug: documents.slug,
        number: revisions.number,
        createdAt: revisions.createdAt,
        documentDate: revisions.documentDate,
        documentCreatedAt: documents.createdAt,
        publishedAt: documents.publishedAt,
        publishedRevisionId: documents.publishedRevisionId,
        revisionId: revisions.id,
      })
      .from(revisions)
      .innerJoin(documents, eq(documents.id, revisions.documentId));
    const dated = rows.filter((r) => r.number === 1 && r.documentDate);
    // The corpus, the demo advisories and the chart rows all carry dates.
    expect(dated.length).toBeGreaterThan(100);
    const late = dated.filter((r) => (day(r.createdAt) ?? '') > (r.documentDate ?? ''));
    expect(late.map((r) => `${r.slug}: revision 1 ${day(r.createdAt)} > ${r.documentDate}`)).toEqual([]);
    for (const r of dated) {
      expect(day(r.createdAt)).toBe(r.documentDate);
      expect(day(r.documentCreatedAt)).toBe(r.documentDate);
      // Published with its first revision: published on its own date.
      if (r.publishedRevisionId === r.revisionId) expect(day(r.publishedAt)).toBe(r.documentDate);
    }
  });
});
