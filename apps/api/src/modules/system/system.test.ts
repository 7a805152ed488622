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

  it('serves the OpenAPI document to signed-in users only, each seeing the routes their role may call', async () => {
    const anonymous = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthorized');

    const spec = async (role: 'reader' | 'admin') => {
      const response = await ctx.app.inject({
        method: 'GET',
        url: '/api/openapi.json',
        headers: (await ctx.user(role)).auth,
      });
      expect(response.statusCode).toBe(200);
      return response.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    };
    const reader = await spec('reader');
    expect(reader.openapi).toMatch(/^3\./);
    expect(Object.keys(reader.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/ready', '/api/auth/login', '/api/me']),
    );
    expect(Object.keys(reader.paths).filter((path) => path.startsWith('/api/admin'))).toEqual([]);
    expect(reader.paths['/api/documents']?.post).toBeUndefined(); // an editor's route
    const admin = await spec('admin');
    expect(Object.keys(admin.paths)).toEqual(expect.arrayContaining(['/api/admin/users', '/api/admin/audit']));
  });

  it('says up or down without internal addresses', async () => {
    const ready = await ctx.app.inject({ method: 'GET', url: '/api/ready' });
    const health = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    for (const text of [ready.body, health.body]) {
      expect(text).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\b|postgres:\/\/|http:\/\//);
    }
    expect(Object.keys(ready.json().meilisearch).sort()).toEqual(['latencyMs', 'ok']);
  });

  it('forbids framing, and sends HSTS only over HTTPS (directly or through a trusted proxy)', async () => {
    const plain = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(plain.headers['x-frame-options']).toBe('DENY');
    expect(String(plain.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    // The test app trusts its proxy (as a deployment behind one does): X-Forwarded-Proto counts.
    const proxied = await ctx.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(proxied.headers['strict-transport-security']).toMatch(/max-age=\d+/);
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
