import { createTestContext, type TestContext } from '@kb/api/testing';
import type { SearchResponse } from '@kb/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, formatFigures, formatMisses, loadBaseline, loadEvalSet, throughApi } from '../bench/src/search-eval';

let ctx: TestContext;
let auth: { authorization: string };

beforeAll(async () => {
  ctx = await createTestContext({ indexAll: true });
  auth = (await ctx.user('reader')).auth;
}, 120_000);
afterAll(() => ctx?.close());

describe('the search evaluation set (pnpm eval:search)', () => {
  it('is large and varied enough to judge the search', () => {
    const set = loadEvalSet();
    expect(set.length).toBeGreaterThanOrEqual(150);
    const tags = new Set(set.flatMap((q) => q.tags));
    for (const tag of [
      'abbreviation',
      'citation',
      'fact pattern',
      'misspelling',
      'lay term',
      'offense name',
      'state',
    ]) {
      expect(tags).toContain(tag);
    }
    expect(new Set(set.map((q) => q.q.toLowerCase())).size).toBe(set.length);
  });

  it('scores at least the committed figures', async () => {
    const figures = await evaluate(
      loadEvalSet(),
      throughApi(async (q) => {
        const response = await ctx.app.inject({
          method: 'GET',
          url: `/api/search?q=${encodeURIComponent(q)}&perPage=10`,
          headers: auth,
        });
        expect(response.statusCode).toBe(200);
        return response.json() as SearchResponse;
      }),
    );
    const baseline = loadBaseline();
    const report = [formatFigures('Advisory KB search', figures), ...formatMisses(figures)].join('\n');
    expect(figures.mrr10, report).toBeGreaterThanOrEqual(baseline.mrr10);
    expect(figures.hit3, report).toBeGreaterThanOrEqual(baseline.hit3);
    expect(figures.hit10, report).toBeGreaterThanOrEqual(baseline.hit10);
  }, 120_000);
});
