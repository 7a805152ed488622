import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema/index';

export type Database = NodePgDatabase<typeof schema> & { $client: pg.Pool };

/** A database or an open transaction: repository functions run in either. */
export type Tx = Pick<Database, 'select' | 'selectDistinct' | 'insert' | 'update' | 'delete' | 'execute' | 'query'>;

/** A pooled connection that fails fast when PostgreSQL is unreachable instead of hanging. */
export function createDatabase(
  url: string,
  options: { max?: number; statementTimeoutMs?: number; queryTimeoutMs?: number } = {},
): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 20,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    // Guards against a statement waiting forever on a lock or a dead server.
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    query_timeout: options.queryTimeoutMs ?? 20_000,
  });
  // A client losing its server (PostgreSQL restarted or stopped) must not crash the process:
  // the query in flight fails with a connection error, which the API answers with 503.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return drizzle(pool, { schema }) as Database;
}
