import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './client';

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

// Any 64-bit constant, shared by every process that migrates this database.
const MIGRATION_LOCK = 7_311_202_601;

/** Applies the committed SQL migrations, one process at a time. Throws on failure. */
export function runMigrations(db: Database): Promise<void> {
  return withAdvisoryLock(db, MIGRATION_LOCK, () => migrate(db, { migrationsFolder }));
}

const LOCK_POLL_MS = 200;

/** Runs `work` while holding a PostgreSQL advisory lock: one process at a time, across replicas. */
export async function withAdvisoryLock<T>(db: Database, key: number, work: () => Promise<T>): Promise<T> {
  const client = await db.$client.connect();
  try {
    // Another process may hold the lock for minutes (migrating, or rebuilding the citation graph of
    // a large library): a blocking pg_advisory_lock would hit the pool's statement and query
    // timeouts (a second replica then failed to start), so the wait polls.
    for (;;) {
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [key]);
      if (rows[0]?.locked) break;
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    return await work();
  } finally {
    await client.query('select pg_advisory_unlock($1)', [key]).catch(() => {});
    client.release();
  }
}

export async function isMigrated(db: Database): Promise<boolean> {
  const result = await db.execute(sql`select to_regclass('public.documents') is not null as ok`);
  return Boolean((result.rows[0] as { ok?: boolean } | undefined)?.ok);
}
