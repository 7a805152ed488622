import { citationLinks, documents } from '@kb/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness';
import { advisory, publishNewDocument, reviseDocument, uniqueWord } from '../../testing/search-fixtures';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const targetOf = async (documentId: string) =>
  (await ctx.db.select().from(citationLinks).where(eq(citationLinks.documentId, documentId)))[0]?.targetDocumentId;

describe('the citation graph where two primary sources hold one provision', () => {
  it('resolves citations to the older document, whatever the storage order and however often either is republished', async () => {
    // A provision nothing in the seed holds, held by two statutes.
    const provision = '8 U.S.C. § 1999(k)';
    const statute = (word: string) =>
      advisory(word, {
        kind: 'statute',
        title: `Test statute ${word}`,
        citations: [provision],
        body: `## Text\n\n${word}.`,
      });
    const storedFirst = await publishNewDocument(ctx.db, statute(uniqueWord()));
    const older = await publishNewDocument(ctx.db, statute(uniqueWord()));
    // Stored first, created later: the order PostgreSQL keeps rows in is not the documents' age
    // (a publish rewrites a row, and the row may move: each move re-pointed the links).
    await ctx.db
      .update(documents)
      .set({ createdAt: sql`${documents.createdAt} + interval '1 day'`, updatedAt: new Date() })
      .where(eq(documents.id, storedFirst));
    const citing = await publishNewDocument(ctx.db, advisory(uniqueWord(), { citations: [provision] }));
    expect(await targetOf(citing)).toBe(older);
    for (const id of [older, storedFirst, older, storedFirst]) {
      await reviseDocument(ctx.db, id, statute(uniqueWord()), { publish: true });
      expect(await targetOf(citing)).toBe(older);
    }
  });
});
