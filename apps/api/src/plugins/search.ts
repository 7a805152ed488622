import { SearchIndex } from '@kb/search';
import fp from 'fastify-plugin';
import { SearchSync } from '../modules/search/search.sync';

declare module 'fastify' {
  interface FastifyInstance {
    searchIndex: SearchIndex;
    searchSync: SearchSync;
  }
}

/** How long start-up waits for the index settings before serving anyway. */
const SETTINGS_WAIT_MS = 5_000;

export interface SearchPluginOptions {
  meiliUrl: string;
  meiliMasterKey: string;
  indexPrefix: string;
  /** Run the outbox worker in this process (the API does; one-shot CLI commands do not). */
  runSync: boolean;
}

export default fp<SearchPluginOptions>(
  async (app, options) => {
    const index = new SearchIndex({
      host: options.meiliUrl,
      apiKey: options.meiliMasterKey,
      prefix: options.indexPrefix,
    });
    const sync = new SearchSync(app.db, index, app.log);
    app.decorate('searchIndex', index);
    app.decorate('searchSync', sync);
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
      if (options.runSync) sync.start();
    });
    app.addHook('onClose', async () => {
      await sync.stop();
    });
  },
  { name: 'search', dependencies: ['db'] },
);
