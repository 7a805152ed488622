import { SEARCH_INDEX_CHANNEL, SEARCH_OUTBOX_CHANNEL } from '@kb/db';
import fp from 'fastify-plugin';
import { onVocabularyChange } from '../taxonomy';
import { SearchCache } from './search.cache';
import { backfillCountingIndex } from './search.maintenance';
import { SearchSync } from './search.sync';

declare module 'fastify' {
  interface FastifyInstance {
    searchSync: SearchSync;
    searchCache: SearchCache;
  }
}

/** How long start-up waits for the index settings before serving anyway. */
const SETTINGS_WAIT_MS = 5_000;

export interface SearchSyncOptions {
  /** Run the outbox worker in this process (the API does; one-shot CLI commands do not). */
  runSync: boolean;
  /** Cache Meilisearch's answers (on unless turned off: the bench measures the engine). */
  cache?: boolean;
}

/**
 * The outbox worker that keeps `app.searchIndex` in step with PostgreSQL, as `app.searchSync`:
 * settings applied at start, re-applied after each vocabulary change, woken by each queued
 * change (LISTEN/NOTIFY), stopped on close. And `app.searchCache`, emptied whenever any
 * replica changed the indexes, and off while this process cannot hear that.
 */
export const searchSyncPlugin = fp<SearchSyncOptions>(
  async (app, options) => {
    const sync = new SearchSync(app.db, app.searchIndex, app.log);
    app.decorate('searchSync', sync);
    const cache = new SearchCache();
    app.decorate('searchCache', cache);
    app.notifications.on(SEARCH_INDEX_CHANNEL, () => cache.invalidate());
    app.notifications.on(SEARCH_OUTBOX_CHANNEL, () => sync.wake());
    app.notifications.onListening((listening) => {
      cache.setEnabled(listening && options.cache !== false);
      sync.setWakeups(listening);
      // Rows queued while the connection was down woke nobody.
      if (listening) sync.wake();
    });
    // The vocabulary's synonyms are index settings: push them after each change.
    onVocabularyChange(app, async () => {
      try {
        await sync.ensureSettings(true);
      } catch (error) {
        sync.invalidateSettings();
        throw error;
      }
    });
    app.addHook('onReady', async () => {
      // Settings come from code. When Meilisearch is down the app still starts: searches use
      // the PostgreSQL fallback, and the worker applies the settings once Meilisearch answers.
      // A busy Meilisearch may take long to run the settings task: the app does not wait more
      // than a few seconds for it (the worker waits for it before indexing anything).
      const settings = sync.ensureSettings(true).then(
        () => true,
        (error) => {
          app.log.warn({ err: error }, 'could not apply search settings; search is degraded until Meilisearch answers');
          return false;
        },
      );
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([settings, new Promise((resolve) => (timer = setTimeout(resolve, SETTINGS_WAIT_MS)))]);
      clearTimeout(timer);
      if (options.runSync) {
        sync.start();
        // An index pair from before the counting index: fill it in the background.
        backfillCountingIndex(app.db, app.searchIndex).then(
          (queued) => {
            if (queued > 0) app.log.info({ queued }, 'search: documents queued for the new counting index');
          },
          (error) => app.log.warn({ err: error }, 'search: could not check the counting index'),
        );
      }
    });
    app.addHook('onClose', async () => {
      await sync.stop();
    });
  },
  { name: 'search-sync', dependencies: ['db', 'notifications', 'search', 'taxonomy'] },
);
