import type { Database } from '@kb/db';
import { SearchIndex, toSectionDocuments } from '@kb/search';
import type { FastifyBaseLogger } from 'fastify';
import { publishedForIndex } from '../documents';
import { loadVocabulary, searchVocabulary } from '../taxonomy';
import {
  claimOutboxBatch,
  deleteOutboxRows,
  failOutboxRows,
  lockDocumentsForIndexing,
  notifyIndexChanged,
} from './search.repository';

const BATCH = 200;
const MAX_BACKOFF_MS = 30_000;
/** How often an idle worker checks that the index settings still match the vocabulary. */
const SETTINGS_CHECK_MS = 30_000;
/** How long the worker waits between health checks while Meilisearch is unreachable. */
const UNREACHABLE_POLL_MS = 250;
/** How long the worker waits after Meilisearch refused the settings (a bug, logged). */
const SETTINGS_RETRY_MS = 5_000;
/**
 * The idle poll while new outbox rows wake the worker (LISTEN/NOTIFY): a safety net only, for
 * rows whose retry time came and for a notification lost with its connection.
 */
const SAFETY_POLL_MS = 1_000;

/** True when an error means Meilisearch could not be reached (as opposed to a refused task). */
export function isUnreachable(error: unknown): boolean {
  const e = error as { name?: string; message?: string; cause?: { code?: string } } | undefined;
  return (
    e?.name === 'MeilisearchRequestError' ||
    e?.name === 'MeilisearchRequestTimeOutError' ||
    e?.name === 'TimeoutError' ||
    e?.name === 'AbortError' ||
    /fetch failed|ECONNREFUSED|ECONNRESET|socket hang up|timed? ?out/i.test(e?.message ?? '')
  );
}

/**
 * Drains the search outbox into Meilisearch. Rows are claimed with SKIP LOCKED so several
 * API replicas can run it; each document's current state is read at drain time, so replaying
 * a row is harmless (idempotent by id). One worker at a time indexes a given document (an
 * advisory lock per document, held until Meilisearch has applied the write), so two replicas
 * draining two publishes of the same document cannot leave the older state in the index.
 *
 * The index settings (synonyms included) are applied before the first batch, after a batch
 * failed, and when the vocabulary changed (at once here, by the idle check for a change made on
 * another replica), so a Meilisearch that was down at start, or came back empty, gets its
 * settings before any document; settings Meilisearch already holds are not applied again. While Meilisearch is unreachable the worker waits on its
 * health instead of burning attempts, and resumes as soon as it answers; a batch refused for
 * another reason is retried with exponential backoff.
 */
export class SearchSync {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  /** Fingerprint of the settings this process last applied (null: not applied yet). */
  private appliedSettings: string | null = null;
  private lastSettingsCheck = 0;
  private unreachable = false;
  private settingsInFlight: Promise<boolean> | undefined;
  /** Whether new outbox rows wake the worker (else it polls every `idleMs`). */
  private wakeups = false;
  private stepping = false;
  private wakeRequested = false;

  constructor(
    private readonly db: Database,
    private readonly index: SearchIndex,
    private readonly log: Pick<FastifyBaseLogger, 'warn' | 'info' | 'error'>,
    private readonly idleMs = 100,
    private readonly safetyPollMs = SAFETY_POLL_MS,
  ) {}

  /**
   * Applies the index settings when they differ from what this process last applied. Calls
   * made while one is running share it: one settings task in Meilisearch, not one per caller.
   * A forced call (after a vocabulary change) runs after the one in flight instead: that one
   * may have read the vocabulary before the change.
   */
  ensureSettings(force = false): Promise<boolean> {
    const running = this.settingsInFlight;
    if (running && !force) return running;
    const next: Promise<boolean> = (running ? running.catch(() => false) : Promise.resolve(false))
      .then(() => this.applySettingsIfChanged(force))
      .finally(() => {
        if (this.settingsInFlight === next) this.settingsInFlight = undefined;
      });
    this.settingsInFlight = next;
    return next;
  }

  private async applySettingsIfChanged(force: boolean): Promise<boolean> {
    const vocabulary = await searchVocabulary(this.db);
    const fingerprint = SearchIndex.settingsFingerprint(vocabulary);
    this.lastSettingsCheck = Date.now();
    if (!force && fingerprint === this.appliedSettings) return false;
    // Already there (applied by another replica, or by this one before a restart): a settings
    // task for unchanged settings would still make every document task wait behind it.
    if (await this.index.hasSettings(vocabulary)) {
      this.index.useVocabulary(vocabulary);
      this.appliedSettings = fingerprint;
      return false;
    }
    await this.index.applySettings(vocabulary);
    this.appliedSettings = fingerprint;
    // New synonyms change answers: cached ones on every replica are stale.
    await notifyIndexChanged(this.db);
    return true;
  }

  /** Forgets the applied settings: the next batch re-applies them (after a vocabulary edit). */
  invalidateSettings(): void {
    this.appliedSettings = null;
  }

  get settingsApplied(): boolean {
    return this.appliedSettings !== null;
  }

  /** Whether the last attempt found Meilisearch unreachable. */
  get isWaitingForSearch(): boolean {
    return this.unreachable;
  }

  /** Processes one batch; resolves to the number of outbox rows handled (0 when idle, negative on failure). */
  async drainOnce(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const claimed = await claimOutboxBatch(tx, BATCH);
      if (claimed.length === 0) return 0;
      // A document another worker is indexing right now waits for the next batch (its rows stay).
      const lockedIds = await lockDocumentsForIndexing(tx, [...new Set(claimed.map((r) => r.documentId))]);
      const rows = claimed.filter((r) => lockedIds.has(r.documentId));
      if (rows.length === 0) return 0;
      const ids = [...new Set(rows.map((r) => r.documentId))];
      const rowIds = rows.map((r) => r.id);
      try {
        // Settings first when they are missing (a Meilisearch that was down at start, or came back
        // empty) or being re-applied; a vocabulary change is pushed by its own listener and the
        // idle check, not re-read here: that cost each publish ~30 ms before its index write.
        if (!this.settingsApplied || this.settingsInFlight) await this.ensureSettings();
        const vocabulary = await loadVocabulary(tx);
        const published = await publishedForIndex(tx, { ids });
        const publishedIds = new Set(published.map((d) => d.id));
        const upserts = published.map((doc) => ({
          documentId: doc.id,
          sections: toSectionDocuments(doc, vocabulary.offenseTypes, vocabulary.consequences),
        }));
        await this.index.sync(
          upserts,
          ids.filter((id) => !publishedIds.has(id)),
        );
        await deleteOutboxRows(tx, rowIds);
        // Sent on commit, after Meilisearch applied the writes: every replica's cache empties.
        await notifyIndexChanged(tx);
        this.unreachable = false;
        return rows.length;
      } catch (error) {
        const message = String((error as Error)?.message ?? error).slice(0, 500);
        if (isUnreachable(error)) {
          // Not the documents' fault: keep them available and wait for Meilisearch instead.
          this.unreachable = true;
          this.log.warn({ err: error, documents: ids.length }, 'search sync: Meilisearch unreachable; waiting for it');
          await failOutboxRows(tx, rowIds, message);
          return -rows.length;
        }
        // The index may have been replaced or emptied: settings again before the retry.
        this.invalidateSettings();
        // Part of the batch may have been applied: cached answers may be stale.
        await notifyIndexChanged(tx);
        const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
        const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(attempts, 10));
        this.log.warn({ err: error, documents: ids.length, attempts }, 'search sync failed; will retry');
        await failOutboxRows(tx, rowIds, message, delay);
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

  /** One step of the worker loop; resolves to the delay before the next step. */
  private async step(): Promise<number> {
    if (this.unreachable) {
      if (!(await this.index.isHealthy())) return UNREACHABLE_POLL_MS;
      this.unreachable = false;
      this.log.info({}, 'search sync: Meilisearch is reachable again');
    }
    const idle = !this.settingsApplied || Date.now() - this.lastSettingsCheck > SETTINGS_CHECK_MS;
    if (idle && !(await this.trySettings())) return this.unreachable ? UNREACHABLE_POLL_MS : SETTINGS_RETRY_MS;
    const n = await this.drainOnce();
    if (n > 0) return 0;
    if (n < 0) return this.unreachable ? UNREACHABLE_POLL_MS : this.idleDelay;
    return this.idleDelay;
  }

  /**
   * Applies the settings if they are missing or stale (a Meilisearch that was down at start,
   * a vocabulary edit on another replica); false when that failed.
   */
  private async trySettings(): Promise<boolean> {
    try {
      await this.ensureSettings();
      return true;
    } catch (error) {
      this.lastSettingsCheck = Date.now();
      if (isUnreachable(error)) this.unreachable = true;
      this.log.warn({ err: error }, 'search sync: could not apply the index settings; will retry');
      return false;
    }
  }

  /** Whether outbox rows wake the worker (a LISTEN connection is up): it then polls only as a safety net. */
  setWakeups(on: boolean): void {
    this.wakeups = on;
  }

  /** A row was queued: drain now rather than at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.stepping) {
      this.wakeRequested = true;
      return;
    }
    if (this.timer) {
      clearTimeout(this.timer);
      this.schedule(0);
    }
  }

  private get idleDelay(): number {
    return this.wakeups ? this.safetyPollMs : this.idleMs;
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.tick();
    }, delay);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    this.stepping = true;
    this.wakeRequested = false;
    let next = this.idleDelay;
    try {
      next = await this.step();
    } catch (error) {
      // The database itself is unreachable: wait and try again, never crash the process.
      this.log.warn({ err: error }, 'search sync could not read the outbox');
      next = 1_000;
    } finally {
      this.stepping = false;
    }
    // A row queued while this step ran may have been committed after its claim: look again.
    if (this.wakeRequested && next === this.idleDelay) next = 0;
    if (!this.stopped) this.schedule(next);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => {});
  }
}
