import { createHmac, randomBytes } from 'node:crypto';
import {
  type Access,
  type App,
  apiRoutes,
  createTestContext,
  fillPath,
  pathParams,
  type RouteEntry,
  recordRoutes,
  type TestContext,
  type TestUser,
} from '@kb/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Pools, validSample } from './schema-arbitraries';
import { brief, contractProblem, printFigures, realPools, rows } from './support';

/**
 * Walks the app's route table and calls every route as every kind of caller, checking the
 * answer against the role the route declares. Routes added later are walked too; a route that
 * declares no role fails the walk (see the self-check at the end).
 */
let ctx: TestContext;
let routes: RouteEntry[];
let pools: Pools;
const users: Record<'reader' | 'editor' | 'admin', TestUser> = {} as never;
const identities: Identity[] = [];

interface Identity {
  name: string;
  /** The role the caller really has; undefined: not signed in (or a token that must not count). */
  role?: 'reader' | 'editor' | 'admin';
  headers: Record<string, string>;
}

const RANK = { public: 0, reader: 1, editor: 2, admin: 3 } as const;

const b64url = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** An HS256 JWT signed with `secret`: how a forger with the wrong key would mint one. */
function signHs256(payload: object, secret: string): string {
  const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

beforeAll(async () => {
  const recorder = recordRoutes();
  try {
    ctx = await createTestContext();
  } finally {
    recorder.stop();
  }
  routes = apiRoutes(recorder.routes);
  pools = await realPools(ctx);
  for (const role of ['reader', 'editor', 'admin'] as const) users[role] = await ctx.user(role);
  // The walk's editor must own the document its GETs name: another organization's is a 403,
  // checked with cross-organization callers below.
  await rows(ctx, 'update documents set organization_id = $1 where id = $2', [
    await ctx.testOrganizationId(),
    pools.ids[0],
  ]);
  const now = Math.floor(Date.now() / 1000);
  const admin = users.admin;
  const [readerHeader, , readerSignature] = users.reader.token.split('.');
  identities.push(
    { name: 'no token', headers: {} },
    // Correctly signed, but two hours old: expired.
    {
      name: 'expired token',
      headers: {
        authorization: `Bearer ${ctx.app.jwt.sign({ sub: admin.id, role: 'admin', ver: 0, iat: now - 7200 } as never)}`,
      },
    },
    {
      name: 'forged token (wrong key)',
      headers: {
        authorization: `Bearer ${signHs256({ sub: admin.id, role: 'admin', ver: 0, iat: now, exp: now + 600 }, randomBytes(32).toString('hex'))}`,
      },
    },
    {
      name: "reader's token with its role edited to admin",
      headers: {
        authorization: `Bearer ${readerHeader}.${b64url({ sub: users.reader.id, role: 'admin', ver: 0, iat: now, exp: now + 600 })}.${readerSignature}`,
      },
    },
    {
      name: 'unsigned token (alg none)',
      headers: {
        authorization: `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: admin.id, role: 'admin', ver: 0, iat: now, exp: now + 600 })}.`,
      },
    },
    { name: 'reader', role: 'reader', headers: users.reader.auth },
    { name: 'editor', role: 'editor', headers: users.editor.auth },
    { name: 'admin', role: 'admin', headers: users.admin.auth },
  );
}, 120_000);
afterAll(() => ctx?.close());

/**
 * What the declared access allows this caller: 'ok' (not 401/403), 401 or 403. Public routes
 * may answer 401/403 themselves (a wrong password at sign-in), but never differently because
 * of the token a caller sends: 'same' checks that.
 */
function expected(access: Access | undefined, identity: Identity): 'ok' | 'same' | 401 | 403 {
  if (access === undefined) throw new Error('declares no access');
  if (access === 'public') return 'same';
  if (!identity.role) return 401;
  return RANK[identity.role] >= RANK[access] ? 'ok' : 403;
}

/** Path parameter values for a route: real rows for GETs (200s), random ids for writes (so the walk does not archive the corpus). */
function sampleParams(route: RouteEntry): Record<string, string> {
  const sample = (validSample(route.params, pools, 7) ?? {}) as Record<string, unknown>;
  const reference = route.method === 'GET' ? (pools.ids[0] ?? crypto.randomUUID()) : crypto.randomUUID();
  const properties = (route.params?.properties ?? {}) as Record<string, { format?: string }>;
  return Object.fromEntries(
    pathParams(route.url).map((name) => {
      const isReference = properties[name]?.format === 'uuid' || /slug|id$/i.test(name);
      return [name, String(isReference ? reference : (sample[name] ?? reference))];
    }),
  );
}

/** A concrete request for a route: valid-shaped params, query and body from its schemas. */
function sampleRequest(route: RouteEntry) {
  const params = sampleParams(route);
  const query = validSample(route.querystring, pools, 7) as Record<string, unknown> | undefined;
  const search = query
    ? new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString()
    : '';
  const body = route.body ? validSample(route.body, pools, 7) : undefined;
  const path = fillPath(route.url, params);
  return { params, path, url: search ? `${path}?${search}` : path, body };
}

export interface AccessViolation {
  route: string;
  identity: string;
  expected: string;
  status: number;
  body: string;
}

/** Calls every route as every identity; returns what contradicts the declarations. */
async function walkAccess(app: App, table: RouteEntry[], callers: Identity[]) {
  const violations: AccessViolation[] = [];
  const statuses: Record<string, number> = {};
  let calls = 0;
  for (const route of table) {
    const name = `${route.method} ${route.url}`;
    if (route.access === undefined) {
      violations.push({
        route: name,
        identity: '-',
        expected: 'a role declaration',
        status: 0,
        body: 'declares no access',
      });
      continue;
    }
    const { url, body } = sampleRequest(route);
    const publicAnswers = new Set<number>();
    for (const identity of callers) {
      const want = expected(route.access, identity);
      const response = await app.inject({
        method: route.method as 'GET',
        url,
        headers: { ...identity.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        payload: body === undefined ? undefined : JSON.stringify(body),
      });
      calls++;
      statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      const shape = contractProblem(response);
      // Rate limiting (429) of repeated sign-ins depends on the caller's address, not the token: not compared.
      if (want === 'same' && response.statusCode !== 429) publicAnswers.add(response.statusCode);
      const ok =
        shape === null &&
        (want === 'same'
          ? publicAnswers.size === 1
          : want === 'ok'
            ? response.statusCode !== 401 && response.statusCode !== 403
            : response.statusCode === want);
      if (!ok) {
        violations.push({
          route: name,
          identity: identity.name,
          expected:
            want === 'same'
              ? `the same answer for every caller (declared public), saw ${[...publicAnswers].join(', ')}`
              : want === 'ok'
                ? `not 401/403 (declared ${route.access})`
                : `${want} (declared ${route.access})`,
          status: response.statusCode,
          body: brief(shape ?? response.body, 200),
        });
      }
    }
  }
  return { violations, statuses, calls };
}

describe('access control over the whole route table', () => {
  it('answers every route as its declared role says, for every caller', async () => {
    expect(routes.length).toBeGreaterThan(5);
    const byAccess = Object.fromEntries(
      (['public', 'reader', 'editor', 'admin'] as const).map((a) => [a, routes.filter((r) => r.access === a).length]),
    );
    const { violations, statuses, calls } = await walkAccess(ctx.app, routes, identities);
    printFigures('access walk over the route table', {
      routes: routes.length,
      'routes by declared access': byAccess,
      callers: identities.map((i) => i.name).join(', '),
      requests: calls,
      'answers by status': statuses,
      violations: violations.length,
    });
    for (const v of violations) {
      console.error(`[finding] ${v.route} as ${v.identity}: expected ${v.expected}, got ${v.status} ${v.body}`);
    }
    expect(violations).toEqual([]);
    // The walk really reached the handlers: signed-in callers got 2xx answers.
    expect(Object.keys(statuses).some((s) => s.startsWith('2'))).toBe(true);
  }, 120_000);
});

describe("another user's things are a 404, not a 403 (their existence is not revealed)", () => {
  it('answers a reader with 404 for bookmarks, folders, drafts and unpublished revisions that are not theirs', async () => {
    const owner = users.editor;
    const intruder = await ctx.user('reader');
    const [published] = await rows<{ id: string; revision: string }>(
      ctx,
      "select id, published_revision_id as revision from documents where status = 'published' limit 1",
    );
    const [folder] = await rows<{ id: string }>(
      ctx,
      'insert into folders (user_id, name) values ($1, $2) returning id',
      [owner.id, 'Client M. — removal defense'],
    );
    const [bookmark] = await rows<{ id: string }>(
      ctx,
      'insert into bookmarks (user_id, document_id, folder_id, note, saved_revision_id) values ($1, $2, $3, $4, $5) returning id',
      [owner.id, published?.id, folder?.id, 'privileged: client has a 2019 conviction', published?.revision],
    );
    const drafts = await rows<{ id: string; slug: string }>(
      ctx,
      "select id, slug from documents where status = 'draft'",
    );
    expect(drafts.length).toBeGreaterThan(0);
    const draftRevisions = await rows<{ id: string }>(
      ctx,
      "select r.id from revisions r join documents d on d.id = r.document_id where d.status = 'draft'",
    );
    const foreign: Array<{ what: string; value: string }> = [
      { what: "another user's bookmark", value: bookmark?.id ?? '' },
      { what: "another user's folder", value: folder?.id ?? '' },
      ...drafts.flatMap((d) => [
        { what: 'a draft id', value: d.id },
        { what: 'a draft slug', value: d.slug },
      ]),
      ...draftRevisions.slice(0, 3).map((r) => ({ what: 'an unpublished revision', value: r.id })),
    ];

    // Every route a reader may call that takes an id in its path or body.
    const targets = routes.filter(
      (r) =>
        r.access === 'reader' &&
        (pathParams(r.url).length > 0 || Object.keys((r.body?.properties as object) ?? {}).some((k) => /Id$/.test(k))),
    );
    const wrong: string[] = [];
    let calls = 0;
    for (const route of targets) {
      const { params, path, body } = sampleRequest(route);
      for (const { what, value } of foreign) {
        // Each path parameter in turn, then each *Id body field in turn.
        const variants: Array<{ url: string; body: unknown }> = [
          ...pathParams(route.url).map((name) => ({ url: fillPath(route.url, { ...params, [name]: value }), body })),
          ...Object.keys((route.body?.properties as object) ?? {})
            .filter((k) => /Id$/.test(k))
            .map((k) => ({ url: path, body: { ...(body as object), [k]: value } })),
        ];
        for (const variant of variants) {
          const response = await ctx.app.inject({
            method: route.method as 'GET',
            url: variant.url,
            headers: {
              ...intruder.auth,
              ...(variant.body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            payload: variant.body === undefined ? undefined : JSON.stringify(variant.body),
          });
          calls++;
          // 400 is fine when the id does not even fit the parameter (a slug where a uuid goes).
          const fine = response.statusCode === 404 || (response.statusCode === 400 && !/^[0-9a-f-]{36}$/.test(value));
          if (!fine || response.body.includes('privileged') || response.body.includes('Client M.')) {
            wrong.push(
              `${route.method} ${variant.url} with ${what}: ${response.statusCode} ${brief(response.body, 160)}`,
            );
          }
        }
      }
    }
    printFigures('foreign ids', {
      routes: targets.length,
      'foreign ids': foreign.length,
      requests: calls,
      wrong: wrong.length,
    });
    for (const w of wrong) console.error(`[finding] ${w}`);
    expect(wrong).toEqual([]);
    // Nothing of the owner's was changed by the intruder's writes.
    const [kept] = await rows<{ note: string; folder_id: string }>(
      ctx,
      'select note, folder_id from bookmarks where id = $1',
      [bookmark?.id],
    );
    expect(kept).toEqual({ note: 'privileged: client has a 2019 conviction', folder_id: folder?.id });
    expect(await rows(ctx, 'select 1 from folders where id = $1', [folder?.id])).toHaveLength(1);
  }, 120_000);
});

describe('cross-organization callers: only the owning organization edits and reviews a document', () => {
  it("answers another organization's editor 403 on every editorial route of a document, and its own editor not", async () => {
    const ownerOrg = await ctx.organization({ name: 'Owner Organization' });
    const owner = await ctx.user('editor', { organizationId: ownerOrg });
    const outsider = await ctx.user('editor'); // the test organization
    const create = (editor: TestUser, title: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: editor.auth,
        payload: {
          kind: 'advisory',
          title,
          summary: '',
          publisher: 'ignored: the owner names the publisher',
          authors: [],
          jurisdictions: ['us-ca'],
          audience: 'both',
          documentDate: null,
          lastReviewedAt: null,
          citations: [],
          offenseTypes: [],
          consequences: [],
          body: `# ${title}\n\nText.`,
        },
      });
    const draft = (await create(owner, 'Owner draft')).json() as { id: string; revisionId: string };
    const published = (await create(owner, 'Owner published')).json() as { id: string; revisionId: string };
    const publish = await ctx.app.inject({
      method: 'POST',
      url: `/api/documents/${published.id}/publish`,
      headers: owner.auth,
      payload: {},
    });
    expect(publish.statusCode).toBe(200);
    const successor = (await create(outsider, 'Outsider successor')).json() as { id: string };

    // Every editor route on one document (`/api/documents/:id…`, and entries' `/api/offenses/:id…`),
    // from the route table.
    const editorial = routes.filter((r) => r.access === 'editor' && /^\/api\/(documents|offenses)\/:id\//.test(r.url));
    expect(editorial.length).toBeGreaterThanOrEqual(12);
    const before = await rows(
      ctx,
      'select status, head_revision_id, superseded_by_id from documents where id = any($1) order by id',
      [[draft.id, published.id]],
    );
    const wrong: string[] = [];
    for (const route of editorial) {
      for (const target of [draft, published]) {
        const { body } = sampleRequest(route);
        const params: Record<string, string> = {
          id: target.id,
          revisionId: target.revisionId,
          a: target.revisionId,
          b: target.revisionId,
        };
        const payload =
          body === undefined
            ? undefined
            : {
                ...(body as object),
                ...('baseRevisionId' in (body as object) ? { baseRevisionId: target.revisionId } : {}),
                ...('revisionId' in (body as object) ? { revisionId: target.revisionId } : {}),
                ...('successorId' in (body as object) ? { successorId: successor.id } : {}),
              };
        const call = (editor: TestUser) =>
          ctx.app.inject({
            method: route.method as 'GET',
            url: fillPath(route.url, params),
            headers: { ...editor.auth, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
            payload: payload === undefined ? undefined : JSON.stringify(payload),
          });
        const refused = await call(outsider);
        if (refused.statusCode !== 403 || !/Owner Organization/.test(refused.body)) {
          wrong.push(
            `${route.method} ${route.url} as another organization's editor: ${refused.statusCode} ${brief(refused.body, 160)}`,
          );
        }
      }
    }
    for (const w of wrong) console.error(`[finding] ${w}`);
    expect(wrong).toEqual([]);
    // Nothing changed: the outsider's writes were refused before they touched anything.
    expect(
      await rows(
        ctx,
        'select status, head_revision_id, superseded_by_id from documents where id = any($1) order by id',
        [[draft.id, published.id]],
      ),
    ).toEqual(before);

    // The owner's editors pass the same gate (state rules aside): never 403.
    for (const route of editorial.filter((r) => r.method === 'GET')) {
      const response = await ctx.app.inject({
        method: 'GET',
        url: fillPath(route.url, {
          id: draft.id,
          revisionId: draft.revisionId,
          a: draft.revisionId,
          b: draft.revisionId,
        }),
        headers: owner.auth,
      });
      expect(response.statusCode, `${route.url}: ${response.body}`).toBe(200);
    }
    // Editors create documents for their own organization only; network admins for any.
    const foreignCreate = await ctx.app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: outsider.auth,
      payload: {
        ...(sampleRequest(routes.find((r) => r.method === 'POST' && r.url === '/api/documents') as RouteEntry)
          .body as object),
        organizationId: ownerOrg,
      },
    });
    expect(foreignCreate.statusCode).toBe(403);
    // Drafts of another organization do not exist for its editors' ?view=draft.
    const peek = await ctx.app.inject({
      method: 'GET',
      url: `/api/documents/${draft.id}?view=draft`,
      headers: outsider.auth,
    });
    expect(peek.statusCode).toBe(404);
  }, 120_000);
});

describe('self-check: the access walk has teeth', () => {
  it('fails for a route added without a role declaration (and the app refuses to start it)', async () => {
    const { buildApp } = await import('@kb/api/testing');
    const recorder = recordRoutes();
    const app = await buildApp({
      databaseUrl: ctx.databaseUrl,
      meiliUrl: ctx.services.meiliUrl,
      meiliMasterKey: ctx.services.meiliKey,
      meiliIndexPrefix: `${ctx.indexPrefix}s`,
      jwtSecret: 'x'.repeat(40),
      secureCookies: false,
      runSearchSync: false,
    });
    try {
      // A new feature's route, forgetting `config: { access }`.
      expect(() => app.get('/api/new-feature/secrets', async () => ({ secret: 42 }))).toThrow(/declares no access/);
    } finally {
      recorder.stop();
      await app.close();
    }
    const undeclared = recorder.routes.filter((r) => r.url === '/api/new-feature/secrets');
    expect(undeclared).toHaveLength(1);
    expect(undeclared[0]?.access).toBeUndefined();
    // The same walk as above, over a table holding that route: it reports it.
    const { violations } = await walkAccess(ctx.app, undeclared, identities);
    expect(violations).toEqual([
      expect.objectContaining({ route: 'GET /api/new-feature/secrets', body: 'declares no access' }),
    ]);
  });

  it('fails for a route whose behaviour does not match its declaration', async () => {
    const me = routes.find((r) => r.method === 'GET' && r.url === '/api/me');
    expect(me).toBeDefined();
    // Pretend /api/me were declared admin-only: readers and editors get 200, so the walk objects.
    const misdeclared = { ...(me as RouteEntry), access: 'admin' as const };
    const { violations } = await walkAccess(
      ctx.app,
      [misdeclared],
      identities.filter((i) => i.role),
    );
    expect(violations.map((v) => v.identity).sort()).toEqual(['editor', 'reader']);
  });
});
