import { type Database, metaValue, setMetaValue } from '@kb/db';

/** When this database was seeded (null: never). */
export function seededAt(db: Database): Promise<string | null> {
  return metaValue(db, 'seeded_at');
}

export function markSeeded(db: Database): Promise<void> {
  return setMetaValue(db, 'seeded_at', new Date().toISOString());
}
