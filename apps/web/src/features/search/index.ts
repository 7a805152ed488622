/** The search feature's door. */
export { SearchPage } from './components/search-page';
