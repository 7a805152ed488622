import { SEARCH_FACETS, SEARCH_SORTS, type SearchFacet } from '@kb/contracts/search-options';
import { REVIEW_FILTERS, type SearchParams } from './api/search-request';

export const emptyFilters = (): Record<SearchFacet, string[]> =>
  Object.fromEntries(SEARCH_FACETS.map((f) => [f, []])) as unknown as Record<SearchFacet, string[]>;

/** The search as the address says: `?q=…&consequence=cimt&consequence=…&page=2&sort=newest&review=stale`. */
export function readSearchState(params: URLSearchParams): SearchParams {
  const filters = emptyFilters();
  for (const facet of SEARCH_FACETS) filters[facet] = [...new Set(params.getAll(facet).filter(Boolean))];
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: params.get('q') ?? '',
    filters,
    page: Number.isFinite(page) && page > 1 ? page : 1,
    sort: SEARCH_SORTS.find((s) => s === params.get('sort')) ?? 'relevance',
    review: REVIEW_FILTERS.find((r) => r === params.get('review')) ?? 'any',
  };
}

/** The address of a search (`?…`, or '' for the newest guidance). */
export function toSearchString(state: SearchParams): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  for (const facet of SEARCH_FACETS) for (const value of state.filters[facet]) params.append(facet, value);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.review !== 'any') params.set('review', state.review);
  if (state.page > 1) params.set('page', String(state.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
