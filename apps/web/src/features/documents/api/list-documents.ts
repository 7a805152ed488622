import type { DocumentListQuery, DocumentListResponse } from '@kb/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { documentKeys } from './get-document';

export const listDocuments = (params: DocumentListQuery, signal?: AbortSignal) =>
  api<DocumentListResponse>('/documents', { query: { ...params }, signal });

export const documentsQueryOptions = (params: DocumentListQuery) =>
  queryOptions({
    queryKey: documentKeys.list(params),
    queryFn: ({ signal }) => listDocuments(params, signal),
    placeholderData: keepPreviousData,
  });

export const useDocuments = (params: DocumentListQuery) => useQuery(documentsQueryOptions(params));
