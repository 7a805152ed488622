import type {
  CreateSupersessionRequestBody,
  SupersessionRequest,
  SupersessionRequestListQuery,
  SupersessionRequestListResponse,
} from '@kb/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { editorKeys } from './keys';

/** Supersession requests concerning the editor's organization (pending unless `status` says otherwise). */
export const useSupersessionRequests = (query: SupersessionRequestListQuery) =>
  useQuery({
    queryKey: [...editorKeys.requests, query],
    queryFn: ({ signal }) => api<SupersessionRequestListResponse>('/supersession-requests', { signal, query }),
  });

export const useDecideSupersessionRequest = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: string; decision: 'approve' | 'decline' | 'withdraw'; note?: string }) =>
      api<SupersessionRequest>(`/supersession-requests/${encodeURIComponent(id)}/${decision}`, {
        method: 'POST',
        body: note ? { note } : {},
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: editorKeys.all }),
  });
};

/** Asked on the successor: `documentId` is the other organization's document it would replace. */
export const useRequestSupersession = (successorId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSupersessionRequestBody) =>
      api<SupersessionRequest>(`/documents/${encodeURIComponent(successorId)}/supersession-requests`, {
        method: 'POST',
        body,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: editorKeys.requests }),
  });
};
