import type { ChartListResponse } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { chartKeys } from './keys';

/** GET /charts: the jurisdictions with published rows. */
export const listCharts = (signal?: AbortSignal) => api<ChartListResponse>('/charts', { signal });

export const chartListQueryOptions = () =>
  queryOptions({ queryKey: chartKeys.list(), queryFn: ({ signal }) => listCharts(signal), staleTime: 30_000 });

export const useChartList = () => useQuery(chartListQueryOptions());
