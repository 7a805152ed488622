import type { SearchFacet, SearchResponse, SearchSort } from '@kb/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const SEARCH_PER_PAGE = 20;

/** Filter by review: `flagged` cites an authority flagged since, `stale` not reviewed in the period, `current` reviewed within it. */
export const REVIEW_FILTERS = ['any', 'flagged', 'stale', 'current'] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];

export interface SearchParams {
  q: string;
  filters: Record<SearchFacet, string[]>;
  page: number;
  sort: SearchSort;
  review: ReviewFilter;
}

const REVIEW_QUERY: Record<ReviewFilter, { stale?: boolean; needsReview?: boolean }> = {
  any: {},
  flagged: { needsReview: true },
  stale: { stale: true },
  current: { stale: false },
};

export const searchKeys = {
  all: ['search'] as const,
  results: (params: SearchParams) => ['search', 'results', params] as const,
  suggestions: (q: string) => ['search', 'suggest', q] as const,
};

export const getSearch = (params: SearchParams, signal?: AbortSignal) =>
  api<SearchResponse>('/search', {
    query: {
      q: params.q.trim() || undefined,
      ...params.filters,
      page: params.page > 1 ? params.page : undefined,
      perPage: SEARCH_PER_PAGE,
      sort: params.sort === 'relevance' ? undefined : params.sort,
      ...REVIEW_QUERY[params.review],
    },
    signal,
  });

export const searchQueryOptions = (params: SearchParams) =>
  queryOptions({
    queryKey: searchKeys.results(params),
    // The signal aborts the request when the query changes before it answered (as you type).
    queryFn: ({ signal }) => getSearch(params, signal),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
    retry: 1,
  });

export const useSearch = (params: SearchParams) => useQuery(searchQueryOptions(params));
