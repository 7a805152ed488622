import type { BookmarkListQuery, BookmarkListResponse } from '@kb/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { libraryKeys } from './keys';

export const listBookmarks = (params: BookmarkListQuery, signal?: AbortSignal) =>
  api<BookmarkListResponse>('/me/bookmarks', { query: { perPage: 500, ...params }, signal });

export const bookmarksQueryOptions = (params: BookmarkListQuery) =>
  queryOptions({
    queryKey: libraryKeys.bookmarks(params),
    queryFn: ({ signal }) => listBookmarks(params, signal),
    placeholderData: keepPreviousData,
  });

export const useBookmarks = (params: BookmarkListQuery, options: { enabled?: boolean } = {}) =>
  useQuery({ ...bookmarksQueryOptions(params), enabled: options.enabled ?? true });
