import type { CreateReviewCommentBody, ReviewEntriesResponse } from '@kb/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { editorKeys } from './keys';

const url = (id: string) => `/documents/${encodeURIComponent(id)}/comments`;

/** Review comments and approvals of a document: its organization's editors only. */
export const useReviewComments = (id: string) =>
  useQuery({
    queryKey: editorKeys.comments(id),
    queryFn: ({ signal }) => api<ReviewEntriesResponse>(url(id), { signal }),
  });

export const useAddReviewComment = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateReviewCommentBody) => api<ReviewEntriesResponse>(url(id), { method: 'POST', body }),
    onSuccess: (entries) => {
      queryClient.setQueryData(editorKeys.comments(id), entries);
      void queryClient.invalidateQueries({ queryKey: editorKeys.revisions(id) });
    },
  });
};
