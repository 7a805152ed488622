import type { QueryClient } from '@tanstack/react-query';
import { readSearchState } from '../hooks/use-search-state';
import { searchQueryOptions } from './search';

/**
 * Asks for the results of the search page at `search` (the address's `?q=…`) into the cache,
 * under the key the page will read, so that the page finds them there (or in flight) when it
 * mounts instead of asking only then. Call it once the session's token is known.
 */
export function prefetchSearchResults(queryClient: QueryClient, search: string): Promise<void> {
  return queryClient.prefetchQuery(searchQueryOptions(readSearchState(new URLSearchParams(search))));
}
