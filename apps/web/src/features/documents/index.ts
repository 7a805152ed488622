/** The documents feature's door: the reader page, the document list and the query keys to invalidate. */
export { documentKeys } from './api/get-document';
export { useDocuments } from './api/list-documents';
export { DocumentPage } from './components/document-page';
