import type { OffenseListResponse } from '@kb/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { analysisKeys } from './analyses';

/**
 * Offense entries a typed citation may mean (GET /offenses?q=), to pick the exact row. A
 * failure only means no suggestions: the typed citation is still resolved by the analysis.
 */
export const useEntrySuggestions = (q: string, jurisdiction: string) =>
  useQuery({
    queryKey: [...analysisKeys.all, 'entries', q.trim(), jurisdiction] as const,
    queryFn: ({ signal }) =>
      api<OffenseListResponse>('/offenses', { query: { q: q.trim(), jurisdiction, perPage: 6 }, signal }),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 30_000,
  });
