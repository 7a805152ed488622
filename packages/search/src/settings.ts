import type { Settings } from 'meilisearch';

/** The facets a search can filter by and count, in the order the SPA shows them. */
export const FACETS = ['offenseType', 'consequence', 'jurisdiction', 'kind', 'publisher'] as const;
export type Facet = (typeof FACETS)[number];

/** Facet name in the API → attribute in the index. */
export const FACET_ATTRIBUTES: Record<Facet, string> = {
  offenseType: 'offenseTypes',
  consequence: 'consequences',
  jurisdiction: 'jurisdictions',
  kind: 'kind',
  publisher: 'publisher',
};

export interface TaxonomyTermForSynonyms {
  label: string;
  synonyms: string[];
}

/**
 * Synonym groups: each abbreviation and its expansion, and each vocabulary term's label with
 * its synonyms, so "CIMT" finds "crime involving moral turpitude" and the reverse.
 */
export function buildSynonyms(
  terms: TaxonomyTermForSynonyms[],
  abbreviations: Array<[string, string]>,
): Record<string, string[]> {
  const groups: string[][] = abbreviations.map(([short, long]) => [short, long]);
  for (const term of terms) {
    // Short, specific synonyms only: a label like "Other offenses" would pull in noise.
    const words = term.synonyms.filter((s) => /^[A-Za-z][A-Za-z &'-]{1,60}$/.test(s));
    if (words.length > 0) groups.push(words);
  }
  const synonyms = new Map<string, Set<string>>();
  for (const group of groups) {
    const normalized = [...new Set(group.map((g) => g.toLowerCase().trim()).filter(Boolean))];
    for (const word of normalized) {
      const set = synonyms.get(word) ?? new Set<string>();
      for (const other of normalized) if (other !== word) set.add(other);
      synonyms.set(word, set);
    }
  }
  return Object.fromEntries(
    [...synonyms.entries()].filter(([, set]) => set.size > 0).map(([word, set]) => [word, [...set].sort()]),
  );
}

/** Index settings, applied from code at start and before every reindex. */
export function indexSettings(synonyms: Record<string, string[]>): Settings {
  return {
    distinctAttribute: 'documentId',
    searchableAttributes: ['title', 'citationKeys', 'citations', 'heading', 'summary', 'tagLabels', 'body'],
    displayedAttributes: [
      'id',
      'documentId',
      'externalId',
      'slug',
      'title',
      'kind',
      'publisher',
      'jurisdictions',
      'publishedAt',
      'anchor',
      'heading',
      'body',
      'superseded',
      'version',
    ],
    filterableAttributes: [
      'id',
      'documentId',
      'status',
      'offenseTypes',
      'consequences',
      'jurisdictions',
      'kind',
      'publisher',
      'audience',
      'year',
      'superseded',
    ],
    sortableAttributes: ['publishedAt', 'title'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'position:asc'],
    synonyms,
    stopWords: [],
    typoTolerance: {
      enabled: true,
      // Citation numbers must never be "corrected": 11350 is not 11351, 273.5 is not 243.5.
      disableOnNumbers: true,
      disableOnAttributes: ['citationKeys', 'citations'],
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    },
    proximityPrecision: 'byAttribute',
    searchCutoffMs: 200,
    pagination: { maxTotalHits: 1000 },
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
  };
}
