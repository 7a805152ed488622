import {
  apiRoutes,
  createTestContext,
  pathParams,
  type RouteEntry,
  recordRoutes,
  type TestContext,
} from '@kb/api/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLoneSurrogate } from './hostile-values';
import { fuzzedArbitrary, objectArbitrary, type Pools, validSample } from './schema-arbitraries';
import { brief, contractProblem, type Finding, printFigures, realPools } from './support';

/**
 * Property-based fuzzing of every route in the app's route table, with inputs generated from
 * the route's own schemas: a route added tomorrow is fuzzed without a line written for it.
 * KB_FUZZ_RUNS raises the runs per route (default 30); KB_FUZZ_SEED replays a run.
 */
const RUNS_PER_ROUTE = Number(process.env.KB_FUZZ_RUNS ?? 30);
const SEED = Number(process.env.KB_FUZZ_SEED ?? Date.now() % 2 ** 31);
/** A slow route (say, a reindex) gets this much time, then its property stops early. */
const TIME_PER_ROUTE_MS = Number(process.env.KB_FUZZ_MS_PER_ROUTE ?? 8_000);

let ctx: TestContext;
let routes: RouteEntry[];
let pools: Pools;
const tokens: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  const recorder = recordRoutes();
  try {
    ctx = await createTestContext({ indexAll: true });
  } finally {
    recorder.stop();
  }
  routes = apiRoutes(recorder.routes);
  pools = await realPools(ctx);
  tokens.none = {};
  for (const role of ['reader', 'editor', 'admin'] as const) tokens[role] = (await ctx.user(role)).auth;
}, 120_000);
afterAll(() => ctx?.close());

const RAW_BODIES = [
  '{',
  '{"a":',
  'null',
  '[]',
  '"text"',
  '12',
  'true',
  '{"a":1}{"b":2}',
  '\u0000',
  '{"__proto__":{"admin":true}}',
];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
];

interface FuzzedRequest {
  identity: string;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: { raw: string; contentType: string } | undefined;
}

function toQueryString(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      search.append(key, typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function requestArbitrary(route: RouteEntry): fc.Arbitrary<FuzzedRequest> {
  const paramSchemas = (route.params?.properties ?? {}) as Record<string, Record<string, unknown>>;
  const params = fc.record(
    Object.fromEntries(pathParams(route.url).map((name) => [name, fuzzedArbitrary(paramSchemas[name], pools, name)])),
  );
  const query = route.querystring ? objectArbitrary(route.querystring, pools) : fc.constant({});
  const hasBody = !['GET', 'HEAD', 'OPTIONS'].includes(route.method);
  const jsonBody = route.body ? objectArbitrary(route.body, pools) : fc.jsonValue({ maxDepth: 2 });
  const body = hasBody
    ? fc.oneof(
        {
          weight: 8,
          arbitrary: jsonBody.map((value) => ({
            raw: JSON.stringify(value) ?? 'null',
            contentType: 'application/json',
          })),
        },
        {
          weight: 1,
          arbitrary: fc.record({ raw: fc.constantFrom(...RAW_BODIES), contentType: fc.constantFrom(...CONTENT_TYPES) }),
        },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
    : fc.constant(undefined);
  return fc.record({
    identity: fc.constantFrom('admin', 'admin', 'editor', 'reader', 'none'),
    params,
    query,
    body,
  });
}

function urlOf(route: RouteEntry, params: Record<string, unknown>): string {
  return route.url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params[name];
    // A lone surrogate has no UTF-8 form: no client can put it in a URL, so send U+FFFD instead.
    const text = (typeof value === 'string' ? value : JSON.stringify(value ?? 'x')).replace(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd',
    );
    // Traversal strings go in raw half of the time: the router and the handlers must cope.
    return /\.\./.test(text) && text.length % 2 === 0 ? text : encodeURIComponent(text);
  });
}

describe('every route refuses hostile input cleanly (property-based, from the route schemas)', () => {
  it('never answers 5xx and always uses the JSON error shape on 4xx', async () => {
    expect(routes.length).toBeGreaterThan(5);
    const findings: Finding[] = [];
    const statuses: Record<string, number> = {};
    const perRoute: Record<string, number> = {};
    let requests = 0;
    const started = Date.now();

    for (const route of routes) {
      const name = `${route.method} ${route.url}`;
      let runs = 0;
      const details = await fc.check(
        fc.asyncProperty(requestArbitrary(route), async (input) => {
          const url = urlOf(route, input.params) + toQueryString(input.query);
          const response = await ctx.app.inject({
            method: route.method as 'GET',
            url,
            headers: {
              ...tokens[input.identity],
              ...(input.body ? { 'content-type': input.body.contentType } : {}),
            },
            payload: input.body?.raw,
          });
          requests++;
          runs++;
          statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
          const problem = contractProblem(response);
          if (problem) {
            throw Object.assign(new Error(problem), {
              finding: {
                route: name,
                identity: input.identity,
                request: { url, body: input.body?.raw.slice(0, 500) },
                status: response.statusCode,
                body: brief(response.body, 500),
                problem,
              } satisfies Finding,
            });
          }
        }),
        {
          numRuns: RUNS_PER_ROUTE,
          seed: SEED,
          interruptAfterTimeLimit: TIME_PER_ROUTE_MS,
          markInterruptAsFailure: false,
          // No shrinking: it re-sends hundreds of requests; the first failing input is reported as is.
          endOnFailure: true,
          maxSkipsPerRun: 10,
        },
      );
      perRoute[name] = runs;
      if (details.failed) {
        const finding = (details.errorInstance as { finding?: Finding } | undefined)?.finding;
        findings.push(
          finding ?? {
            route: name,
            identity: '?',
            request: brief(details.counterexample),
            status: 0,
            body: String(details.errorInstance),
            problem: 'property failed',
          },
        );
      }
    }

    printFigures('route fuzzing (fast-check, inputs from the route schemas)', {
      routes: routes.length,
      'inputs tried (requests)': requests,
      'runs per route': RUNS_PER_ROUTE,
      seed: `${SEED} (KB_FUZZ_SEED=${SEED} replays it)`,
      'answers by status': statuses,
      'routes failing': findings.length,
      seconds: Math.round((Date.now() - started) / 1000),
    });
    for (const f of findings) {
      console.error(
        `[finding] ${f.route} as ${f.identity}: ${f.problem}\n  request: ${brief(f.request, 600)}\n  answer ${f.status}: ${f.body}`,
      );
    }
    expect(findings, `routes that broke the contract (seed ${SEED}); see [finding] lines`).toEqual([]);
    expect(Object.keys(perRoute).length).toBe(routes.length);
  }, 600_000);

  it('answers 400 to a lone UTF-16 surrogate in any string field of any body, in the JSON error shape', async () => {
    // Path parameters and query strings cannot carry one: a URL is UTF-8, where a lone
    // surrogate has no form (the fuzz above sends what a client would, `%ED%A0%80` decodes to nothing).
    const refused: Record<string, number> = {};
    const wrong: string[] = [];
    let fields = 0;
    for (const route of routes.filter((r) => r.body && !['GET', 'HEAD'].includes(r.method))) {
      const name = `${route.method} ${route.url}`;
      const params = (validSample(route.params, pools, 3) ?? {}) as Record<string, unknown>;
      const url = route.url.replace(/:([A-Za-z0-9_]+)/g, (_, key: string) =>
        encodeURIComponent(String(params[key] ?? 'x')),
      );
      for (const path of stringPaths(route.body as JsonSchema)) {
        // A body that is itself a string (a CSV upload) is the field: the surrogate goes into it.
        let body: unknown = structuredClone((validSample(route.body, pools, 3) ?? {}) as Record<string, unknown>);
        if (path.length === 0) body = withLoneSurrogate('victim@x.test', 6);
        else setAt(body as Record<string, unknown>, path, withLoneSurrogate('victim@x.test', 6));
        const response = await ctx.app.inject({
          method: route.method as 'POST',
          url,
          // An address of its own: the route limits the fuzz above spent must not answer first.
          headers: {
            ...tokens.admin,
            'content-type': 'application/json',
            'x-forwarded-for': `10.13.${Math.floor(fields / 250)}.${fields % 250}`,
          },
          payload: JSON.stringify(body),
        });
        fields++;
        const code = (response.json() as { error?: { code?: string } }).error?.code;
        if (response.statusCode !== 400 || !code)
          wrong.push(`${name} ${path.join('.')}: ${response.statusCode} ${response.body.slice(0, 200)}`);
        else refused[name] = (refused[name] ?? 0) + 1;
      }
    }
    printFigures('lone surrogates in every string field of every body', {
      routes: Object.keys(refused).length,
      fields,
      'answered 400': Object.values(refused).reduce((a, b) => a + b, 0),
      wrong: wrong.length,
    });
    expect(wrong).toEqual([]);
    expect(fields).toBeGreaterThan(20);
  }, 120_000);
});

type JsonSchema = Record<string, unknown>;

/** Where the strings of a schema's values are: one path per string field, array items at index 0. */
function stringPaths(
  schema: JsonSchema | undefined,
  prefix: Array<string | number> = [],
  depth = 0,
): Array<Array<string | number>> {
  if (!schema || depth > 6) return [];
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(variants)) {
    const first = variants.find((v) => v.type !== 'null');
    return first ? stringPaths(first, prefix, depth + 1) : [];
  }
  if (schema.type === 'string' && !('enum' in schema) && !('const' in schema)) return [prefix];
  if (schema.type === 'array') return stringPaths(schema.items as JsonSchema, [...prefix, 0], depth + 1);
  if (schema.type === 'object') {
    return Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).flatMap(([key, sub]) =>
      stringPaths(sub, [...prefix, key], depth + 1),
    );
  }
  return [];
}

function setAt(target: Record<string, unknown>, path: Array<string | number>, value: unknown) {
  let node: Record<string | number, unknown> = target;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = path[i + 1];
    if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object')
      node[key] = typeof next === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  });
}
