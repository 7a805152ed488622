import { eq } from 'drizzle-orm';
import type { Tx } from './client';
import { appMeta } from './schema/index';

/** A value kept in app_meta: markers of one-time work (seeded, graph built, vocabulary stored). Null: never set. */
export async function metaValue(db: Tx, key: string): Promise<string | null> {
  const [row] = await db.select().from(appMeta).where(eq(appMeta.key, key));
  return row?.value ?? null;
}

export async function setMetaValue(db: Tx, key: string, value: string): Promise<void> {
  await db
    .insert(appMeta)
    .values({ key, value })
    .onConflictDoUpdate({ target: appMeta.key, set: { value, updatedAt: new Date() } });
}
