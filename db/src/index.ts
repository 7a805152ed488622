export { createDatabase, type Database } from './client';
export { isMigrated, migrationsFolder, runMigrations, withAdvisoryLock } from './migrate';
export * from './schema/index';
export { seedDataFolder } from './seed-data';
