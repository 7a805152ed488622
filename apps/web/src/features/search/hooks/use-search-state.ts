import { SEARCH_FACETS, type SearchFacet, type SearchSort } from '@kb/contracts';
import { useCallback, useMemo } from 'react';
import { useAddressParams } from '../../../lib/use-address-params';
import { emptyFilters, readSearchState, toSearchString } from '../address';
import type { ReviewFilter, SearchParams } from '../api/search-request';

export const activeFilterCount = (state: SearchParams) =>
  SEARCH_FACETS.reduce((n, facet) => n + state.filters[facet].length, 0);

/**
 * The search state lives in the address, so a search can be reloaded, shared and gone back
 * to. Choosing a filter, a page or a sort adds a history entry (back undoes it); typing
 * replaces the entry, so back does not replay every keystroke.
 */
export function useSearchState() {
  const [params, setParams] = useAddressParams();
  const state = useMemo(() => readSearchState(params), [params]);

  const update = useCallback(
    (change: (current: SearchParams) => SearchParams, options: { replace?: boolean } = {}) =>
      setParams((current) => new URLSearchParams(toSearchString(change(readSearchState(current))).slice(1)), {
        replace: options.replace ?? false,
        // Keep the reader where they are (at the search box) while results change.
        preventScrollReset: true,
      }),
    [setParams],
  );

  return {
    state,
    setQuery: useCallback(
      (q: string, options: { replace?: boolean } = {}) => update((s) => ({ ...s, q, page: 1 }), options),
      [update],
    ),
    toggleFilter: useCallback(
      (facet: SearchFacet, value: string) =>
        update((s) => {
          const values = s.filters[facet];
          const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
          return { ...s, filters: { ...s.filters, [facet]: next }, page: 1 };
        }),
      [update],
    ),
    /** A vocabulary term picked from the suggestions: it becomes a filter instead of words. */
    filterByTerm: useCallback(
      (facet: SearchFacet, value: string) =>
        update((s) => ({
          ...s,
          q: '',
          filters: { ...s.filters, [facet]: [...new Set([...s.filters[facet], value])] },
          page: 1,
        })),
      [update],
    ),
    clearFilters: useCallback(() => update((s) => ({ ...s, filters: emptyFilters(), page: 1 })), [update]),
    clearAll: useCallback(
      () => update(() => ({ q: '', filters: emptyFilters(), page: 1, sort: 'relevance', review: 'any' })),
      [update],
    ),
    setSort: useCallback((sort: SearchSort) => update((s) => ({ ...s, sort, page: 1 })), [update]),
    setReview: useCallback((review: ReviewFilter) => update((s) => ({ ...s, review, page: 1 })), [update]),
    /** Rewrites filter values in place (no new history entry): a merged-away code → its term's code. */
    renameFilterValues: useCallback(
      (facet: SearchFacet, rename: (value: string) => string) =>
        update((s) => ({ ...s, filters: { ...s.filters, [facet]: [...new Set(s.filters[facet].map(rename))] } }), {
          replace: true,
        }),
      [update],
    ),
    hrefForPage: useCallback((page: number) => toSearchString({ ...state, page }) || '?', [state]),
  };
}
