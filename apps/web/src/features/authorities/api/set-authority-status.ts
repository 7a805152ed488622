import type { AuthorityStatusResponse, AuthorityStatusUpdate } from '@kb/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const setAuthorityStatus = (body: AuthorityStatusUpdate) =>
  api<AuthorityStatusResponse>('/authorities/status', { method: 'PUT', body });

/**
 * A flag spreads: every page citing the authority (documents, entries, charts, search cards,
 * bookmarks, the queue) may change, so every cached answer is refetched.
 */
export const useSetAuthorityStatus = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setAuthorityStatus,
    onSuccess: () => queryClient.invalidateQueries(),
  });
};
