import type { EditorRevision, RevisionDiff, RevisionHistory } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { editorKeys } from './keys';

const base = (id: string) => `/documents/${encodeURIComponent(id)}/revisions`;

export const revisionsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: editorKeys.revisions(id),
    queryFn: ({ signal }) => api<RevisionHistory>(base(id), { signal }),
  });
export const useRevisions = (id: string) => useQuery(revisionsQueryOptions(id));

export const useRevision = (id: string, revisionId: string | null) =>
  useQuery({
    queryKey: editorKeys.revision(id, revisionId ?? ''),
    queryFn: ({ signal }) => api<EditorRevision>(`${base(id)}/${encodeURIComponent(revisionId ?? '')}`, { signal }),
    enabled: Boolean(revisionId),
    staleTime: Number.POSITIVE_INFINITY, // revisions never change
  });

export const useRevisionDiff = (id: string, a: string | null, b: string | null) =>
  useQuery({
    queryKey: editorKeys.diff(id, a ?? '', b ?? ''),
    queryFn: ({ signal }) =>
      api<RevisionDiff>(`${base(id)}/${encodeURIComponent(a ?? '')}/diff/${encodeURIComponent(b ?? '')}`, { signal }),
    enabled: Boolean(a && b),
    staleTime: Number.POSITIVE_INFINITY,
  });
