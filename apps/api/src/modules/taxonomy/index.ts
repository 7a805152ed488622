/**
 * taxonomy: the controlled vocabulary (offense types, consequences) and its rules. It owns
 * loading the vocabulary, current and merged-away codes, checking a document's tags, the
 * synonyms search uses, and the one refresh after a change. Documents tagged with a term are
 * reached through the `TaggedDocuments` the app hands to its routes.
 */

export { taxonomyPlugin } from './taxonomy.plugin';
export { suggestTerms } from './taxonomy.repository';
export { default as taxonomyRoutes, type TaxonomyRoutesOptions } from './taxonomy.routes';
export { seedSearchPhrases, seedTaxonomy } from './taxonomy.seed';
export {
  onVocabularyChange,
  refreshVocabulary,
  type TagChange,
  type TaggedDocuments,
  type VocabularyListener,
} from './taxonomy.service';
export {
  assertKnownTags,
  currentFilterCodes,
  currentTagCodes,
  currentTermCode,
  forgetVocabulary,
  knownTagsOnly,
  type LoadedVocabulary,
  loadVocabulary,
  searchVocabulary,
  type Tags,
  withCurrentCodes,
  withoutRemovedTags,
} from './taxonomy.vocabulary';
