import { SearchIndex } from '@kb/search';
import fp from 'fastify-plugin';
import { currentSynonyms, SearchSync } from '../modules/search/search.sync';

declare module 'fastify' {
  interface FastifyInstance {
    searchIndex: SearchIndex;
    searchSync: SearchSync;
  }
}

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
      // Settings come from code; when Meilisearch is down the app still starts and the
      // outbox catches up later.
      try {
        await index.applySettings(await currentSynonyms(app.db));
      } catch (error) {
        app.log.warn({ err: error }, 'could not apply search settings; search is degraded until Meilisearch answers');
      }
      if (options.runSync) sync.start();
    });
    app.addHook('onClose', async () => {
      await sync.stop();
    });
  },
  { name: 'search', dependencies: ['db'] },
);
