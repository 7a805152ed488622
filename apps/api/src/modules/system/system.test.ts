import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('system routes', () => {
  it('answers health and readiness with each dependency state', async () => {
    const health = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok' });

    const ready = await ctx.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', postgres: { ok: true }, meilisearch: { ok: true } });
  });

  it('puts a request id on every response, echoing a sane incoming one', async () => {
    const fresh = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(fresh.headers['x-request-id']).toMatch(/^[\w-]{8,}$/);
    const echoed = await ctx.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'abc-12345678' },
    });
    expect(echoed.headers['x-request-id']).toBe('abc-12345678');
    const hostile = await ctx.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': '<script>' },
    });
    expect(hostile.headers['x-request-id']).not.toBe('<script>');
  });

  it('answers unknown API routes with the JSON error shape', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('serves an OpenAPI document describing the routes', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/ready', '/api/auth/login', '/api/me']),
    );
  });

  it('sets a strict Content-Security-Policy', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('refuses to start a route that declares no access', async () => {
    const { buildApp } = await import('../../app');
    const app = await buildApp({
      databaseUrl: ctx.databaseUrl,
      meiliUrl: ctx.services.meiliUrl,
      meiliMasterKey: ctx.services.meiliKey,
      meiliIndexPrefix: `${ctx.indexPrefix}x`,
      jwtSecret: 'x'.repeat(40),
      secureCookies: false,
      runSearchSync: false,
    });
    expect(() => app.get('/api/undeclared', async () => ({}))).toThrow(/declares no access/);
    await app.close();
  });
});

describe('numbers in the request', () => {
  it('refuses an infinite page number (Ajv coerces "1e309" to Infinity) with 400, not a 500', async () => {
    const admin = await ctx.user('admin');
    for (const url of ['/api/admin/audit?page=1e309', '/api/documents?page=1e309', '/api/admin/users?perPage=-1e309']) {
      const response = await ctx.app.inject({ method: 'GET', url, headers: admin.auth });
      expect(response.statusCode, url).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
  });
});
