import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const content = (body: string) => ({
  kind: 'treatise',
  title: 'A long treatise',
  summary: '',
  publisher: 'Test',
  authors: [],
  jurisdictions: ['federal'],
  audience: 'both',
  documentDate: null,
  lastReviewedAt: null,
  citations: [],
  offenseTypes: [],
  consequences: [],
  body,
});

describe('large documents', () => {
  it('saves a treatise-sized body (beyond the app-wide 2 MB limit) and still refuses an oversized one with 413', async () => {
    const editor = await ctx.user('editor');
    const chapter = (n: number) =>
      `# Chapter ${n}\n\n## ${n}.1 Section\n\n${'The categorical approach compares elements. '.repeat(2_000)}\n\n`;
    const body = Array.from({ length: 40 }, (_, i) => chapter(i + 1)).join('');
    expect(body.length).toBeGreaterThan(3_000_000);
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: editor.auth,
      payload: content(body),
    });
    expect(created.statusCode, created.body.slice(0, 300)).toBe(201);

    const { id, revisionId } = created.json();
    const saved = await ctx.app.inject({
      method: 'PUT',
      url: `/api/documents/${id}/draft`,
      headers: editor.auth,
      payload: { ...content(`${body}\nOne more line.`), baseRevisionId: revisionId },
    });
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(200);

    const huge = await ctx.app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: editor.auth,
      payload: content('x'.repeat(13 * 1024 * 1024)),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  }, 60_000);
});
