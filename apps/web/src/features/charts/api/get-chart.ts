import type { ChartResponse } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { chartKeys } from './keys';

/** GET /charts/:jurisdiction: every published row (the page filters and sorts) and the coverage. */
export const getChart = (jurisdiction: string, signal?: AbortSignal) =>
  api<ChartResponse>(`/charts/${encodeURIComponent(jurisdiction)}`, { signal });

export const chartQueryOptions = (jurisdiction: string) =>
  queryOptions({
    queryKey: chartKeys.chart(jurisdiction),
    queryFn: ({ signal }) => getChart(jurisdiction, signal),
    // A published edit shows on the next visit or focus; the chart itself is small.
    staleTime: 5_000,
  });

export const useChart = (jurisdiction: string) => useQuery(chartQueryOptions(jurisdiction));
