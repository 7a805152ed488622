import type { DocumentListResponse } from '@kb/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { documentKeys } from './get-document';

export interface ListDocumentsParams {
  status?: string;
  kind?: string;
  q?: string;
  sort?: 'newest' | 'updated' | 'title';
  page?: number;
  perPage?: number;
}

export const listDocuments = (params: ListDocumentsParams, signal?: AbortSignal) =>
  api<DocumentListResponse>('/documents', { query: { ...params }, signal });

export const documentsQueryOptions = (params: ListDocumentsParams) =>
  queryOptions({
    queryKey: documentKeys.list(params),
    queryFn: ({ signal }) => listDocuments(params, signal),
    placeholderData: keepPreviousData,
  });

export const useDocuments = (params: ListDocumentsParams) => useQuery(documentsQueryOptions(params));
