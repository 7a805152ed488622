import type { SearchIndex } from '@kb/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advisory, publishNewDocument, reviseDocument, uniqueWord } from '../../testing';
import { createTestContext, type TestContext } from '../../testing/harness';
import { SearchSync } from './search.sync';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const quiet = { warn: () => {}, info: () => {}, error: () => {} };

/** The index as one worker sees it, whose writes wait until the test opens the gate. */
function gatedIndex(index: SearchIndex) {
  let open!: () => void;
  let entered!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const waiting = new Promise<void>((resolve) => (entered = resolve));
  const gated = Object.create(index) as SearchIndex;
  gated.sync = async (...args: Parameters<SearchIndex['sync']>) => {
    entered();
    await gate;
    return index.sync(...args);
  };
  return { index: gated, open, waiting };
}

describe('two workers (replicas) indexing the same document', () => {
  it('never leave the older state in either index, whichever finishes last', async () => {
    const index = ctx.app.searchIndex;
    await ctx.app.searchSync.drainAll();
    const [older, newer] = [uniqueWord(), uniqueWord()];
    const id = await publishNewDocument(ctx.db, advisory(older));

    // Worker A reads the published state (older) and is held just before writing it.
    const slow = gatedIndex(index);
    const workerA = new SearchSync(ctx.db, slow.index, quiet);
    const drainA = workerA.drainOnce();
    await slow.waiting;

    // Meanwhile the document is published again, and worker B (another replica) drains.
    await reviseDocument(ctx.db, id, advisory(newer), { publish: true });
    const workerB = new SearchSync(ctx.db, index, quiet);
    // B must not index the document while A holds it: it leaves its row for later.
    expect(await workerB.drainOnce()).toBe(0);

    // A finishes last with what it read; then B indexes the newest state.
    slow.open();
    expect(await drainA).toBeGreaterThan(0);
    await workerB.drainAll();

    const indexed = await index.client
      .index(index.uid)
      .getDocuments({ filter: `documentId = "${id}"`, fields: ['title', 'body'], limit: 100 });
    const text = JSON.stringify(indexed.results);
    expect(indexed.results.length).toBeGreaterThan(0);
    expect(text).toContain(newer);
    expect(text).not.toContain(older);
    // The counting index holds the same, newest state (its version is the sections').
    const versions = new Set(
      (await index.index(index.uid).getDocuments({ filter: `documentId = "${id}"`, fields: ['version'] })).results.map(
        (d) => d.version,
      ),
    );
    const records = await index.client
      .index(index.documentsUid)
      .getDocuments<{ version: string; body: Record<string, string> }>({
        filter: `documentId = "${id}"`,
        fields: ['version', 'body'],
      });
    expect(records.results).toHaveLength(1);
    expect(versions).toEqual(new Set([records.results[0]?.version]));
    expect(JSON.stringify(records.results)).toContain(newer);
    expect(JSON.stringify(records.results)).not.toContain(older);
    const { rows } = await ctx.db.$client.query('select count(*)::int as n from search_outbox where document_id = $1', [
      id,
    ]);
    expect(rows[0].n).toBe(0);
  }, 60_000);
});
