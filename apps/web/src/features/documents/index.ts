/** The documents feature's door: the reader page, what changed between revisions, the document list and the query keys to invalidate. */
export { documentKeys } from './api/get-document';
export { useDocuments } from './api/list-documents';
export { ChangesPage } from './components/changes-page';
export { DocumentPage } from './components/document-page';
