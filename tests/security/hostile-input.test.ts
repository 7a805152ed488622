import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  apiRoutes,
  BODY_LIMIT_BYTES,
  createTestContext,
  fillPath,
  pathParams,
  type RouteEntry,
  recordRoutes,
  type TestContext,
} from '@kb/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILTER_INJECTION_STRINGS, NUL_STRINGS, SQL_STRINGS, TRAVERSAL_STRINGS } from './hostile-values';
import { validSample } from './schema-arbitraries';
import { brief, contractProblem, type Finding, printFigures, realPools, rows } from './support';

/**
 * Named hostile inputs, each a request an attacker would try first. Every answer must be a
 * clean 4xx in the JSON error shape (or a 2xx that leaks nothing) — never a 500.
 */
let ctx: TestContext;
let routes: RouteEntry[];
let baseUrl: string;
let admin: Awaited<ReturnType<TestContext['user']>>;
let reader: Awaited<ReturnType<TestContext['user']>>;
let inputsTried = 0;

beforeAll(async () => {
  const recorder = recordRoutes();
  try {
    ctx = await createTestContext({ indexAll: true });
  } finally {
    recorder.stop();
  }
  routes = apiRoutes(recorder.routes);
  admin = await ctx.user('admin');
  reader = await ctx.user('reader');
  // Some cases need the real HTTP parser (header limits, raw bytes), not app.inject.
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  printFigures('named hostile inputs', { 'inputs tried': inputsTried, routes: routes?.length });
  await ctx?.close();
});

function expectClean(response: { statusCode: number; headers: Record<string, unknown>; body: string }, what: string) {
  inputsTried++;
  expect(contractProblem(response), `${what} → ${response.statusCode} ${brief(response.body)}`).toBeNull();
}

/** A raw HTTP/1.1 exchange, so nothing in the client normalizes what we send. */
function raw(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { method, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          statusCode: res.statusCode ?? 0,
          headers: res.headers as Record<string, unknown>,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const bodyRoutes = () => routes.filter((r) => r.body && !['GET', 'HEAD'].includes(r.method));

/** The route's url with every parameter filled (real ids where they exist). */
async function concreteUrl(route: RouteEntry): Promise<string> {
  const pools = await realPools(ctx);
  const sample = (validSample(route.params, pools) ?? {}) as Record<string, unknown>;
  return fillPath(
    route.url,
    Object.fromEntries(pathParams(route.url).map((name) => [name, String(sample[name] ?? pools.ids[0] ?? 'x')])),
  );
}

describe('oversized and malformed bodies', () => {
  it('answers a body over the limit with 413 in the JSON error shape, on every route that takes a body', async () => {
    const overLimit = (limit: number) => JSON.stringify({ email: 'a@b.org', password: 'x'.repeat(limit + 1024) });
    const oversized = overLimit(BODY_LIMIT_BYTES);
    const targets = bodyRoutes();
    expect(targets.length).toBeGreaterThan(0);
    for (const route of targets) {
      const url = await concreteUrl(route);
      // Routes that take whole documents or uploads set a larger limit of their own.
      const payload = route.bodyLimit ? overLimit(route.bodyLimit) : oversized;
      const response = await ctx.app.inject({
        method: route.method as 'POST',
        url,
        headers: { ...admin.auth, 'content-type': 'application/json' },
        payload,
      });
      expectClean(response, `${route.method} ${url} with ${payload.length} bytes`);
      expect([401, 403, 413], `${route.method} ${route.url}`).toContain(response.statusCode);
    }
    // Over real HTTP the declared length is refused before the body is read.
    const overHttp = await raw('POST', '/api/auth/login', {
      headers: { 'content-type': 'application/json', 'content-length': String(oversized.length) },
      body: oversized,
    });
    expectClean(overHttp, 'oversized login over HTTP');
    expect(overHttp.statusCode).toBe(413);
    expect(JSON.parse(overHttp.body).error.code).toBe('payload_too_large');
  });

  it('refuses deeply nested JSON with a 400 and keeps serving', async () => {
    for (const nested of [
      '['.repeat(100_000) + ']'.repeat(100_000),
      `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`,
    ]) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: nested,
      });
      expectClean(response, 'deeply nested JSON');
      expect(response.statusCode).toBe(400);
    }
    // Nested just under what the parser handles, inside a field: validation refuses it.
    const inField = JSON.stringify({ email: JSON.parse('['.repeat(500) + ']'.repeat(500)), password: 'x' });
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: inField,
    });
    expectClean(response, 'nested array in a string field');
    expect(response.statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('refuses invalid JSON, wrong content types and prototype-poisoning keys with a 4xx', async () => {
    const cases: Array<{ type: string; body: string }> = [
      { type: 'application/json', body: '{"email": "a@b.org", "password": ' },
      { type: 'application/json', body: '{"__proto__": {"role": "admin"}, "email": "a@b.org", "password": "x"}' },
      { type: 'application/json', body: '{"constructor": {"prototype": {"role": "admin"}}}' },
      { type: 'text/plain', body: 'email=a@b.org&password=x' },
      {
        type: 'application/xml',
        body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
      },
      {
        type: 'multipart/form-data; boundary=--x',
        body: '----x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n----x--',
      },
    ];
    for (const c of cases) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': c.type },
        payload: c.body,
      });
      expectClean(response, `${c.type}: ${c.body.slice(0, 40)}`);
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.body).not.toContain('root:x:0');
    }
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('copes with invalid UTF-8 in bodies, paths and query strings', async () => {
    const badBytes = [
      Buffer.from([0xff, 0xfe, 0xfd]),
      Buffer.from([0xc3, 0x28]),
      Buffer.from([0xe2, 0x82]),
      Buffer.from([0xc0, 0xaf]), // overlong "/"
      Buffer.from([0xed, 0xa0, 0x80]), // UTF-16 surrogate encoded in UTF-8
    ];
    for (const bytes of badBytes) {
      const body = Buffer.concat([Buffer.from('{"email":"a'), bytes, Buffer.from('@b.org","password":"x"}')]);
      const response = await raw('POST', '/api/auth/login', {
        headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
        body,
      });
      expectClean(response, `login with bytes ${bytes.toString('hex')}`);
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
    }
    for (const path of [
      '/api/documents/%ff%fe',
      '/api/documents/%c0%af..%c0%af',
      '/api/documents?q=%ff%fe',
      '/api/documents/%',
    ]) {
      const response = await raw('GET', path, { headers: reader.auth });
      expectClean(response, `GET ${path}`);
    }
  });
});

describe('long and strange URLs', () => {
  it('answers a 100 KB query string with a clean JSON 4xx (431 from the HTTP parser; the limit stays 16 KB)', async () => {
    const q = 'a'.repeat(100 * 1024);
    const overHttp = await raw('GET', `/api/documents?q=${q}`, { headers: reader.auth });
    expectClean(overHttp, '100 KB query string over HTTP');
    expect(overHttp.statusCode).toBe(431);
    // In process there is no header limit: the route's own validation answers.
    const inProcess = await ctx.app.inject({ method: 'GET', url: `/api/documents?q=${q}`, headers: reader.auth });
    expectClean(inProcess, '100 KB query string in process');
    expect(inProcess.statusCode).toBe(400);
    // Just under the parser's limit: validation, in the JSON error shape.
    const underLimit = await raw('GET', `/api/documents?q=${'b'.repeat(12 * 1024)}`, { headers: reader.auth });
    expectClean(underLimit, '12 KB query string');
    expect(underLimit.statusCode).toBe(400);
  });

  it('answers an over-long path parameter with a clean JSON 4xx', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/documents/${'x'.repeat(5_000)}`,
      headers: reader.auth,
    });
    expectClean(response, '5 KB path parameter');
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
  });

  it('answers garbage authorization headers with 401 in the JSON error shape', async () => {
    for (const authorization of [
      'Bearer',
      'Bearer ',
      `Bearer ${'a'.repeat(8_000)}`,
      'Bearer a.b.c',
      'Basic YWRtaW46YWRtaW4=',
      'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.',
    ]) {
      const response = await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { authorization } });
      expectClean(response, `authorization: ${authorization.slice(0, 40)}`);
      expect(response.statusCode).toBe(401);
    }
    // Text PostgreSQL could not store is refused before anything reads it (one check for every header).
    const nul = await ctx.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${reader.token}\u0000` },
    });
    expectClean(nul, 'authorization with a NUL byte');
    expect(nul.statusCode).toBe(400);
  });
});

describe('NUL bytes (PostgreSQL refuses them in text)', () => {
  it('answers NUL bytes in any path parameter, query value or body field with a 4xx, never a 500', async () => {
    const findings: Finding[] = [];
    const pools = await realPools(ctx);
    const check = async (route: RouteEntry, url: string, payload: unknown, what: string) => {
      const response = await ctx.app.inject({
        method: route.method as 'GET',
        url,
        headers: { ...admin.auth, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
        payload: payload === undefined ? undefined : JSON.stringify(payload),
      });
      inputsTried++;
      const problem = contractProblem(response);
      if (problem) {
        findings.push({
          route: `${route.method} ${route.url}`,
          identity: 'admin',
          request: { url, what, payload },
          status: response.statusCode,
          body: brief(response.body),
          problem,
        });
      }
    };
    for (const route of routes) {
      const params = (validSample(route.params, pools) ?? {}) as Record<string, unknown>;
      const query = (validSample(route.querystring, pools) ?? {}) as Record<string, unknown>;
      const body = validSample(route.body, pools) as Record<string, unknown> | undefined;
      const fill = (overrides: Record<string, string>) =>
        fillPath(
          route.url,
          Object.fromEntries(
            pathParams(route.url).map((name) => [
              name,
              String(overrides[name] ?? params[name] ?? pools.slugs[0] ?? 'x'),
            ]),
          ),
        );
      for (const nul of NUL_STRINGS) {
        for (const name of pathParams(route.url)) await check(route, fill({ [name]: nul }), undefined, `param ${name}`);
        for (const key of Object.keys((route.querystring?.properties as object) ?? {})) {
          const search = new URLSearchParams({ ...(query as Record<string, string>), [key]: nul });
          await check(route, `${fill({})}?${search}`, undefined, `query ${key}`);
        }
        if (body && typeof body === 'object') {
          for (const key of stringKeys(route.body))
            await check(route, fill({}), { ...body, [key]: nul }, `body ${key}`);
        }
      }
    }
    for (const f of findings)
      console.error(`[finding] ${f.route}: ${f.problem} — ${brief(f.request)} → ${f.status} ${f.body}`);
    expect(findings).toEqual([]);
  });
});

/** The names of the string (or string-array) properties of an object schema. */
function stringKeys(schema: RouteEntry['body']): string[] {
  const properties = (schema?.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(properties)
    .filter(
      ([, p]) =>
        p.type === 'string' || (p.anyOf as Array<{ type?: string }> | undefined)?.some((s) => s.type === 'string'),
    )
    .map(([k]) => k);
}

describe('SQL-ish and filter-injection strings', () => {
  it('treats them as text: no error, no draft leaked, no table touched', async () => {
    const [before] = await rows<{ users: string }>(ctx, 'select count(*)::text as users from users');
    const drafts = await rows<{ slug: string }>(ctx, "select slug from documents where status <> 'published'");
    for (const text of [...SQL_STRINGS, ...FILTER_INJECTION_STRINGS]) {
      for (const url of [
        `/api/documents?q=${encodeURIComponent(text)}`,
        `/api/documents?kind=${encodeURIComponent(text)}`,
        `/api/documents/${encodeURIComponent(text)}`,
      ]) {
        const response = await ctx.app.inject({ method: 'GET', url, headers: reader.auth });
        expectClean(response, url);
        for (const draft of drafts) expect(response.body, url).not.toContain(`"${draft.slug}"`);
      }
      const login = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: text, password: text },
      });
      expectClean(login, `login as ${text}`);
      expect([400, 401, 429]).toContain(login.statusCode);
    }
    const [after] = await rows<{ users: string }>(ctx, 'select count(*)::text as users from users');
    expect(after?.users).toBe(before?.users);
  });

  it('keeps drafts out of search whatever is smuggled into the search filters', async () => {
    const search = routes.find((r) => r.method === 'GET' && r.url === '/api/search');
    if (!search) {
      console.warn('[skipped] GET /api/search is not in the route table yet');
      return;
    }
    const drafts = await rows<{ id: string }>(ctx, "select id from documents where status <> 'published'");
    const filterKeys = Object.keys((search.querystring?.properties as object) ?? {}).filter(
      (k) => !['page', 'perPage', 'sort'].includes(k),
    );
    for (const text of FILTER_INJECTION_STRINGS) {
      for (const key of filterKeys) {
        const url = `/api/search?${new URLSearchParams({ [key]: text })}`;
        const response = await ctx.app.inject({ method: 'GET', url, headers: reader.auth });
        expectClean(response, url);
        for (const draft of drafts) expect(response.body, url).not.toContain(draft.id);
      }
    }
  });
});

describe('path traversal', () => {
  it('never resolves traversal in slugs and ids to anything but a 4xx', async () => {
    const targets = routes.filter((r) => r.method === 'GET' && pathParams(r.url).length > 0);
    for (const route of targets) {
      for (const text of TRAVERSAL_STRINGS) {
        for (const encoded of [encodeURIComponent(text), text.replace(/\//g, '%2F'), text]) {
          const url = route.url.replace(/:([A-Za-z0-9_]+)/g, encoded);
          const response = await ctx.app.inject({ method: 'GET', url, headers: admin.auth });
          expectClean(response, url);
          expect(response.body).not.toMatch(/root:x:0|\[fonts\]|"advisory-kb"/);
        }
      }
    }
  });

  it('keeps hostile upload file names out of paths, titles and notes, on every multipart route', async () => {
    const uploads = routes.filter((r) => r.consumes?.includes('multipart/form-data'));
    if (uploads.length === 0) {
      console.warn('[skipped] no multipart route in the route table yet');
      return;
    }
    const editor = await ctx.user('editor');
    const names = [
      '../../../../tmp/kb-evil-upload.md',
      '..\\..\\..\\kb-evil-upload.md',
      '/etc/passwd',
      '....//....//kb-evil-upload.md',
      '%2e%2e%2fkb-evil-upload.md',
      'kb-evil\u0000.md',
      'kb-evil\r\nX-Injected: 1.md',
      '<img src=x onerror=alert(1)>.md',
      `${'a'.repeat(5_000)}.md`,
      '.htaccess',
    ];
    for (const route of uploads) {
      for (const fileName of names) {
        const boundary = `----kb${Math.random().toString(16).slice(2)}`;
        const body = Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName.replace(/"/g, '%22')}"\r\nContent-Type: text/markdown\r\n\r\n`,
          ),
          Buffer.from('# Upload probe\n\nText of an uploaded advisory.\n'),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        const response = await ctx.app.inject({
          method: route.method as 'POST',
          url: await concreteUrl(route),
          headers: { ...editor.auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
          payload: body,
        });
        expectClean(response, `${route.method} ${route.url} with file name ${brief(fileName, 60)}`);
        if (response.statusCode < 300) {
          const { id } = response.json() as { id?: string };
          const [stored] = await rows<{ title: string; note: string }>(
            ctx,
            'select r.title, r.note from revisions r where r.document_id = $1',
            [id],
          );
          for (const text of [stored?.title ?? '', stored?.note ?? '']) {
            expect(text, fileName).not.toMatch(/\.\.[/\\]|[/\\]etc[/\\]|\u0000|\r|\n/);
          }
        }
      }
    }
    // Nothing was written where the traversal pointed.
    const { existsSync } = await import('node:fs');
    for (const target of ['/tmp/kb-evil-upload.md', '/kb-evil-upload.md', `${process.cwd()}/../kb-evil-upload.md`]) {
      expect(existsSync(target), target).toBe(false);
    }
  });

  it('never serves a file from outside the built web app, whatever the encoding of the path', async () => {
    const { buildApp } = await import('@kb/api/testing');
    const web = await buildApp({
      databaseUrl: ctx.databaseUrl,
      meiliUrl: ctx.services.meiliUrl,
      meiliMasterKey: ctx.services.meiliKey,
      meiliIndexPrefix: `${ctx.indexPrefix}w`,
      jwtSecret: 'w'.repeat(40),
      secureCookies: false,
      runSearchSync: false,
      serveWeb: true,
    });
    await web.listen({ port: 0, host: '127.0.0.1' });
    const port = (web.server.address() as AddressInfo).port;
    const get = (rawPath: string) =>
      new Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
        // A raw request line: fetch() and URL() would normalize the dots away.
        const req = httpRequest({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              statusCode: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        });
        req.on('error', reject);
        req.end();
      });
    try {
      // The web app is really served here (it needs `pnpm --filter @kb/web build`, as pnpm test runs).
      expect((await get('/')).body).toContain('<div id="root">');
      for (const rawPath of [
        '/../../../../etc/passwd',
        '/assets/../../../package.json',
        '/assets/..%2f..%2f..%2fpackage.json',
        '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
        '/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
        '/..%5c..%5c..%5cpackage.json',
        '/assets/....//....//package.json',
        '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
        '/index.html%00.json',
        '/api/../../package.json',
      ]) {
        const response = await get(rawPath);
        inputsTried++;
        expect(response.statusCode, rawPath).toBeLessThan(500);
        expect(response.body, rawPath).not.toMatch(/root:x:0|"name": "advisory-kb"|"devDependencies"/);
      }
    } finally {
      await web.close();
    }
  });
});
