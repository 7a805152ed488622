import { appMeta, type Database } from '@kb/db';
import { eq } from 'drizzle-orm';

/** When this database was seeded (null: never). */
export async function seededAt(db: Database): Promise<string | null> {
  const [row] = await db.select().from(appMeta).where(eq(appMeta.key, 'seeded_at'));
  return row?.value ?? null;
}

export async function markSeeded(db: Database): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insert(appMeta)
    .values({ key: 'seeded_at', value: now })
    .onConflictDoUpdate({ target: appMeta.key, set: { value: now, updatedAt: new Date() } });
}
