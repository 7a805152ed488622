import type { OffenseEntryView } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { chartKeys } from './keys';

/** GET /offenses/:id: one published row with its authorities, advisories and the documents citing it. */
export const getOffenseEntry = (idOrSlug: string, signal?: AbortSignal) =>
  api<OffenseEntryView>(`/offenses/${encodeURIComponent(idOrSlug)}`, { signal });

export const offenseEntryQueryOptions = (idOrSlug: string) =>
  queryOptions({
    queryKey: chartKeys.entry(idOrSlug),
    queryFn: ({ signal }) => getOffenseEntry(idOrSlug, signal),
    staleTime: 5_000,
  });

export const useOffenseEntry = (idOrSlug: string) => useQuery(offenseEntryQueryOptions(idOrSlug));
