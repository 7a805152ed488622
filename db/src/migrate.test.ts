import { randomInt } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createDatabase } from './client';
import { withAdvisoryLock } from './migrate';

describe('withAdvisoryLock', () => {
  it('waits for a holder that keeps the lock longer than the pool lets a query run, then runs once', async () => {
    // Advisory locks only: the maintenance database is enough, and no test database is cloned from it.
    const url = inject('services').adminUrl;
    const key = randomInt(1, 2 ** 47);
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    // Queries may run 300 ms here; the holder keeps the lock five times as long (a replica
    // migrating or rebuilding the citation graph while another starts).
    const db = createDatabase(url, { max: 2, statementTimeoutMs: 300, queryTimeoutMs: 500 });
    try {
      await holder.query('select pg_advisory_lock($1)', [key]);
      const releasedAt = new Promise<number>((resolve) =>
        setTimeout(async () => {
          await holder.query('select pg_advisory_unlock($1)', [key]);
          resolve(Date.now());
        }, 1_500),
      );
      let runs = 0;
      let ranAt = 0;
      await withAdvisoryLock(db, key, async () => {
        runs++;
        ranAt = Date.now();
      });
      expect(runs).toBe(1);
      expect(ranAt).toBeGreaterThanOrEqual(await releasedAt);
    } finally {
      await holder.end();
      await db.$client.end();
    }
  });
});
