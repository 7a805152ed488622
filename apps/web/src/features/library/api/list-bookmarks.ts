import type { BookmarkListResponse } from '@kb/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { libraryKeys } from './keys';

export interface ListBookmarksParams {
  /** A folder id, 'unfiled' or 'all'. */
  folder?: string;
  documentId?: string;
  perPage?: number;
}

export const listBookmarks = (params: ListBookmarksParams, signal?: AbortSignal) =>
  api<BookmarkListResponse>('/me/bookmarks', { query: { perPage: 500, ...params }, signal });

export const bookmarksQueryOptions = (params: ListBookmarksParams) =>
  queryOptions({
    queryKey: libraryKeys.bookmarks(params),
    queryFn: ({ signal }) => listBookmarks(params, signal),
    placeholderData: keepPreviousData,
  });

export const useBookmarks = (params: ListBookmarksParams, options: { enabled?: boolean } = {}) =>
  useQuery({ ...bookmarksQueryOptions(params), enabled: options.enabled ?? true });
