import {
  ensureOrganizationsNamed,
  type ImportRecord,
  importRecords,
  SearchSync,
  searchVocabulary,
} from '@kb/api/testing';
import { appMeta, type Database, documentSections, documents, searchOutbox } from '@kb/db';
import { SearchIndex } from '@kb/search';
import { count, eq, sql } from 'drizzle-orm';
import { generateRecord } from './generator';
import { round } from './stats';

export interface LoadReport {
  documents: number;
  sections: number;
  generateSeconds: number;
  importSeconds: number;
  importDocumentsPerSecond: number;
  importSectionsPerSecond: number;
  /** From the first import transaction to the last section searchable (import and indexing overlap). */
  untilSearchableSeconds: number;
  searchableDocumentsPerSecond: number;
  searchableSectionsPerSecond: number;
  /** How long the index took to catch up once the import had finished. */
  indexLagAfterImportSeconds: number;
  importConcurrency: number;
  importErrors: number;
  /** Documents imported again after a concurrent stream's transaction failed (see retryReasons). */
  importRetries: number;
  importRetryReasons: string[];
  syncFailures: number;
}

const CORPUS_KEY = 'bench_corpus';

/** The corpus already loaded in this database (`seed:documents`), if any. */
export async function loadedCorpus(db: Database): Promise<string | null> {
  const [row] = await db.select().from(appMeta).where(eq(appMeta.key, CORPUS_KEY));
  return row?.value ?? null;
}

export async function publishedSectionCount(db: Database): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(documentSections)
    .innerJoin(documents, eq(documents.publishedRevisionId, documentSections.revisionId))
    .where(eq(documents.status, 'published'));
  return Number(row?.n ?? 0);
}

const log = {
  info: () => {},
  warn: (obj: unknown, message?: string) =>
    console.warn(`  search sync: ${message ?? ''}`, (obj as { err?: Error })?.err?.message ?? ''),
  error: (obj: unknown, message?: string) => console.error(`  search sync: ${message ?? ''}`, obj),
};

/**
 * Loads the generated corpus through the real import path — `importRecords` (one transaction
 * per document: revision, sections with their tsvector, tags, audit, outbox row) — while the
 * app's own SearchSync drains the outbox into Meilisearch, and times both.
 */
export async function loadCorpus(
  db: Database,
  search: { host: string; apiKey: string; prefix: string },
  options: { seed: number; documents: number; concurrency: number; progress: (line: string) => void },
): Promise<LoadReport> {
  const started = performance.now();
  const records: ImportRecord[] = [];
  for (let i = 0; i < options.documents; i++) records.push(generateRecord(options.seed, i));
  // Publishers are organizations: the generated ones are made first, or every line is refused.
  await ensureOrganizationsNamed(
    db,
    records.map((r) => r.content.publisher),
  );
  const generateSeconds = (performance.now() - started) / 1000;

  // The index exists with its settings before the first document arrives, as in the running app.
  const index = new SearchIndex(search);
  await index.applySettings(await searchVocabulary(db));
  const sync = new SearchSync(db, index, log);

  // Interleaved slices imported side by side, like several `kb import` runs at once, while the
  // outbox is drained into Meilisearch — as the running API's worker does during a bulk import.
  const importStarted = performance.now();
  let importing = true;
  let syncFailures = 0;
  const drainer = (async () => {
    for (;;) {
      const { processed, failed } = await sync.drainAll();
      syncFailures += failed;
      if (!importing && processed === 0 && failed === 0) {
        const [pending] = await db.select({ n: count() }).from(searchOutbox);
        if (Number(pending?.n ?? 0) === 0) return;
      }
      // Idle, or a failed batch waiting for its backoff: look again shortly (the worker polls too).
      if (processed === 0 || failed > 0) await new Promise((r) => setTimeout(r, failed > 0 ? 1_000 : 100));
    }
  })();

  let done = 0;
  let errors = 0;
  let nextReport = 0.1;
  let retries = 0;
  const retryReasons = new Set<string>();
  const slices = Array.from({ length: options.concurrency }, (_, k) => k);
  try {
    await Promise.all(
      slices.map(async (k) => {
        let next = k;
        function* slice() {
          for (; next < records.length; next += options.concurrency) {
            yield { line: next + 1, record: records[next] };
            done++;
            if (done / records.length >= nextReport) {
              options.progress(`  imported ${done}/${records.length} documents`);
              nextReport += 0.1;
            }
          }
        }
        for (;;) {
          try {
            const report = await importRecords(db, slice());
            errors += report.errors.length;
            for (const e of report.errors.slice(0, 3)) options.progress(`  import error line ${e.line}: ${e.message}`);
            return;
          } catch (error) {
            // Two streams can race for the same slug (freeSlug reads, then inserts): the failed
            // document is imported again, as re-running `kb import` would. Counted and reported.
            retries++;
            retryReasons.add(
              String((error as { cause?: Error }).cause?.message ?? (error as Error).message).slice(0, 160),
            );
            if (retries > 1000) throw error;
          }
        }
      }),
    );
  } finally {
    importing = false;
  }
  const importSeconds = (performance.now() - importStarted) / 1000;
  options.progress(`  import done in ${round(importSeconds)} s; waiting for the index to catch up …`);
  await drainer;
  const untilSearchableSeconds = (performance.now() - importStarted) / 1000;
  const sections = await publishedSectionCount(db);
  const stats = await index.index().getStats();
  if (stats.numberOfDocuments !== sections) {
    throw new Error(`index has ${stats.numberOfDocuments} sections, the database ${sections}`);
  }
  await db
    .insert(appMeta)
    .values({ key: CORPUS_KEY, value: `${options.seed}:${options.documents}` })
    .onConflictDoUpdate({ target: appMeta.key, set: { value: `${options.seed}:${options.documents}` } });

  return {
    documents: options.documents,
    sections,
    generateSeconds: round(generateSeconds),
    importSeconds: round(importSeconds),
    importDocumentsPerSecond: round(options.documents / importSeconds, 1),
    importSectionsPerSecond: round(sections / importSeconds, 1),
    untilSearchableSeconds: round(untilSearchableSeconds),
    searchableDocumentsPerSecond: round(options.documents / untilSearchableSeconds, 1),
    searchableSectionsPerSecond: round(sections / untilSearchableSeconds, 1),
    indexLagAfterImportSeconds: round(untilSearchableSeconds - importSeconds),
    importConcurrency: options.concurrency,
    importErrors: errors,
    importRetries: retries,
    importRetryReasons: [...retryReasons].slice(0, 5),
    syncFailures,
  };
}

/** Marks the database as seeded, so the server's first-start seeding leaves the bench corpus alone. */
export async function markSeeded(db: Database): Promise<void> {
  await db
    .insert(appMeta)
    .values({ key: 'seeded_at', value: new Date().toISOString() })
    .onConflictDoNothing({ target: appMeta.key });
}

export async function databaseSizeMiB(db: Database): Promise<number> {
  const result = await db.execute(sql`select pg_database_size(current_database())::bigint as bytes`);
  return round(Number((result.rows[0] as { bytes: string }).bytes) / 1024 / 1024, 1);
}
