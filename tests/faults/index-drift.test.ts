import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  contentOf,
  createTestContext,
  findRevision,
  importPublished,
  type TestContext,
  verifyIndex,
} from '@kb/api/testing';
import type { Database } from '@kb/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printFigures, rows } from '../security/support';
import { spawnScript } from '../support/processes';
import { savedRows } from './support';

/**
 * Reconciliation: `pnpm kb search:verify` compares the database with the index (document ids
 * and indexed versions) and repairs the drift. The test makes the index drift the ways it can
 * in production — sections lost, a stray document, an update that never reached the index, an
 * entry changed behind the app's back — and runs the real command.
 */
let ctx: TestContext;
let workDir: string;

beforeAll(async () => {
  ctx = await createTestContext({ indexAll: true });
  workDir = mkdtempSync(path.join(tmpdir(), 'kb-drift-'));
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function verifyCommand() {
  return spawnScript('apps/api/src/cli.ts', ['search:verify'], {
    DATA_DIR: workDir,
    DATABASE_URL: ctx.databaseUrl,
    MEILI_URL: ctx.services.meiliUrl,
    MEILI_MASTER_KEY: ctx.services.meiliKey,
    MEILI_INDEX_PREFIX: ctx.indexPrefix,
  });
}

async function waitForTask(task: { waitTask: (o: { timeout: number }) => Promise<{ status: string }> }) {
  const done = await task.waitTask({ timeout: 30_000 });
  expect(done.status).toBe('succeeded');
}

describe('search:verify', () => {
  it('finds missing, stray, stale and tampered index entries and repairs them', async () => {
    const index = ctx.app.searchIndex.index();
    const clean = await verifyIndex(ctx.db, ctx.app.searchIndex, { repair: false });
    expect([clean.missing, clean.stale, clean.extra]).toEqual([[], [], []]);

    // The one revised behind the outbox's back is an advisory: a seeded statute re-imported with
    // another title and body was now and then answered 'unchanged' (noted on #18).
    const [advisory] = await rows<{ id: string }>(
      ctx,
      "select id from documents where status = 'published' and external_id like 'demo-adv-%' order by id limit 1",
    );
    const published = await rows<{ id: string }>(
      ctx,
      "select id from documents where status = 'published' and external_id is not null and id <> $1 order by id limit 4",
      [advisory?.id],
    );
    const updated = advisory?.id as string;
    const [lost1, lost2, lost3, tampered] = published.map((d) => d.id) as [string, string, string, string];

    // 1. Sections lost from the index (a failed batch nobody retried).
    await waitForTask(index.deleteDocuments({ filter: `documentId IN ["${lost1}", "${lost2}", "${lost3}"]` }));
    // 2. A stray document the database does not know (left over by an old deployment).
    const strayId = randomUUID();
    await waitForTask(
      index.addDocuments([
        {
          id: `${strayId}-overview`,
          documentId: strayId,
          title: 'Stray entry',
          version: 'stray',
          status: 'published',
        } as never,
      ]),
    );
    // 3. A new revision published whose outbox row was lost: the index keeps the old one.
    const [row] = await rows<{ external_id: string; revision: string }>(
      ctx,
      'select external_id, published_revision_id as revision from documents where id = $1',
      [updated],
    );
    const revision = await findRevision(ctx.db, row?.revision ?? '');
    if (!revision || !row) throw new Error('no published revision');
    const content = contentOf(revision);
    // One transaction with the outbox row's removal: the worker, woken at once by NOTIFY, must
    // never see the row (it raced the delete and indexed the new revision now and then).
    await ctx.db.transaction(async (tx) => {
      const imported = await importPublished(tx as unknown as Database, {
        externalId: row.external_id,
        actorId: null,
        source: revision.source,
        content: {
          ...content,
          title: `${content.title} (revised, driftcheck)`,
          body: `${content.body}\n\n## Revised\n\nA paragraph added by the drift check.\n`,
        },
      });
      expect(imported).toEqual({ outcome: 'updated', documentId: updated });
      // `updated` is a uuid read from the database.
      await tx.execute(`delete from search_outbox where document_id = '${updated}'`);
    });
    // 4. An entry changed behind the app's back (its version no longer matches the database).
    const tamperedSections = (
      await index.getDocuments({ filter: `documentId = "${tampered}"`, fields: ['id'], limit: 1000 })
    ).results;
    await waitForTask(index.updateDocuments(tamperedSections.map((s) => ({ id: s.id, version: 'tampered' })) as never));

    const savedBefore = await savedRows(ctx.db);
    const before = await verifyIndex(ctx.db, ctx.app.searchIndex, { repair: false });
    expect(new Set(before.missing)).toEqual(new Set([lost1, lost2, lost3]));
    expect(new Set(before.stale)).toEqual(new Set([updated, tampered]));
    expect(before.extra).toEqual([strayId]);

    // The real command finds the same drift, repairs it, and exits 0.
    const repair = verifyCommand();
    expect(await repair.exited(), repair.output()).toBe(0);
    expect(repair.output()).toMatch(/3 missing from the index, 2 stale, 1 that should not be there — repaired/);

    const after = await verifyIndex(ctx.db, ctx.app.searchIndex, { repair: false });
    expect([after.missing, after.stale, after.extra]).toEqual([[], [], []]);
    expect((await index.getDocuments({ filter: `documentId = "${strayId}"`, limit: 10 })).results).toEqual([]);
    const revisedHits = await index.search('driftcheck', { filter: `documentId = "${updated}"` });
    expect(revisedHits.hits.length).toBeGreaterThan(0);
    for (const id of [lost1, lost2, lost3]) {
      expect((await index.getDocuments({ filter: `documentId = "${id}"`, limit: 1 })).results).toHaveLength(1);
    }
    const { rows: outbox } = await ctx.db.$client.query('select 1 from search_outbox');
    expect(outbox).toEqual([]);

    // The repair touched the index only: every row in the database is still there.
    expect(await savedRows(ctx.db)).toEqual(savedBefore);

    // Run again: nothing to do, exit 0.
    const again = verifyCommand();
    expect(await again.exited(), again.output()).toBe(0);
    expect(again.output()).toMatch(/0 missing from the index, 0 stale, 0 that should not be there/);

    printFigures('index drift and search:verify', {
      'published documents checked': after.checked,
      'drift injected': '3 documents deleted from the index, 1 stray added, 1 update lost, 1 entry tampered',
      'drift found': `${before.missing.length} missing, ${before.stale.length} stale, ${before.extra.length} extra`,
      'drift after repair': 0,
    });
  }, 180_000);

  it('finds drift in the counting index (one record per document) alone, and repairs it', async () => {
    const records = ctx.app.searchIndex.client.index(ctx.app.searchIndex.documentsUid);
    const published = await rows<{ id: string }>(
      ctx,
      "select id from documents where status = 'published' order by id desc limit 2",
    );
    const [lost, tampered] = published.map((d) => d.id) as [string, string];
    const strayId = randomUUID();
    await waitForTask(records.deleteDocuments({ filter: `documentId = "${lost}"` }));
    await waitForTask(records.updateDocuments([{ id: tampered.replace(/-/g, ''), version: 'tampered' }]));
    await waitForTask(
      records.addDocuments([
        { id: strayId.replace(/-/g, ''), documentId: strayId, status: 'published', version: 'stray', title: 'Stray' },
      ]),
    );

    const before = await verifyIndex(ctx.db, ctx.app.searchIndex, { repair: false });
    expect(before.byIndex.sections).toEqual({ missing: [], stale: [], extra: [] });
    expect(before.byIndex.documents).toEqual({ missing: [lost], stale: [tampered], extra: [strayId] });
    expect([before.missing, before.stale, before.extra]).toEqual([[lost], [tampered], [strayId]]);

    const repaired = await verifyIndex(ctx.db, ctx.app.searchIndex, { repair: true });
    expect(repaired.repaired).toBe(true);
    await ctx.app.searchSync.drainAll();
    const after = await verifyIndex(ctx.db, ctx.app.searchIndex, { repair: false });
    expect(after.byIndex).toEqual({
      sections: { missing: [], stale: [], extra: [] },
      documents: { missing: [], stale: [], extra: [] },
    });
  }, 120_000);
});
