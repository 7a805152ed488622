import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('GET /api/taxonomy', () => {
  it('lists the seeded vocabulary with parents and synonyms, to signed-in users only', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/taxonomy' })).statusCode).toBe(401);
    const reader = await ctx.user('reader');
    const response = await ctx.app.inject({ method: 'GET', url: '/api/taxonomy', headers: reader.auth });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.offenseTypes.map((t: { code: string }) => t.code)).toContain('controlled-substances');
    const afG = body.consequences.find((t: { code: string }) => t.code === 'af-g-theft-burglary');
    expect(afG).toMatchObject({ parentCode: 'aggravated-felony' });
    expect(body.consequences.find((t: { code: string }) => t.code === 'cimt').synonyms).toContain('CIMT');
  });
});
