import { statuteKey } from '@kb/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness';
import { syncAuthorities } from './authorities.service';

/**
 * A database written under an older citation key scheme (Illinois sections cut at the hyphen:
 * 720 ILCS 5/16-1 and 5/16-25 were one key) is re-keyed at the next start: the chart rows'
 * statutes, the citation watches, and the index (every published document queued again).
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({});
}, 120_000);
afterAll(async () => ctx?.close());

const query = async <T>(text: string, values: unknown[] = []) => (await ctx.db.$client.query(text, values)).rows as T[];

describe('a change of the citation key scheme', () => {
  it('re-keys the chart rows and the citation watches from the statutes as written, once', async () => {
    const illinois = await query<{ document_id: string; statute: string; statute_key: string }>(
      "select document_id, statute, statute_key from offense_statutes where statute like '720 ILCS 5/16-%' limit 1",
    );
    const row = illinois[0];
    if (!row) throw new Error('the seed has an Illinois theft row');
    expect(row.statute_key).toBe(statuteKey(row.statute));
    expect(row.statute_key).toMatch(/^il720c5s16h/);

    const reader = await ctx.user('reader');
    const followed = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/watches',
      headers: reader.auth,
      payload: { kind: 'citation', target: '720 ILCS 5/16-25' },
    });
    expect(followed.statusCode).toBeLessThan(300);

    // As an older release left them.
    await query('update offense_statutes set statute_key = $1 where document_id = $2 and statute = $3', [
      'il720c5s16z',
      row.document_id,
      row.statute,
    ]);
    await query("update watches set match_key = 'il720c5s16z' where kind = 'citation' and user_id = $1", [reader.id]);
    await query("update app_meta set value = '1' where key = 'citation_graph_version'");
    await query('delete from search_outbox');

    const first = await syncAuthorities(ctx.db);
    expect(first.rebuilt).toBeGreaterThan(0);
    const [rekeyed] = await query<{ statute_key: string }>(
      'select statute_key from offense_statutes where document_id = $1 and statute = $2',
      [row.document_id, row.statute],
    );
    expect(rekeyed?.statute_key).toBe(statuteKey(row.statute));
    const [watch] = await query<{ match_key: string }>(
      "select match_key from watches where kind = 'citation' and user_id = $1",
      [reader.id],
    );
    expect(watch?.match_key).toBe('il720c5s16h25z');
    const [queued] = await query<{ n: string }>('select count(*) as n from search_outbox');
    const [published] = await query<{ n: string }>("select count(*) as n from documents where status = 'published'");
    expect(Number(queued?.n)).toBe(Number(published?.n));

    // Nothing left to do at the start after.
    expect((await syncAuthorities(ctx.db)).rebuilt).toBeNull();
  });
});
