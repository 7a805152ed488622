import type { SearchResponse } from '@kb/contracts';
import type { SearchFacet, SearchSort } from '@kb/contracts/search-options';
import { api, currentAccessToken, type Query } from '../../../lib/api-client';

// The search request, apart from the page and the query library: the entry script sends the
// first one (main.tsx) before React or the page's code has loaded.

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

const searchQuery = (params: SearchParams): Query => ({
  q: params.q.trim() || undefined,
  ...params.filters,
  page: params.page > 1 ? params.page : undefined,
  perPage: SEARCH_PER_PAGE,
  sort: params.sort === 'relevance' ? undefined : params.sort,
  ...REVIEW_QUERY[params.review],
});

/** The first search of the page load, sent before the page existed; the page takes it once. */
let first: {
  key: string;
  token: string | null;
  answer: Promise<SearchResponse>;
  /** The answer, once it has come. */
  value?: SearchResponse;
} | null = null;

/** The first search, if it asked the same with the current session; taken once. */
function takeFirst(query: Query) {
  const early = first;
  first = null;
  return early && early.key === JSON.stringify(query) && early.token === currentAccessToken() ? early : null;
}

/**
 * Sends the search `params` name as soon as `session` is restored (not at all without one),
 * for the search page to take instead of asking again when it mounts.
 */
export function startFirstSearch(session: Promise<unknown>, params: SearchParams): void {
  const query = searchQuery(params);
  void session.then((restored) => {
    if (!restored) return;
    const answer = api<SearchResponse>('/search', { query });
    // Whoever takes it handles a failure; nobody may, if the page never mounts.
    const sent = { key: JSON.stringify(query), token: currentAccessToken(), answer };
    first = sent;
    answer.then(
      (value) => {
        Object.assign(sent, { value });
      },
      () => {},
    );
  });
}

/**
 * The first search's answer if it has already come (for the search `params` name, with the
 * current session): the page then renders its results in its first render, not in a second one
 * after the query library has resolved the request.
 */
export function answeredFirstSearch(params: SearchParams): SearchResponse | undefined {
  const query = searchQuery(params);
  if (first?.value === undefined) return undefined;
  return takeFirst(query)?.value;
}

/** The search `params` name: the first search's answer if it asked the same with the same session, else a request. */
export function getSearch(params: SearchParams, signal?: AbortSignal): Promise<SearchResponse> {
  const query = searchQuery(params);
  return takeFirst(query)?.answer ?? api<SearchResponse>('/search', { query, signal });
}
