import { readSearchState } from './address';
import { startFirstSearch } from './api/search-request';

/** The search page's code, for the router (and main.tsx, to start loading it early). */
export const loadSearchPage = () => import('./components/search-page').then((m) => m.SearchPage);

/**
 * A page load at the search page (`/?q=…`): its code starts loading now, and its results are
 * asked as soon as `session` is restored, side by side with the app's code instead of after it.
 */
export function startSearchPageLoad(session: Promise<unknown>, address: string): void {
  startFirstSearch(session, readSearchState(new URLSearchParams(address)));
  void loadSearchPage().catch(() => {
    // The router loads it again, and shows its error page if that fails too.
  });
}
