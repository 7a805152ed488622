// The names a search request uses, with no schema and no import: the SPA's entry script imports
// this file alone (`@kb/contracts/search-options`) to send the first search before the rest of
// the app, and the schema library, have loaded. search.ts builds the request schemas from them.

/** The facets a search can filter by and count, in the order the search page shows them. */
export const SEARCH_FACETS = ['offenseType', 'consequence', 'jurisdiction', 'kind', 'publisher'] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];

/** `reviewed`: most recently reviewed first (the review date, else the document's date). */
export const SEARCH_SORTS = ['relevance', 'newest', 'reviewed'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
