/**
 * documents: documents, their revisions, sections, tags and supersession, the editorial
 * lifecycle, and writing the search outbox whenever a document's searchable state changes.
 * Offense entries (chart rows) are documents too: the offenses module builds on this door.
 */
export {
  authorityKeyOf,
  authorityStatusesOf,
  authorityStatusOf,
  citationKey,
  citedBy,
  documentCurrency,
  heldAuthority,
  needingReviewFor,
  publishedCiting,
  rebuildCitationGraph,
  reviewReasons,
} from './documents.citations';
export { contentOf, normalizeContent, sameContent } from './documents.content';
export {
  createDocument,
  creationOwner,
  ensureManagesDocument,
  mayManage,
  saveDraft,
} from './documents.editor.service';
export { type DocumentEventInput, recordDocumentEvent } from './documents.events';
export { publishedPrimarySources } from './documents.related.repository';
export {
  documentStatus,
  findRevision,
  hasSection,
  insertRevision,
  lockDocument,
  publishedDocumentRef,
  publishedForIndex,
  queriesMatchingRevision,
  queueUnqueuedPublished,
  type RevisionRow,
  rederiveOffenseStatutes,
  updateDocument,
} from './documents.repository';
export { default as documentsRoutes } from './documents.routes';
export {
  type Actor,
  checkedContent,
  createDraft,
  type ImportOutcome,
  importPublished,
  prepareContent,
  publishRevision,
  queueForIndex,
  reindexTagged,
  retagDocuments,
  supersedeByExternalId,
  taggedDocuments,
  validateContent,
} from './documents.service';
