import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestContext, eventually, outboxSize, type TestContext, verifyIndex } from '@kb/api/testing';
import type { SearchResponse } from '@kb/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnScript } from '../support/processes';

/**
 * `pnpm kb reindex` (the real command, in its own process) rebuilds the index beside the live
 * one and swaps them: the API keeps answering every search, from Meilisearch, throughout.
 */
let ctx: TestContext;
let auth: { authorization: string };
const dataDir = mkdtempSync(path.join(tmpdir(), 'kb-reindex-'));
const QUERIES = ['CIMT', 'PC 273.5', 'aggravated felony theft', '8 USC 1101(a)(43)(G)', 'Padilla'];

beforeAll(async () => {
  ctx = await createTestContext({ searchSync: true });
  auth = (await ctx.user('reader')).auth;
  await eventually(async () => (await outboxSize(ctx.db)) === 0, 120_000, 100);
}, 180_000);
afterAll(async () => {
  await ctx?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function search(q: string) {
  const response = await ctx.app.inject({
    method: 'GET',
    url: `/api/search?q=${encodeURIComponent(q)}&perPage=10`,
    headers: auth,
  });
  return { status: response.statusCode, body: response.json() as SearchResponse };
}

describe('pnpm kb reindex', () => {
  it('swaps in a fresh index while a loop of searches runs: zero failed searches', async () => {
    const expected = new Map<string, number>();
    for (const q of QUERIES) expected.set(q, (await search(q)).body.total);
    // A mark in each live index that only a rebuild removes: after the swap, neither is there.
    const index = ctx.app.searchIndex;
    // On one section of a document of several: one stale section makes its document stale.
    let marked: string | undefined;
    let section: string | undefined;
    for (const id of (await index.indexedDocuments('documents')).keys()) {
      const sections = await index.sectionIdsOf([id]);
      if (sections.length > 1) {
        [marked, section] = [id, sections[0]];
        break;
      }
    }
    if (!marked) throw new Error('no document of several sections indexed');
    for (const task of [
      index.index().updateDocuments([{ id: section as string, version: 'before-reindex' }]),
      index.client
        .index(index.documentsUid)
        .updateDocuments([{ id: marked.replace(/-/g, ''), version: 'before-reindex' }]),
    ]) {
      expect((await task.waitTask({ timeout: 30_000 })).status).toBe('succeeded');
    }
    const marks = await verifyIndex(ctx.db, index, { repair: false });
    expect([marks.byIndex.sections.stale, marks.byIndex.documents.stale]).toEqual([[marked], [marked]]);

    const reindex = spawnScript('apps/api/src/cli.ts', ['reindex'], {
      DATA_DIR: dataDir,
      DATABASE_URL: ctx.databaseUrl,
      MEILI_URL: ctx.services.meiliUrl,
      MEILI_MASTER_KEY: ctx.services.meiliKey,
      MEILI_INDEX_PREFIX: ctx.indexPrefix,
    });
    let done = false;
    const exited = reindex.exited().then((code) => {
      done = true;
      return code;
    });

    const failures: string[] = [];
    let searches = 0;
    for (let i = 0; !done; i++) {
      const q = QUERIES[i % QUERIES.length] as string;
      const { status, body } = await search(q);
      searches++;
      if (status !== 200) failures.push(`${q}: HTTP ${status}`);
      else if (body.degraded) failures.push(`${q}: degraded`);
      else if (body.total !== expected.get(q)) failures.push(`${q}: ${body.total} hits, expected ${expected.get(q)}`);
    }
    const code = await exited;
    expect(code, reindex.output()).toBe(0);
    expect(reindex.output()).toMatch(/reindex: \d+ documents, \d+ sections/);
    expect(searches).toBeGreaterThan(10);
    expect(failures).toEqual([]);
    // And after the swap, the same answers.
    for (const q of QUERIES) expect((await search(q)).body.total).toBe(expected.get(q));
    // Both indexes were rebuilt and swapped (their staging copies are gone), and agree with the database.
    for (const uid of [ctx.app.searchIndex.uid, ctx.app.searchIndex.documentsUid]) {
      expect(await ctx.app.searchIndex.client.getIndex(`${uid}_rebuild`).catch(() => null)).toBeNull();
    }
    const verified = await verifyIndex(ctx.db, ctx.app.searchIndex, { repair: false });
    expect(verified.byIndex).toEqual({
      sections: { missing: [], stale: [], extra: [] },
      documents: { missing: [], stale: [], extra: [] },
    });
    const stats = await ctx.app.searchIndex.stats();
    expect(stats.documents).toBe(verified.checked);
  }, 240_000);
});
