import { createTestContext, SearchSync, type TestContext, type TestUser } from '@kb/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printFigures, rows } from '../security/support';
import { advisoryContent, indexedSections } from './support';

/**
 * Races a real PostgreSQL must settle: many identical saves at once, many publishes at once,
 * several outbox workers at once (as several API replicas would run them).
 */
let ctx: TestContext;
let reader: TestUser;
let editor: TestUser;

beforeAll(async () => {
  ctx = await createTestContext({ searchSync: false });
  reader = await ctx.user('reader');
  editor = await ctx.user('editor');
}, 120_000);
afterAll(() => ctx?.close());

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((acc, s) => {
    acc[s] = (acc[s] ?? 0) + 1;
    return acc;
  }, {});

describe('concurrent saves', () => {
  it('turns 50 identical bookmark creations sent at once into exactly one bookmark', async () => {
    const [doc] = await rows<{ id: string }>(
      ctx,
      "select id from documents where status = 'published' order by id limit 1",
    );
    const body = { documentId: doc?.id, note: 'removal hearing on the 14th' };
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        ctx.app.inject({ method: 'POST', url: '/api/me/bookmarks', headers: reader.auth, payload: body }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 201)).toBe(true);
    const ids = new Set(answers.map((a) => (a.json() as { id: string }).id));
    expect(ids.size).toBe(1);
    const stored = await rows(ctx, 'select id from bookmarks where user_id = $1 and document_id = $2', [
      reader.id,
      doc?.id,
    ]);
    expect(stored).toHaveLength(1);

    // The same race for a folder name: one folder, the rest a clear 409.
    const folders = await Promise.all(
      Array.from({ length: 50 }, () =>
        ctx.app.inject({
          method: 'POST',
          url: '/api/me/folders',
          headers: reader.auth,
          payload: { name: 'Crim-imm checklist' },
        }),
      ),
    );
    const folderStatuses = folders.map((f) => f.statusCode);
    expect(folderStatuses.filter((s) => s === 201)).toHaveLength(1);
    expect(folderStatuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    expect(await rows(ctx, 'select id from folders where user_id = $1', [reader.id])).toHaveLength(1);

    printFigures('concurrent identical saves', {
      'bookmark creations at once': 50,
      'bookmark answers': tally(statuses),
      'bookmarks stored': stored.length,
      'folder creations at once': 50,
      'folder answers': tally(folderStatuses),
    });
  });

  it('publishes 40 documents at once without losing an outbox row, then indexes each exactly once with three workers draining at once', async () => {
    const count = 40;
    const drafts = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const created = await ctx.app.inject({
          method: 'POST',
          url: '/api/documents',
          headers: editor.auth,
          payload: advisoryContent(
            `Concurrent publish ${i} raceprobe`,
            `# Overview\n\nRace number ${i}.\n\n## Analysis\n\nText.\n`,
          ),
        });
        expect(created.statusCode, created.body).toBe(201);
        return created.json() as { id: string; revisionId: string };
      }),
    );
    const ids = drafts.map((d) => d.id);
    await ctx.db.$client.query('delete from search_outbox');

    const published = await Promise.all(
      drafts.map((d) =>
        ctx.app.inject({
          method: 'POST',
          url: `/api/documents/${d.id}/publish`,
          headers: editor.auth,
          payload: { revisionId: d.revisionId },
        }),
      ),
    );
    expect(published.map((p) => p.statusCode)).toEqual(Array(count).fill(200));
    const queued = await rows<{ document_id: string }>(ctx, 'select distinct document_id from search_outbox');
    expect(new Set(queued.map((q) => q.document_id))).toEqual(new Set(ids));

    // Three workers (as three API replicas) drain the same outbox at once: SKIP LOCKED shares it out.
    const workers = [0, 1, 2].map(
      () => new SearchSync(ctx.db, ctx.app.searchIndex, { info() {}, warn() {}, error() {} }),
    );
    const results = await Promise.all(workers.map((w) => w.drainAll()));
    expect(results.every((r) => r.failed === 0)).toBe(true);
    expect(await rows(ctx, 'select 1 from search_outbox')).toEqual([]);

    const byDocument = await indexedSections(ctx.app.searchIndex, ids);
    const expected = await rows<{ id: string; sections: string }>(
      ctx,
      `select d.id, count(s.id) as sections from documents d join document_sections s on s.revision_id = d.published_revision_id
        where d.id = any($1::uuid[]) group by d.id`,
      [ids],
    );
    expect(expected).toHaveLength(count);
    for (const row of expected) expect(byDocument.get(row.id)?.length, row.id).toBe(Number(row.sections));

    printFigures('concurrent publishes', {
      'publishes at once': count,
      'outbox rows queued for distinct documents': queued.length,
      'rows drained per worker': results.map((r) => r.processed).join(' + '),
      'documents indexed exactly once': byDocument.size,
    });
  });
});
