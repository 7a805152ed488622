import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChartResponse, EditorDocument, OffenseEntryView, RevisionDiff, SearchResponse } from '@kb/contracts';
import { type RunningMeilisearch, startMeilisearch } from '@kb/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppWithMeilisearch, outboxSize, uniqueWord } from '../../testing';
import { eventually } from '../../testing/harness';

/**
 * Acceptance 2: an edited aggravated-felony outcome, published, is searchable and on the chart
 * within a second, and the history shows the change. Its own Meilisearch, as in the search
 * freshness test: the run's shared one would time other files' bulk indexing.
 */
const key = randomBytes(24).toString('base64url');
let dir: string;
let meili: RunningMeilisearch;
let ctx: Awaited<ReturnType<typeof createAppWithMeilisearch>>;
let reader: { authorization: string };
let editor: { authorization: string };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kb-offense-publish-'));
  meili = await startMeilisearch(path.join(dir, 'meilisearch'), key);
  ctx = await createAppWithMeilisearch({ meiliUrl: meili.url, meiliKey: key, searchSync: true });
  reader = (await ctx.user('reader')).auth;
  // The sample entries' editor: a member of the organization that owns them all here.
  const { rows } = await ctx.db.$client.query<{ id: string }>(
    `update documents set organization_id = (select id from organizations order by name limit 1)
     where id in (select document_id from revisions where kind = 'offense_entry') returning organization_id as id`,
  );
  editor = (await ctx.user('editor', { organizationId: rows[0]?.id ?? null })).auth;
  await eventually(async () => (await outboxSize(ctx.db)) === 0, 120_000, 100);
}, 180_000);
afterAll(async () => {
  await ctx?.close();
  await meili?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// biome-ignore lint/suspicious/noExplicitAny: JSON answers
async function call<T = any>(method: 'GET' | 'POST' | 'PUT', url: string, headers: object, payload?: unknown) {
  const response = await ctx.app.inject({
    method,
    url,
    headers: headers as Record<string, string>,
    payload: payload as never,
  });
  return { status: response.statusCode, body: response.json() as T };
}

describe('editing and publishing an entry (acceptance 2)', () => {
  it('is searchable and on the chart within a second; the history shows the changed outcome', async () => {
    const before = await call<OffenseEntryView>('GET', '/api/charts/us-ca/pc-496-a', reader);
    expect(before.status).toBe(200);
    const opened = await call<EditorDocument>('GET', `/api/documents/${before.body.id}/editor`, editor);
    const publishedRevisionId = opened.body.publishedRevisionId;
    const offense = before.body.data;
    const oldOutcome = offense.assessments.aggravated_felony?.outcome;
    expect(oldOutcome).toBeDefined();
    const word = uniqueWord();
    const edited = {
      ...offense,
      assessments: {
        ...offense.assessments,
        aggravated_felony: {
          ...offense.assessments.aggravated_felony,
          outcome: oldOutcome === 'yes' ? 'depends' : 'yes',
          summary: `Edited for the test (${word}): a theft offense with a year imposed.`,
          authorities: offense.assessments.aggravated_felony?.authorities ?? [],
        },
      },
    };
    const saved = await call('PUT', `/api/offenses/${before.body.id}/draft`, editor, {
      offense: edited,
      baseRevisionId: opened.body.head.id,
      note: 'Aggravated felony outcome revised',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    // A stale base loses, as for any document.
    const stale = await call('PUT', `/api/offenses/${before.body.id}/draft`, editor, {
      offense: edited,
      baseRevisionId: opened.body.head.id,
    });
    expect(stale.status).toBe(409);

    // Saved, not published: readers still see the published row.
    const still = await call<ChartResponse>('GET', '/api/charts/us-ca', reader);
    expect(still.body.entries.find((e) => e.id === before.body.id)?.data.assessments.aggravated_felony?.outcome).toBe(
      oldOutcome,
    );

    const published = await call('POST', `/api/documents/${before.body.id}/publish`, editor, {});
    expect(published.status).toBe(200);
    const publishedAt = Date.now();
    const newOutcome = edited.assessments.aggravated_felony.outcome;

    // Searchable first (the timed part), then the chart and the answer card read PostgreSQL.
    await eventually(
      async () => {
        const res = await call<SearchResponse>('GET', `/api/search?q=${word}&kind=offense_entry`, reader);
        return res.body.hits[0]?.documentId === before.body.id && !res.body.degraded;
      },
      1_000,
      20,
    );
    expect(Date.now() - publishedAt).toBeLessThan(1_000);
    const chart = await call<ChartResponse>('GET', '/api/charts/us-ca', reader);
    expect(chart.body.entries.find((e) => e.id === before.body.id)?.data.assessments.aggravated_felony?.outcome).toBe(
      newOutcome,
    );
    const answer = await call<SearchResponse>('GET', `/api/search?q=${encodeURIComponent('PC 496(a)')}`, reader);
    expect(answer.body.answer?.entries[0]?.data.assessments.aggravated_felony?.outcome).toBe(newOutcome);

    const history = await call('GET', `/api/documents/${before.body.id}/revisions`, editor);
    const latest = history.body.publishedRevisionId as string;
    const diff = await call<RevisionDiff>(
      'GET',
      `/api/documents/${before.body.id}/revisions/${publishedRevisionId}/diff/${latest}`,
      editor,
    );
    expect(diff.status).toBe(200);
    expect(diff.body.fields).toEqual(
      expect.arrayContaining([
        { field: 'offense.assessments.aggravated_felony.outcome', before: oldOutcome, after: newOutcome },
      ]),
    );
    expect(diff.body.body.added).toBeGreaterThan(0);
  });
});
