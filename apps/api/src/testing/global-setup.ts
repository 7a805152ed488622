import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, runMigrations } from '@kb/db';
import { dataDirMasterKey, startMeilisearch, startPostgres } from '@kb/embedded';
import type { TestProject } from 'vitest/node';
import { syncAuthorities } from '../modules/authorities';
import { seedOnce } from '../modules/bulk-import';
import { seedOffenseEntries } from '../modules/offenses';

declare module 'vitest' {
  export interface ProvidedContext {
    services: {
      /** The superuser, for creating and dropping databases. */
      adminUrl: string;
      /** The template database as the app role: clones keep its owner and credentials. */
      templateUrl: string;
      template: string;
      meiliUrl: string;
      meiliKey: string;
      dataDir: string;
    };
  }
}

export const TEMPLATE_DATABASE = 'kb_template';

/**
 * Starts one real PostgreSQL and one real Meilisearch for the whole run, in a throwaway
 * folder on free ports (so two runs can share the machine), and prepares a template database:
 * migrated and seeded once, cloned by every test file.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kb-test-'));
  const postgres = await startPostgres(path.join(dataDir, 'postgres'), { database: TEMPLATE_DATABASE });
  const meiliKey = dataDirMasterKey(dataDir);
  const meili = await startMeilisearch(path.join(dataDir, 'meilisearch'), meiliKey);
  const db = createDatabase(postgres.url, { max: 4 });
  try {
    await runMigrations(db);
    await seedOnce(db, { dataDir, demo: true });
    // As `pnpm start` does: the sample chart rows, published.
    await seedOffenseEntries(db);
    await syncAuthorities(db);
  } catch (error) {
    await meili.stop();
    await postgres.stop();
    throw error;
  } finally {
    await db.$client.end();
  }

  project.provide('services', {
    adminUrl: postgres.adminUrl,
    templateUrl: postgres.url,
    template: TEMPLATE_DATABASE,
    meiliUrl: meili.url,
    meiliKey,
    dataDir,
  });

  return async () => {
    await meili.stop();
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
