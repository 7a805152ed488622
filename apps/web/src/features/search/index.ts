/**
 * The search feature's door. Light on purpose (no React, no query library): the entry script
 * imports it to start a load of the search page before the app's code has arrived; the page
 * itself loads lazily.
 */
export { loadSearchPage, startSearchPageLoad } from './first-load';
