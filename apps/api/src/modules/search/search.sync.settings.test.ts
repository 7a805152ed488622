import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness';
import { searchVocabulary } from '../taxonomy';
import { SearchSync } from './search.sync';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const quiet = { warn: () => {}, info: () => {}, error: () => {} };

/** Settings tasks Meilisearch has received for this test's indexes. */
async function settingsTasks(): Promise<number> {
  const { meiliUrl, meiliKey } = ctx.services;
  const indexes = [`${ctx.indexPrefix}-sections`, `${ctx.indexPrefix}-documents`].join(',');
  const response = await fetch(`${meiliUrl}/tasks?types=settingsUpdate&indexUids=${indexes}&limit=1000`, {
    headers: { authorization: `Bearer ${meiliKey}` },
  });
  return ((await response.json()) as { results: unknown[] }).results.length;
}

describe('the index settings', () => {
  it('are not applied again by a process (a restart, another replica) when Meilisearch holds them already', async () => {
    // The app applied them at start (or is applying them: start-up waits a few seconds at most).
    await ctx.app.searchSync.ensureSettings();
    expect(ctx.app.searchSync.settingsApplied).toBe(true);
    expect(await ctx.app.searchIndex.hasSettings(await searchVocabulary(ctx.db))).toBe(true);
    const before = await settingsTasks();
    expect(before).toBeGreaterThan(0);

    // A second worker, as a restarted process or a replica starts: forced, as at start-up.
    const replica = new SearchSync(ctx.db, ctx.app.searchIndex, quiet);
    expect(await replica.ensureSettings(true)).toBe(false);
    expect(replica.settingsApplied).toBe(true);
    // And its batches do not re-check them either.
    await replica.drainAll();
    expect(await settingsTasks()).toBe(before);

    // Settings that differ (an index emptied of them) are applied.
    const { meiliUrl, meiliKey } = ctx.services;
    const reset = await fetch(`${meiliUrl}/indexes/${ctx.indexPrefix}-documents/settings/synonyms`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${meiliKey}` },
    });
    const { taskUid } = (await reset.json()) as { taskUid: number };
    for (;;) {
      const task = (await (
        await fetch(`${meiliUrl}/tasks/${taskUid}`, { headers: { authorization: `Bearer ${meiliKey}` } })
      ).json()) as { status: string };
      if (task.status === 'succeeded' || task.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await ctx.app.searchIndex.hasSettings(await searchVocabulary(ctx.db))).toBe(false);
    const restarted = new SearchSync(ctx.db, ctx.app.searchIndex, quiet);
    expect(await restarted.ensureSettings(true)).toBe(true);
    expect(await ctx.app.searchIndex.hasSettings(await searchVocabulary(ctx.db))).toBe(true);
  }, 120_000);
});
