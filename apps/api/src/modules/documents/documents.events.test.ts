import type { EditorDocument, OffenseEntryView } from '@kb/contracts';
import { documentEvents } from '@kb/db';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';

let ctx: TestContext;
let editor: { authorization: string };
let reader: { authorization: string };

beforeAll(async () => {
  ctx = await createTestContext();
  const { rows } = await ctx.db.$client.query<{ id: string }>(
    `update documents set organization_id = (select id from organizations order by name limit 1)
     where id in (select document_id from revisions where kind = 'offense_entry') returning organization_id as id`,
  );
  editor = (await ctx.user('editor', { organizationId: rows[0]?.id ?? null })).auth;
  reader = (await ctx.user('reader')).auth;
}, 60_000);
afterAll(() => ctx?.close());

const eventsOf = (documentId: string) =>
  ctx.db
    .select()
    .from(documentEvents)
    .where(eq(documentEvents.documentId, documentId))
    .orderBy(desc(documentEvents.id));

describe('the document event log', () => {
  it('records a revised entry with its change note and changed outcome, in the publish transaction', async () => {
    const entry = (
      await ctx.app.inject({ url: '/api/charts/us-ca/pc-273-5-a', headers: reader })
    ).json<OffenseEntryView>();
    const opened = (
      await ctx.app.inject({ url: `/api/documents/${entry.id}/editor`, headers: editor })
    ).json<EditorDocument>();
    const before = await eventsOf(entry.id);
    const old = entry.data.assessments.cimt?.outcome;
    const outcome = old === 'yes' ? 'depends' : 'yes';
    const saved = await ctx.app.inject({
      method: 'PUT',
      url: `/api/offenses/${entry.id}/draft`,
      headers: editor,
      payload: {
        offense: {
          ...entry.data,
          assessments: {
            ...entry.data.assessments,
            cimt: { ...entry.data.assessments.cimt, outcome, summary: 'Revised for the test.', authorities: [] },
          },
        },
        baseRevisionId: opened.head.id,
        note: 'CIMT outcome revised',
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // A saved draft is no event.
    expect(await eventsOf(entry.id)).toHaveLength(before.length);
    const published = await ctx.app.inject({
      method: 'POST',
      url: `/api/documents/${entry.id}/publish`,
      headers: editor,
      payload: {},
    });
    expect(published.statusCode, published.body).toBe(200);
    const [event] = await eventsOf(entry.id);
    expect(event?.kind).toBe('revised');
    expect(event?.previousRevisionId).toBe(opened.publishedRevisionId);
    expect(event?.payload.note).toBe('CIMT outcome revised');
    expect(event?.payload.changedOutcomes).toEqual([{ column: 'cimt', before: old ?? null, after: outcome }]);
    expect(event?.payload.statuteKeys).toEqual(expect.arrayContaining(['capc273d5paz', 'capc273d5z']));
  });

  it('records a superseded document naming its successor', async () => {
    const { rows } = await ctx.db.$client.query<{ id: string; slug: string }>(
      `select id, slug from documents where status = 'published' and superseded_by_id is null
         and organization_id is null and id not in (select document_id from revisions where kind = 'offense_entry')
       order by slug limit 2`,
    );
    const [old, successor] = rows;
    if (!old || !successor) throw new Error('no public-domain documents in the seed');
    const admin = (await ctx.user('admin')).auth;
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/documents/${old.id}/supersede`,
      headers: admin,
      payload: { successorId: successor.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [event] = await eventsOf(old.id);
    expect(event?.kind).toBe('superseded');
    expect(event?.payload.successor?.id).toBe(successor.id);
  });
});
