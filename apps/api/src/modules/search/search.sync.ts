import { type Database, searchOutbox, taxonomyTerms } from '@kb/db';
import { ABBREVIATIONS, buildSynonyms, type SearchIndex, toSectionDocuments } from '@kb/search';
import { inArray, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { loadPublished, loadVocabulary } from './search.repository';

const BATCH = 200;
const MAX_BACKOFF_MS = 30_000;

/** Synonyms generated from the taxonomy and the abbreviations lawyers use. */
export async function currentSynonyms(db: Database): Promise<Record<string, string[]>> {
  const terms = await db.select({ label: taxonomyTerms.label, synonyms: taxonomyTerms.synonyms }).from(taxonomyTerms);
  return buildSynonyms(terms, ABBREVIATIONS);
}

/**
 * Drains the search outbox into Meilisearch. Rows are claimed with SKIP LOCKED so several
 * API replicas can run it; each document's current state is read at drain time, so replaying
 * a row is harmless (idempotent by id). A failed batch is retried with exponential backoff.
 */
export class SearchSync {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly db: Database,
    private readonly index: SearchIndex,
    private readonly log: Pick<FastifyBaseLogger, 'warn' | 'info' | 'error'>,
    private readonly idleMs = 100,
  ) {}

  /** Processes one batch; resolves to the number of outbox rows handled (0 when idle). */
  async drainOnce(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: searchOutbox.id, documentId: searchOutbox.documentId, attempts: searchOutbox.attempts })
        .from(searchOutbox)
        .where(sql`${searchOutbox.availableAt} <= now()`)
        .orderBy(searchOutbox.id)
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (rows.length === 0) return 0;
      const ids = [...new Set(rows.map((r) => r.documentId))];
      try {
        const vocabulary = await loadVocabulary(tx);
        const published = await loadPublished(tx, { ids });
        const publishedIds = new Set(published.map((d) => d.id));
        const upserts = published.map((doc) => ({
          documentId: doc.id,
          sections: toSectionDocuments(doc, vocabulary.offenseTypes, vocabulary.consequences),
        }));
        await this.index.sync(
          upserts,
          ids.filter((id) => !publishedIds.has(id)),
        );
        await tx.delete(searchOutbox).where(
          inArray(
            searchOutbox.id,
            rows.map((r) => r.id),
          ),
        );
        return rows.length;
      } catch (error) {
        const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
        const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(attempts, 10));
        this.log.warn({ err: error, documents: ids.length, attempts }, 'search sync failed; will retry');
        await tx
          .update(searchOutbox)
          .set({
            attempts: sql`${searchOutbox.attempts} + 1`,
            lastError: String((error as Error)?.message ?? error).slice(0, 500),
            availableAt: sql`now() + ${`${delay} milliseconds`}::interval`,
          })
          .where(
            inArray(
              searchOutbox.id,
              rows.map((r) => r.id),
            ),
          );
        return -rows.length;
      }
    });
  }

  /** Drains until the outbox has nothing available (or a batch fails). */
  async drainAll(): Promise<{ processed: number; failed: number }> {
    let processed = 0;
    for (;;) {
      const n = await this.drainOnce();
      if (n < 0) return { processed, failed: -n };
      if (n === 0) return { processed, failed: 0 };
      processed += n;
    }
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      let next = this.idleMs;
      try {
        const n = await this.drainOnce();
        if (n > 0) next = 0;
      } catch (error) {
        // The database itself is unreachable: wait and try again, never crash the process.
        this.log.warn({ err: error }, 'search sync could not read the outbox');
        next = 1_000;
      }
      if (!this.stopped) {
        this.timer = setTimeout(() => {
          this.running = tick();
        }, next);
      }
    };
    this.running = tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => {});
  }
}
