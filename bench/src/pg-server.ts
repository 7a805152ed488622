import http from 'node:http';
import pg from 'pg';
import { buildPgSearch, headlineParts, loadTermClosure, pgParamsFrom } from './pg-baseline';

/**
 * The PostgreSQL baseline as a tiny HTTP endpoint in its own process, so that the same load
 * tool drives it the same way as the API and Meilisearch: GET /search takes the API's query
 * string and answers the API's shape (hits with snippets, facet counts, total). It has no
 * authentication, no schema validation and no logging — less work per request than the API,
 * which favours PostgreSQL in the comparison.
 *
 * Environment: BENCH_DATABASE_URL, BENCH_PORT, BENCH_POOL (connections, default 16).
 */

const url = process.env.BENCH_DATABASE_URL;
const port = Number(process.env.BENCH_PORT ?? 0);
if (!url || !port) {
  console.error('pg-server: BENCH_DATABASE_URL and BENCH_PORT are required');
  process.exit(2);
}

const pool = new pg.Pool({ connectionString: url, max: Number(process.env.BENCH_POOL ?? 16) });
pool.on('error', () => {});
pool.on('connect', (client) => {
  // Tuning a team would do for short interactive queries: no JIT compilation (it costs tens
  // of milliseconds on big plans) and enough memory for the facet sorts.
  void client.query("set jit = off; set work_mem = '32MB'");
});

const closure = await loadTermClosure(pool);

const server = http.createServer(async (req, res) => {
  const started = performance.now();
  const parsed = new URL(req.url ?? '/', 'http://localhost');
  if (parsed.pathname === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    return;
  }
  if (parsed.pathname !== '/search') {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found"}}');
    return;
  }
  try {
    const params = pgParamsFrom(parsed.searchParams);
    const { text, values } = buildPgSearch(params, closure);
    const { rows } = await pool.query(text, values);
    const row = rows[0] as {
      total: number;
      hits: Array<Record<string, unknown> & { snippet: string }>;
      facets: Record<string, Record<string, number>>;
    };
    const body = JSON.stringify({
      hits: row.hits.map((h) => ({ ...h, snippet: headlineParts(h.snippet ?? '') })),
      facets: row.facets,
      total: row.total,
      page: params.page,
      perPage: params.perPage,
      tookMs: Math.round(performance.now() - started),
    });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  } catch (error) {
    res
      .writeHead(500, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: { code: 'pg_error', message: String((error as Error).message) } }));
  }
});

server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => console.log(`pg-server listening on ${port}`));

const stop = () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
