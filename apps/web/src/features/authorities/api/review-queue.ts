import type { DocumentReviewResponse, ReviewQueueQuery, ReviewQueueResponse } from '@kb/contracts';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authorityKeys } from './keys';

export const reviewQueueQueryOptions = (params: ReviewQueueQuery) =>
  queryOptions({
    queryKey: authorityKeys.queue(params),
    queryFn: ({ signal }) => api<ReviewQueueResponse>('/editor/review-queue', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });

export const useReviewQueue = (params: ReviewQueueQuery) => useQuery(reviewQueueQueryOptions(params));

export const reviewDocument = ({ id, note }: { id: string; note: string }) =>
  api<DocumentReviewResponse>(`/documents/${encodeURIComponent(id)}/review`, { method: 'POST', body: { note } });

/** "Reviewed": a new published revision with today's review date; the document's pages, cards and bookmarks change. */
export const useReviewDocument = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reviewDocument,
    onSuccess: () => queryClient.invalidateQueries(),
  });
};
