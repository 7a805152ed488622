import { SEARCH_OUTBOX_CHANNEL } from '@kb/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advisory, outboxSize, publishNewDocument, uniqueWord } from '../../testing';
import { createTestContext, eventually, type TestContext } from '../../testing/harness';
import { SearchSync } from './search.sync';

let ctx: TestContext;
let sync: SearchSync;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await sync?.stop();
  await ctx?.close();
});

const quiet = { warn: () => {}, info: () => {}, error: () => {} };
const MINUTE = 60_000;

describe('the outbox worker', () => {
  it('is woken by a publish (LISTEN/NOTIFY), not by its poll', async () => {
    // A worker that would poll only once a minute: only the notification can make it quick.
    sync = new SearchSync(ctx.db, ctx.app.searchIndex, quiet, MINUTE, MINUTE);
    sync.setWakeups(true);
    ctx.app.notifications.on(SEARCH_OUTBOX_CHANNEL, () => sync.wake());
    expect(ctx.app.notifications.listening).toBe(true);
    sync.start();
    await eventually(async () => (await outboxSize(ctx.db)) === 0, 120_000, 100);

    const word = uniqueWord();
    const started = Date.now();
    const id = await publishNewDocument(ctx.db, advisory(word));
    await eventually(async () => (await ctx.app.searchIndex.sectionIdsOf([id])).length > 0, 20_000, 20);
    // (The row goes when the worker's transaction commits, just after Meilisearch applied it.)
    await eventually(async () => (await outboxSize(ctx.db)) === 0, 5_000, 20);
    expect(Date.now() - started).toBeLessThan(25_000);
  }, 180_000);
});
