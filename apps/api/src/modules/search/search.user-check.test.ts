import { randomUUID } from 'node:crypto';
import { documents, users } from '@kb/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareCurrentUser } from '../../plugins/auth.repository';
import { createTestContext, type TestContext } from '../../testing/harness';
import { publishedStates, publishedStatesAndUser } from './search.repository';

/**
 * GET /api/search checks the reader in the same query as its hits' states (one round trip for
 * a cached answer). The reader is still checked on every request, before anything is sent:
 * answered from the cache, from nothing, or refused for bad input.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ indexAll: true });
}, 180_000);
afterAll(() => ctx?.close());

const search = async (auth: Record<string, string>, query: string) =>
  ctx.app.inject({ method: 'GET', url: `/api/search?${query}`, headers: auth });

describe('the reader of a search', () => {
  it('is refused at once when disabled: cached answer, empty answer, bad input alike', async () => {
    const reader = await ctx.user('reader');
    expect((await search(reader.auth, 'q=theft')).statusCode).toBe(200);
    const before = ctx.app.searchCache.hits;
    const cached = await search(reader.auth, 'q=theft');
    expect(cached.statusCode).toBe(200);
    expect(ctx.app.searchCache.enabled ? ctx.app.searchCache.hits : before + 1).toBeGreaterThan(before);
    expect((await search(reader.auth, 'q=zzqxnothingmatches')).statusCode).toBe(200);

    await ctx.db.update(users).set({ disabledAt: sql`now()` }).where(eq(users.id, reader.id));
    for (const query of ['q=theft', 'q=zzqxnothingmatches', 'offenseType=no-such-code', 'bogus=1', 'page=0']) {
      const refused = await search(reader.auth, query);
      expect(refused.statusCode, `${query}: ${refused.body}`).toBe(401);
      expect(refused.body).not.toContain('"hits"');
    }
  });

  it('is refused once the password changed (token version) or without a token; answers a valid one', async () => {
    const reader = await ctx.user('reader');
    expect((await search(reader.auth, 'q=theft')).statusCode).toBe(200);
    await ctx.db
      .update(users)
      .set({ tokenVersion: sql`${users.tokenVersion} + 1` })
      .where(eq(users.id, reader.id));
    expect((await search(reader.auth, 'q=theft')).statusCode).toBe(401);
    expect((await search({}, 'q=theft')).statusCode).toBe(401);
    expect((await search({ authorization: 'Bearer not-a-token' }, 'q=theft')).statusCode).toBe(401);
  });

  it("reads what drizzle's own mapping reads: the user as the auth check's, the states as publishedStates'", async () => {
    const reader = await ctx.user('reader');
    const ids = (await ctx.db.select({ id: documents.id }).from(documents).limit(60)).map((d) => d.id);
    await ctx.db.execute(
      sql`update revisions set last_reviewed_at = '2026-03-04' where id in (select published_revision_id from documents where id = any(${sql.param(ids)}::uuid[]) limit 3)`,
    );
    const expected = await publishedStates(ctx.db, ids);
    expect(expected.size).toBeGreaterThan(0);
    // A reviewed date is text (YYYY-MM-DD), as drizzle's date() gives it, not a Date.
    expect([...expected.values()].some((s) => typeof s.lastReviewedAt === 'string')).toBe(true);
    for (const sid of [null, randomUUID()]) {
      const read = await publishedStatesAndUser(ctx.db, ids, { id: reader.id, sid });
      expect(read.states).toEqual(expected);
      const [user] = await prepareCurrentUser(ctx.db).execute({ id: reader.id, sid });
      expect(read.user).toEqual(user);
    }
    expect((await publishedStatesAndUser(ctx.db, ids, { id: randomUUID(), sid: null })).user).toBeUndefined();
  });
});
