import type { Database } from '@kb/db';
import { sql } from 'drizzle-orm';

/** The cheapest statement PostgreSQL must answer: is it there? */
export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
