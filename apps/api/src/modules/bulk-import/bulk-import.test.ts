import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { documents, revisions, searchOutbox } from '@kb/db';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness';
import { importJsonLinesFile } from './bulk-import.service';

let ctx: TestContext;
let dir: string;
beforeAll(async () => {
  ctx = await createTestContext();
  dir = mkdtempSync(path.join(tmpdir(), 'kb-import-'));
});
afterAll(() => ctx.close());

const line = (o: object) => JSON.stringify(o);
const record = (id: string, title: string, body = `Text of ${title}.`) => ({
  id,
  title,
  kind: 'statute',
  citation: 'INA § 999; 8 U.S.C. § 9999',
  jurisdiction: 'federal',
  date: '2024-01-01',
  body,
});

async function counts() {
  const [docs] = await ctx.db.select({ n: count() }).from(documents);
  const [revs] = await ctx.db.select({ n: count() }).from(revisions);
  return { documents: docs?.n ?? 0, revisions: revs?.n ?? 0 };
}

describe('bulk import from JSON Lines', () => {
  it('imports, reports malformed lines by number, and is idempotent on re-run', async () => {
    const file = path.join(dir, 'batch.jsonl');
    writeFileSync(
      file,
      [
        line(record('t-1', 'First test statute')),
        '{ not json',
        line({ id: 't-bad', title: 'No body', kind: 'statute' }),
        '',
        line(record('t-2', 'Second test statute')),
        line({ ...record('t-3', 'Bad kind'), kind: 'poem' }),
      ].join('\n'),
    );
    const before = await counts();
    const first = await importJsonLinesFile(ctx.db, file);
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(first.errors.map((e) => e.line)).toEqual([2, 3, 6]);
    expect(first.errors[0]?.message).toMatch(/invalid JSON/);
    const afterFirst = await counts();
    expect(afterFirst.documents - before.documents).toBe(2);

    const second = await importJsonLinesFile(ctx.db, file);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await counts()).toEqual(afterFirst);
  });

  it('updates a changed document in place (a new revision, not a duplicate) and queues it for search', async () => {
    const file = path.join(dir, 'update.jsonl');
    writeFileSync(file, line(record('t-upd', 'Updatable statute', 'Old text.')));
    await importJsonLinesFile(ctx.db, file);
    writeFileSync(file, line(record('t-upd', 'Updatable statute', 'New text.')));
    const report = await importJsonLinesFile(ctx.db, file);
    expect(report).toMatchObject({ created: 0, updated: 1 });
    const [doc] = await ctx.db.select().from(documents).where(eq(documents.externalId, 't-upd'));
    expect(doc?.status).toBe('published');
    const revs = await ctx.db
      .select()
      .from(revisions)
      .where(eq(revisions.documentId, doc?.id ?? ''));
    expect(revs).toHaveLength(2);
    const queued = await ctx.db
      .select()
      .from(searchOutbox)
      .where(eq(searchOutbox.documentId, doc?.id ?? ''));
    expect(queued.length).toBeGreaterThan(0);
  });

  it('seeded the whole public-domain corpus and the demo content into the template', async () => {
    const [corpus] = await ctx.db.select({ n: count() }).from(documents).where(eq(documents.status, 'published'));
    expect(corpus?.n).toBeGreaterThanOrEqual(98 + 25);
  });
});
