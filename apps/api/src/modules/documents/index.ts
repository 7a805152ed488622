// The documents module's door: what other modules may use. Offense entries (chart rows) are
// documents, so the offenses module builds on this editorial machinery rather than its own.
export {
  type Actor,
  createDocument,
  normalizeContent,
  saveDraft,
} from './documents.editor.service';
export {
  enqueueSearchSync,
  findRevision,
  insertRevision,
  lockDocument,
  type RevisionRow,
  updateDocument,
} from './documents.repository';
export {
  contentOf,
  createDraft,
  type ImportOutcome,
  importPublished,
  prepareContent,
  publishRevision,
  sameContent,
  validateContent,
} from './documents.service';
