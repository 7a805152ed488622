/**
 * The API as tests and the bench see it: the harness, the route table, and the few
 * module functions they drive directly (creating users, publishing, importing, indexing).
 * Imported as `@kb/api/testing`, never by relative path into apps/api.
 */
export { type App, BODY_LIMIT_BYTES, buildApp } from '../app';
export { createUser } from '../modules/auth/auth.service';
export { hashPassword } from '../modules/auth/passwords';
export { importRecords } from '../modules/bulk-import/bulk-import.service';
export { type ImportRecord, toImportRecord } from '../modules/bulk-import/jsonl';
export { seedTaxonomy } from '../modules/bulk-import/seed';
export { findRevision, insertRevision, updateDocument } from '../modules/documents/documents.repository';
export { contentOf, createDraft, importPublished, publishRevision } from '../modules/documents/documents.service';
export { verifyIndex } from '../modules/search/search.maintenance';
export { currentSynonyms, SearchSync } from '../modules/search/search.sync';
export {
  advisory,
  createAppWithMeilisearch,
  outboxSize,
  publishedSectionCount,
  publishNewDocument,
  reviseDocument,
  uniqueWord,
} from '../modules/search/search.testing';
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
