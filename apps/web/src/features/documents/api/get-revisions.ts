import type { EditorRevision, RevisionDiff, RevisionHistory } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { documentKeys } from './get-document';

/*
 * A document's history as a reader sees it: its published revisions, one revision's text and
 * the difference between two (the API answers 404 for a draft asked by a reader).
 */
const base = (id: string) => `/documents/${encodeURIComponent(id)}/revisions`;

export const historyQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...documentKeys.all, 'history', id] as const,
    queryFn: ({ signal }) => api<RevisionHistory>(base(id), { signal }),
  });
export const useHistory = (id: string) => useQuery(historyQueryOptions(id));

export const useRevisionText = (id: string, revisionId: string | null) =>
  useQuery({
    queryKey: [...documentKeys.all, 'revision', id, revisionId ?? ''] as const,
    queryFn: ({ signal }) => api<EditorRevision>(`${base(id)}/${encodeURIComponent(revisionId ?? '')}`, { signal }),
    enabled: Boolean(revisionId),
    staleTime: Number.POSITIVE_INFINITY, // a revision never changes
  });

export const useDiff = (id: string, from: string | null, to: string | null) =>
  useQuery({
    queryKey: [...documentKeys.all, 'diff', id, from ?? '', to ?? ''] as const,
    queryFn: ({ signal }) =>
      api<RevisionDiff>(`${base(id)}/${encodeURIComponent(from ?? '')}/diff/${encodeURIComponent(to ?? '')}`, {
        signal,
      }),
    enabled: Boolean(from && to),
    staleTime: Number.POSITIVE_INFINITY,
  });
