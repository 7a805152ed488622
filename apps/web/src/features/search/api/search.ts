import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { answeredFirstSearch, getSearch, type SearchParams } from './search-request';

export const searchKeys = {
  all: ['search'] as const,
  results: (params: SearchParams) => ['search', 'results', params] as const,
  suggestions: (q: string) => ['search', 'suggest', q] as const,
};

export const searchQueryOptions = (params: SearchParams) =>
  queryOptions({
    queryKey: searchKeys.results(params),
    // The signal aborts the request when the query changes before it answered (as you type).
    queryFn: ({ signal }) => getSearch(params, signal),
    // The page load's first search, when it has answered by the time the page renders.
    initialData: () => answeredFirstSearch(params),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
    retry: 1,
  });

export const useSearch = (params: SearchParams) => useQuery(searchQueryOptions(params));
