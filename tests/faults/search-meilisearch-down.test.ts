import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  advisory,
  createAppWithMeilisearch,
  eventually,
  outboxSize,
  publishedSectionCount,
  publishNewDocument,
  reviseDocument,
  uniqueWord,
} from '@kb/api/testing';
import type { SearchResponse } from '@kb/contracts';
import { searchOutbox } from '@kb/db';
import { freePort, type RunningMeilisearch, startMeilisearch } from '@kb/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Meilisearch is stopped while editors keep publishing. Publishing must not notice; search
 * must answer from PostgreSQL (degraded) or say 503, never 500; once Meilisearch is back the
 * outbox drains: every change searchable, each document once, nothing left waiting.
 * This file runs its own Meilisearch so it can stop it without disturbing other tests.
 */
const CHANGES = 50;
const key = randomBytes(24).toString('base64url');
let workDir: string;
let port: number;
let meili: RunningMeilisearch | undefined;
let ctx: Awaited<ReturnType<typeof createAppWithMeilisearch>>;
let auth: { authorization: string };

const meiliDir = () => path.join(workDir, 'meilisearch');

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'kb-search-fault-'));
  port = await freePort();
  meili = await startMeilisearch(meiliDir(), key, { port });
  ctx = await createAppWithMeilisearch({ meiliUrl: meili.url, meiliKey: key, searchSync: false });
  // Only this test's documents go to this Meilisearch: the seeded corpus is left out.
  await ctx.db.delete(searchOutbox);
  ctx.app.searchSync.start();
  auth = (await ctx.user('reader')).auth;
}, 180_000);

afterAll(async () => {
  await ctx?.close();
  await meili?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function searchFor(q: string) {
  const response = await ctx.app.inject({
    method: 'GET',
    url: `/api/search?q=${encodeURIComponent(q)}&perPage=100`,
    headers: auth,
  });
  return { status: response.statusCode, body: response.json() as SearchResponse };
}

describe('Meilisearch stopped during publishing', () => {
  it('keeps publishing, answers degraded or 503 (never 500), then catches up with no loss and no duplicates', async () => {
    // Healthy first: a publish reaches the index.
    const before = uniqueWord();
    await publishNewDocument(ctx.db, advisory(before));
    await eventually(async () => {
      const { body } = await searchFor(before);
      return body.total === 1 && !body.degraded;
    }, 30_000);

    await meili?.stop();
    meili = undefined;

    const words: string[] = [];
    const ids: string[] = [];
    const statuses = new Map<number, number>();
    let degradedHits = 0;
    for (let i = 0; i < CHANGES; i++) {
      const word = uniqueWord();
      const id = await publishNewDocument(ctx.db, advisory(word, { title: `Outage advisory ${i} ${word}` }));
      words.push(word);
      ids.push(id);
      if (i % 5 === 0) {
        const started = Date.now();
        const { status, body } = await searchFor(word);
        expect(Date.now() - started, 'a search while Meilisearch is down must not hang').toBeLessThan(5_000);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 200) {
          expect(body.degraded).toBe(true);
          if (body.hits.some((h) => h.documentId === id)) degradedHits++;
        }
      }
    }
    // Ten of them are revised and published again while Meilisearch is still down.
    const revisedWords = new Map<string, string>();
    for (const id of ids.slice(0, 10)) {
      const word = uniqueWord();
      revisedWords.set(id, word);
      await reviseDocument(ctx.db, id, advisory(word, { body: `## Revised\n\nNow about ${word}.` }), { publish: true });
    }
    expect(
      [...statuses.keys()].every((s) => s === 200 || s === 503),
      JSON.stringify([...statuses]),
    ).toBe(true);
    expect(degradedHits, 'the PostgreSQL fallback sees what was just published').toBeGreaterThan(0);
    expect(await outboxSize(ctx.db)).toBeGreaterThanOrEqual(CHANGES);

    meili = await startMeilisearch(meiliDir(), key, { port });

    await eventually(async () => (await outboxSize(ctx.db)) === 0, 60_000, 100);
    await eventually(async () => !(await searchFor(before)).body.degraded, 10_000, 100);

    for (const [i, id] of ids.entries()) {
      const word = revisedWords.get(id) ?? (words[i] as string);
      const { status, body } = await searchFor(word);
      expect(status).toBe(200);
      expect(body.degraded).toBeUndefined();
      expect(body.hits.map((h) => h.documentId)).toEqual([id]);
      if (revisedWords.has(id)) expect((await searchFor(words[i] as string)).body.total).toBe(0);
    }

    // No duplicates: the index holds exactly the published sections of each document.
    const indexed = await ctx.app.searchIndex.sectionIdsOf(ids);
    expect(new Set(indexed).size).toBe(indexed.length);
    expect(indexed.length).toBe(await publishedSectionCount(ctx.db, ids));
    expect(await outboxSize(ctx.db)).toBe(0);
  }, 240_000);

  it('a frozen Meilisearch (accepting connections, never answering) costs one timeout, not a hang', async () => {
    const pid = meili?.pid ?? 0;
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGSTOP');
    try {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        const { status, body } = await searchFor('theft');
        times.push(Date.now() - started);
        expect([200, 503]).toContain(status);
        if (status === 200) expect(body.degraded).toBe(true);
      }
      // The first search waits for the timeout; the next ones go straight to PostgreSQL.
      expect(times[0]).toBeLessThan(6_000);
      expect(Math.max(...times.slice(1))).toBeLessThan(1_500);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await eventually(async () => !(await searchFor('theft')).body.degraded, 30_000, 200);
  }, 60_000);

  it('applies the index settings once Meilisearch answers, when it was down at start', async () => {
    await meili?.stop();
    meili = undefined;
    const late = await createAppWithMeilisearch({
      meiliUrl: `http://127.0.0.1:${port}`,
      meiliKey: key,
      searchSync: false,
      indexPrefix: `late${randomBytes(3).toString('hex')}`,
    });
    try {
      await late.db.delete(searchOutbox);
      late.app.searchSync.start();
      const lateAuth = (await late.user('reader')).auth;
      const word = uniqueWord();
      await publishNewDocument(late.db, advisory(word, { consequences: ['cimt'] }));
      const down = await late.app.inject({ method: 'GET', url: `/api/search?q=${word}`, headers: lateAuth });
      expect(down.json()).toMatchObject({ degraded: true, total: 1 });

      meili = await startMeilisearch(meiliDir(), key, { port });
      await eventually(
        async () => {
          const response = await late.app.inject({
            method: 'GET',
            url: `/api/search?q=crime%20involving%20moral%20turpitude&consequence=cimt`,
            headers: lateAuth,
          });
          const body = response.json() as SearchResponse;
          return response.statusCode === 200 && !body.degraded && body.total === 1;
        },
        60_000,
        100,
      );
      const settings = await late.app.searchIndex.index().getSettings();
      expect(settings.filterableAttributes).toContain('documentId');
      expect(settings.synonyms?.cimt).toContain('crime involving moral turpitude');
      expect(late.app.searchSync.settingsApplied).toBe(true);
    } finally {
      await late.close();
    }
  }, 180_000);
});
