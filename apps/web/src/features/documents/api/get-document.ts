import type { DocumentView } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const documentKeys = {
  all: ['documents'] as const,
  detail: (idOrSlug: string, view: 'published' | 'draft' = 'published') =>
    ['documents', 'detail', idOrSlug, view] as const,
  list: (params: object) => ['documents', 'list', params] as const,
};

export const getDocument = (idOrSlug: string, view: 'published' | 'draft' = 'published', signal?: AbortSignal) =>
  api<DocumentView>(`/documents/${encodeURIComponent(idOrSlug)}`, { query: view === 'draft' ? { view } : {}, signal });

export const documentQueryOptions = (idOrSlug: string, view: 'published' | 'draft' = 'published') =>
  queryOptions({
    queryKey: documentKeys.detail(idOrSlug, view),
    queryFn: ({ signal }) => getDocument(idOrSlug, view, signal),
  });

export const useDocument = (idOrSlug: string, view: 'published' | 'draft' = 'published') =>
  useQuery(documentQueryOptions(idOrSlug, view));
