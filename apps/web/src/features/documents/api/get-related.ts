import type { DocumentRelatedResponse } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { documentKeys } from './get-document';

export const getRelated = (idOrSlug: string, signal?: AbortSignal) =>
  api<DocumentRelatedResponse>(`/documents/${encodeURIComponent(idOrSlug)}/related`, { signal });

export const relatedQueryOptions = (idOrSlug: string) =>
  queryOptions({
    queryKey: [...documentKeys.detail(idOrSlug), 'related'] as const,
    queryFn: ({ signal }) => getRelated(idOrSlug, signal),
  });

export const useRelated = (idOrSlug: string) => useQuery(relatedQueryOptions(idOrSlug));
