import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SearchResponse, SuggestResponse } from '@kb/contracts';
import { type RunningMeilisearch, startMeilisearch } from '@kb/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  advisory,
  archiveDocument,
  createAppWithMeilisearch,
  outboxSize,
  publishNewDocument,
  reviseDocument,
  uniqueWord,
} from '../../testing';
import { eventually } from '../../testing/harness';

/**
 * Publish → searchable and archive → gone, timed. This file runs its own Meilisearch, as a
 * deployment does: the run's shared one queues every test file's bulk indexing in one task
 * queue, which would time that queue, not this path.
 */
const key = randomBytes(24).toString('base64url');
let dir: string;
let meili: RunningMeilisearch;
let ctx: Awaited<ReturnType<typeof createAppWithMeilisearch>>;
let auth: { authorization: string };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kb-search-fresh-'));
  meili = await startMeilisearch(path.join(dir, 'meilisearch'), key);
  ctx = await createAppWithMeilisearch({ meiliUrl: meili.url, meiliKey: key, searchSync: true });
  auth = (await ctx.user('reader')).auth;
  // The seeded library first, so the timed publishes go to an index of realistic content.
  await eventually(async () => (await outboxSize(ctx.db)) === 0, 120_000, 100);
}, 180_000);
afterAll(async () => {
  await ctx?.close();
  await meili?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function search(q: string): Promise<SearchResponse> {
  const response = await ctx.app.inject({ method: 'GET', url: `/api/search?q=${q}`, headers: auth });
  expect(response.statusCode).toBe(200);
  return response.json() as SearchResponse;
}

describe('freshness', () => {
  it('a publish is searchable within a second, and an archive is gone within a second', async () => {
    // Warm-up: the first writes after the initial bulk indexing pay for flushing it to disk
    // (seconds each on a busy machine, then a few hundred milliseconds); time the steady state.
    for (let i = 0; i < 5; i++) {
      const warmUp = uniqueWord();
      const started = Date.now();
      await publishNewDocument(ctx.db, advisory(warmUp));
      await eventually(async () => (await search(warmUp)).total === 1, 30_000, 50);
      if (Date.now() - started < 600) break;
    }

    const publishTimes: number[] = [];
    const archiveTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const word = uniqueWord();
      let started = Date.now();
      const id = await publishNewDocument(ctx.db, advisory(word));
      await eventually(async () => (await search(word)).total === 1, 10_000, 50);
      publishTimes.push(Date.now() - started);
      started = Date.now();
      await archiveDocument(ctx.db, id);
      await eventually(async () => (await search(word)).total === 0, 10_000, 50);
      archiveTimes.push(Date.now() - started);
      // Gone from the suggestions too.
      await eventually(async () => (await outboxSize(ctx.db)) === 0);
      const suggest = await ctx.app.inject({ method: 'GET', url: `/api/search/suggest?q=${word}`, headers: auth });
      expect((suggest.json() as SuggestResponse).suggestions).toEqual([]);
    }
    // The median of three: one scheduling hiccup of a loaded test machine is not the path's speed.
    const median = (times: number[]) => [...times].sort((a, b) => a - b)[1] ?? Infinity;
    expect(median(publishTimes), `publish → searchable: ${publishTimes.join(', ')} ms`).toBeLessThan(1_000);
    expect(median(archiveTimes), `archive → gone: ${archiveTimes.join(', ')} ms`).toBeLessThan(1_000);
  }, 120_000);

  it('a republished revision replaces the old text (no stale sections, no duplicates)', async () => {
    const oldWord = uniqueWord();
    const newWord = uniqueWord();
    const id = await publishNewDocument(ctx.db, advisory(oldWord));
    await eventually(async () => (await search(oldWord)).total === 1, 10_000);
    expect((await ctx.app.searchIndex.sectionIdsOf([id])).length).toBe(2);
    await reviseDocument(ctx.db, id, advisory(newWord, { body: `## Only section\n\nNow about ${newWord}.` }), {
      publish: true,
    });
    await eventually(async () => (await search(newWord)).total === 1, 10_000);
    await eventually(async () => (await search(oldWord)).total === 0, 10_000);
    expect((await search(newWord)).hits[0]?.section.anchor).toBe('only-section');
    expect(await ctx.app.searchIndex.sectionIdsOf([id])).toHaveLength(1);
  }, 60_000);
});
