export { ABBREVIATIONS } from './abbreviations';
export { canonicalCitation, citationKeys, findCitations, rewriteCitationQuery } from './citations';
export { buildFilter, type FacetFilters, quoteFilterValue } from './filters';
export {
  type SearchHit,
  SearchIndex,
  type SearchRequest,
  type SearchResult,
  type SnippetPart,
  toSnippet,
} from './search-index';
export {
  indexVersion,
  type PublishedDocumentInput,
  type SectionDocument,
  sectionId,
  type TermInfo,
  toSectionDocuments,
  withAncestors,
} from './section-document';
export { buildSynonyms, FACET_ATTRIBUTES, FACETS, type Facet, indexSettings } from './settings';
