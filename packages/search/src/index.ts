export { ABBREVIATIONS } from './abbreviations';
export {
  CITATION_KEY_SCHEME,
  canonicalCitation,
  citationKeys,
  findCitations,
  rewriteCitationQuery,
  statuteKey,
  statuteSectionKey,
} from './citations';
export {
  buildFilter,
  dayInSeconds,
  type FacetFilters,
  quoteFilterValue,
  type ReviewFilter,
  type SearchFilters,
} from './filters';
export { fallbackTerms, type PreparedQuery, prepareQuery } from './query';
export {
  type CountingIndex,
  type IndexPair,
  type SearchHit,
  SearchIndex,
  type SearchRequest,
  type SearchResult,
  type SnippetPart,
  type Suggestion,
  toSnippet,
} from './search-index';
export {
  type DocumentRecord,
  identityKeys,
  indexVersion,
  type PublishedDocumentInput,
  type SectionDocument,
  searchableText,
  sectionId,
  type TermInfo,
  toDocumentRecord,
  toSectionDocuments,
  withAncestors,
} from './section-document';
export {
  type Alias,
  buildSynonyms,
  documentIndexSettings,
  FACET_ATTRIBUTES,
  FACETS,
  type Facet,
  indexSettings,
  MAX_COUNTED_DOCUMENTS,
  MAX_TOTAL_HITS,
  vocabularyAliases,
} from './settings';
export {
  addPhraseSynonyms,
  detectJurisdictions,
  jurisdictionNames,
  type LawyerPhrase,
  matchVocabulary,
  PHRASE_KINDS,
  type PhraseKind,
  type SearchVocabulary,
  synonymTerm,
  type UnderstoodQuery,
  understandQuery,
} from './vocabulary';
