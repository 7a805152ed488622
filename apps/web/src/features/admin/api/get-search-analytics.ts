import type { SearchAnalyticsResponse } from '@kb/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './keys';

export const getSearchAnalytics = (days: number, signal?: AbortSignal) =>
  api<SearchAnalyticsResponse>('/admin/search-analytics', { query: { days }, signal });

export const searchAnalyticsQueryOptions = (days: number) =>
  queryOptions({
    queryKey: adminKeys.searchAnalytics(days),
    queryFn: ({ signal }) => getSearchAnalytics(days, signal),
    placeholderData: keepPreviousData,
    // Editors come here to see what was searched a moment ago.
    staleTime: 0,
  });

export const useSearchAnalytics = (days: number) => useQuery(searchAnalyticsQueryOptions(days));
