/** The taxonomy feature's door: the vocabulary, its labels and its query key. */
export { currentCodeOf, taxonomyKeys, useTaxonomy, useTermLabels } from './api/get-taxonomy';
