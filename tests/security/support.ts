import type { TestContext } from '@kb/api/testing';
import type { Pools } from './schema-arbitraries';

/** What a failed request looked like, for the report a failing test prints. */
export interface Finding {
  route: string;
  identity: string;
  request: unknown;
  status: number;
  body: string;
  problem: string;
}

/** Text that must never reach a client: hashes, stack frames, SQL of failed statements. */
const LEAK = /\$argon2|password_?hash|token_?hash|\n\s+at .+:\d+:\d+|node_modules\/|Failed query:/i;

/**
 * The contract every answer keeps, whatever the input: no 5xx, and every 4xx is the JSON error
 * shape `{ error: { code, message } }`. Returns what is wrong, or null.
 */
export function contractProblem(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  if (response.statusCode >= 500) return `server error ${response.statusCode}`;
  if (LEAK.test(response.body)) return 'the answer leaks internals (hash, stack trace or SQL)';
  if (response.statusCode < 400) return null;
  if (!String(response.headers['content-type'] ?? '').includes('application/json')) {
    return `a ${response.statusCode} that is not JSON (${String(response.headers['content-type'])})`;
  }
  try {
    const parsed = JSON.parse(response.body) as { error?: { code?: unknown; message?: unknown } };
    if (typeof parsed.error?.code !== 'string' || typeof parsed.error?.message !== 'string') {
      return `a ${response.statusCode} without the error shape {error:{code,message}}`;
    }
  } catch {
    return `a ${response.statusCode} whose body is not valid JSON`;
  }
  return null;
}

/** Rows of a raw SQL query (the tests package uses the pool directly, not drizzle). */
export async function rows<T>(ctx: Pick<TestContext, 'db'>, text: string, values: unknown[] = []): Promise<T[]> {
  return (await ctx.db.$client.query(text, values)).rows as T[];
}

/** Real ids and slugs of the seeded database, so fuzzed requests reach existing rows too. */
export async function realPools(ctx: TestContext): Promise<Pools> {
  const docs = await rows<{ id: string; slug: string }>(
    ctx,
    `(select id, slug from documents where status = 'published' order by updated_at desc limit 6)
     union all (select id, slug from documents where status <> 'published' limit 3)`,
  );
  const revs = await rows<{ id: string }>(ctx, 'select id from revisions order by created_at desc limit 4');
  return { ids: [...docs.map((d) => d.id), ...revs.map((r) => r.id)], slugs: docs.map((d) => d.slug) };
}

/** Shortens a value for a report line. */
export function brief(value: unknown, max = 300): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

/** Prints a figures block the way every robustness suite does (summarised in SECURITY.md). */
export function printFigures(suite: string, figures: Record<string, unknown>): void {
  const lines = Object.entries(figures).map(([k, v]) => `  ${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`);
  console.log(`[figures] ${suite}\n${lines.join('\n')}`);
}
