export { SEARCH_INDEX_CHANNEL, SEARCH_OUTBOX_CHANNEL } from './channels';
export { createDatabase, type Database, type Tx } from './client';
export { metaValue, setMetaValue } from './meta';
export { isMigrated, migrationsFolder, runMigrations, withAdvisoryLock } from './migrate';
export * from './schema/index';
export { seedDataFolder } from './seed-data';
