import type { CreateDocumentBody, CreateDocumentResponse, DocumentContent, SaveDraftResponse } from '@kb/contracts';
import { api } from '../../../lib/api-client';

/** POST /documents: the first save of a new document. */
export const createDocument = (content: DocumentContent, note?: string) =>
  api<CreateDocumentResponse>('/documents', {
    method: 'POST',
    body: { ...content, note } satisfies CreateDocumentBody,
  });

/** PUT /documents/:id/draft; a 409 (ApiError with details.current) means someone saved first. */
export const saveDraft = (id: string, baseRevisionId: string, content: DocumentContent, note?: string) =>
  api<SaveDraftResponse>(`/documents/${encodeURIComponent(id)}/draft`, {
    method: 'PUT',
    body: { ...content, baseRevisionId, ...(note ? { note } : {}) },
  });
