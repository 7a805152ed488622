/**
 * search: reads the Meilisearch index (and PostgreSQL when it cannot answer) and drains the
 * search outbox into the index. It never writes documents: the documents module queues them.
 */

export { reindexAll, type VerifyReport, verifyIndex } from './search.maintenance';
export { type SearchSyncOptions, searchSyncPlugin } from './search.plugin';
export { default as searchRoutes } from './search.routes';
export { isUnreachable, SearchSync } from './search.sync';
