/** The search feature's door. */
export { prefetchSearchResults } from './api/prefetch';
export { SearchPage } from './components/search-page';
