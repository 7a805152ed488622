import { type CountingIndex, SearchIndex } from '@kb/search';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    searchIndex: SearchIndex;
  }
}

export interface SearchPluginOptions {
  meiliUrl: string;
  meiliMasterKey: string;
  indexPrefix: string;
  countFrom?: CountingIndex;
}

/** The Meilisearch index, as `app.searchIndex`. The search module keeps it in step with the database. */
export default fp<SearchPluginOptions>(
  async (app, options) => {
    app.decorate(
      'searchIndex',
      new SearchIndex({
        host: options.meiliUrl,
        apiKey: options.meiliMasterKey,
        prefix: options.indexPrefix,
        countFrom: options.countFrom,
      }),
    );
  },
  { name: 'search' },
);
