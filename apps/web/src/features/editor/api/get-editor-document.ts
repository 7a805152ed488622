import type { EditorDocument } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { editorKeys } from './keys';

export const getEditorDocument = (id: string, signal?: AbortSignal) =>
  api<EditorDocument>(`/documents/${encodeURIComponent(id)}/editor`, { signal });

export const editorDocumentQueryOptions = (id: string) =>
  queryOptions({
    queryKey: editorKeys.document(id),
    queryFn: ({ signal }) => getEditorDocument(id, signal),
    // The editor holds its own copy while typing; a background refetch must not reset it.
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useEditorDocument = (id: string) => useQuery(editorDocumentQueryOptions(id));
