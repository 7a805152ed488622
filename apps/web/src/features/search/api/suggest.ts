import type { SuggestResponse } from '@kb/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { searchKeys } from './search';

export const getSuggestions = (q: string, signal?: AbortSignal) =>
  api<SuggestResponse>('/search/suggest', { query: { q, limit: 6 }, signal });

export const suggestionsQueryOptions = (q: string) =>
  queryOptions({
    queryKey: searchKeys.suggestions(q),
    queryFn: ({ signal }) => getSuggestions(q, signal),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });

export const useSuggestions = (q: string) => useQuery(suggestionsQueryOptions(q));
