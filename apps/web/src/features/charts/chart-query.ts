import { CONSEQUENCE_COLUMN_CODES, type ConsequenceColumn } from '@kb/contracts';
import { useCallback, useMemo } from 'react';
import { useAddressParams } from '../../lib/use-address-params';
import { type ChartQuery, OUTCOME_FILTERS, type OutcomeFilter, SORT_KEYS, type SortKey } from './chart-view';

const isConsequence = (v: string | null): v is ConsequenceColumn =>
  v !== null && (CONSEQUENCE_COLUMN_CODES as string[]).includes(v);
const isOutcome = (v: string | null): v is OutcomeFilter =>
  v !== null && (OUTCOME_FILTERS as readonly string[]).includes(v);
const isSort = (v: string | null): v is SortKey => v !== null && (SORT_KEYS as string[]).includes(v);

/** The chart's filter as the address says: `?q=273&consequence=aggravated_felony&outcome=no&sort=grade&dir=desc`. */
export function readChartQuery(params: URLSearchParams): ChartQuery {
  const consequence = params.get('consequence');
  const outcome = params.get('outcome');
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? '',
    consequence: isConsequence(consequence) ? consequence : null,
    outcome: isOutcome(outcome) ? outcome : null,
    sort: isSort(sort) ? sort : 'statute',
    direction: params.get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

export function toChartSearch(query: ChartQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q.trim()) params.set('q', query.q);
  if (query.consequence) params.set('consequence', query.consequence);
  if (query.outcome) params.set('outcome', query.outcome);
  if (query.sort !== 'statute') params.set('sort', query.sort);
  if (query.direction === 'desc') params.set('dir', 'desc');
  return params;
}

/** The filter lives in the address, so a filtered chart can be shared, reloaded and printed. */
export function useChartQuery() {
  const [params, setParams] = useAddressParams();
  const query = useMemo(() => readChartQuery(params), [params]);
  const change = useCallback(
    (patch: Partial<ChartQuery>, options: { replace?: boolean } = {}) =>
      setParams((current) => toChartSearch({ ...readChartQuery(current), ...patch }), {
        replace: options.replace ?? false,
        preventScrollReset: true,
      }),
    [setParams],
  );
  return { query, change };
}
