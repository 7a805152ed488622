/**
 * The API as tests and the bench see it: the harness, the route table, and the few
 * module functions they drive directly (creating users, publishing, importing, indexing).
 * Imported as `@kb/api/testing`, never by relative path into apps/api.
 */
export { type App, BODY_LIMIT_BYTES, buildApp } from '../app';
export { createUser, hashPassword } from '../modules/auth';
export { syncAuthorities } from '../modules/authorities';
export { type ImportRecord, importRecords, seedOnce, toImportRecord } from '../modules/bulk-import';
export {
  contentOf,
  createDraft,
  findRevision,
  importPublished,
  insertRevision,
  publishRevision,
  updateDocument,
} from '../modules/documents';
export { seedOffenseEntries } from '../modules/offenses';
export { ensureOrganizationsNamed } from '../modules/organizations';
export { reindexAll, SearchSync, verifyIndex } from '../modules/search';
export { searchVocabulary, seedTaxonomy } from '../modules/taxonomy';
export type { Access } from '../plugins/auth';
export { cloneDatabase, createTestContext, eventually, type TestContext, type TestUser } from './harness';
export {
  apiRoutes,
  fillPath,
  type JsonSchema,
  pathParams,
  type RouteEntry,
  recordRoutes,
} from './route-table';
export {
  advisory,
  archiveDocument,
  createAppWithMeilisearch,
  createDraftDocument,
  outboxSize,
  publishedSectionCount,
  publishNewDocument,
  reviseDocument,
  uniqueWord,
} from './search-fixtures';
export { type ReceivedMail, startSmtpServer, type TestSmtpServer } from './smtp';
