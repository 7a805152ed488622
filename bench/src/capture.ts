import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '@kb/api/testing';
import type { HttpRequestSpec } from './http-load';

/** The calls the API made to Meilisearch while answering one search. */
export interface CapturedSearch {
  apiPath: string;
  status: number;
  body: unknown;
  /** The search requests (`/multi-search`, `/indexes/…/search`), in order: what the floor replays. */
  meiliCalls: HttpRequestSpec[];
  /** Other requests made on the way (index stats when nothing matched, health…), by path. */
  otherCalls: string[];
  /** PostgreSQL queries the API ran for this search (authentication, filter validation, hit states…). */
  pgQueries: number;
  /** Time spent waiting for those queries (summed), for the whole request, and for Meilisearch (through the proxy). */
  pgMs: number;
  requestMs: number;
  meiliMs: number;
}

const SEARCH_PATH = /^\/(multi-search|indexes\/[^/]+\/search)(\?|$)/;

/**
 * A pass-through proxy in front of Meilisearch that records the requests going through it,
 * so the raw-Meilisearch floor replays exactly what the API sends — whatever search() does
 * today (multi-search, disjunctive facet queries, highlighting and cropping options).
 */
async function recordingProxy(meiliUrl: string) {
  const target = new URL(meiliUrl);
  let recording: HttpRequestSpec[] | null = null;
  let recordedMs = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (recording) {
        recording.push({
          method: req.method === 'GET' ? 'GET' : 'POST',
          path: req.url ?? '/',
          headers: { 'content-type': String(req.headers['content-type'] ?? 'application/json') },
          body: body.toString('utf8'),
        });
      }
      const started = performance.now();
      const upstream = http.request(
        {
          hostname: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('end', () => {
            if (recording) recordedMs += performance.now() - started;
          });
        },
      );
      upstream.on('error', (error) => res.writeHead(502).end(String(error)));
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    start() {
      recording = [];
      recordedMs = 0;
    },
    /** Time the recorded calls took, through the proxy (one extra local hop). */
    lastMs: () => recordedMs,
    finish(): HttpRequestSpec[] {
      const calls = recording ?? [];
      recording = null;
      return calls;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Builds the real app in this process against the recording proxy, signs in as `reader`,
 * asks each API path once, and returns what the API answered and what it asked Meilisearch.
 */
export async function captureMeiliCalls(input: {
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string;
  indexPrefix: string;
  reader: { email: string; password: string };
  apiPaths: string[];
  /** Where the captured API counts from (default: the app's default, the counting index). */
  countFrom?: 'documents' | 'sections';
}): Promise<CapturedSearch[]> {
  const proxy = await recordingProxy(input.meiliUrl);
  const app = await buildApp({
    databaseUrl: input.databaseUrl,
    meiliUrl: proxy.url,
    meiliMasterKey: input.meiliKey,
    meiliIndexPrefix: input.indexPrefix,
    jwtSecret: randomBytes(32).toString('hex'),
    secureCookies: false,
    runSearchSync: false,
    serveWeb: false,
    // Every search must reach Meilisearch to be recorded (the mixes repeat normalized queries).
    searchCache: false,
    searchCountFrom: input.countFrom,
  });
  try {
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: input.reader });
    if (login.statusCode !== 200) throw new Error(`sign-in for the capture failed: ${login.statusCode} ${login.body}`);
    const { accessToken } = login.json() as { accessToken: string };
    // Counts the API's PostgreSQL queries outside transactions (a search runs none inside one);
    // the pool's own connection checkout is part of each query, not another round trip.
    const pool = app.db.$client;
    let pgQueries = 0;
    let pgMs = 0;
    const query = pool.query.bind(pool);
    pool.query = ((...args: Parameters<typeof pool.query>) => {
      pgQueries++;
      const started = performance.now();
      const result = query(...args) as unknown;
      if (result instanceof Promise) {
        void result.then(
          () => {
            pgMs += performance.now() - started;
          },
          () => {},
        );
      }
      return result;
    }) as typeof pool.query;
    const captured: CapturedSearch[] = [];
    for (const apiPath of input.apiPaths) {
      proxy.start();
      pgQueries = 0;
      pgMs = 0;
      const requestStarted = performance.now();
      const response = await app.inject({
        method: 'GET',
        url: apiPath,
        headers: { authorization: `Bearer ${accessToken}` },
      });
      const requestMs = performance.now() - requestStarted;
      const calls = proxy.finish();
      const meiliCalls = calls.filter((c) => SEARCH_PATH.test(c.path));
      const otherCalls = calls.filter((c) => !SEARCH_PATH.test(c.path)).map((c) => `${c.method} ${c.path}`);
      let body: unknown = response.body;
      try {
        body = response.json();
      } catch {
        // kept as text
      }
      captured.push({
        apiPath,
        status: response.statusCode,
        body,
        meiliCalls,
        otherCalls,
        pgQueries,
        pgMs,
        requestMs,
        meiliMs: proxy.lastMs(),
      });
    }
    return captured;
  } finally {
    await app.close();
    await proxy.close();
  }
}
