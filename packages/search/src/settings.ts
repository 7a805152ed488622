import { SEARCH_FACETS, type SearchFacet } from '@kb/contracts';
import type { Settings } from 'meilisearch';

/**
 * Meilisearch stops ranking a query after this long and answers with what it has: a bound for
 * pathological queries only (see the settings), and an answer that reached it is not cached.
 */
export const SEARCH_CUTOFF_MS = 1_000;

/** The most hits a search can page through (the sections index's count stops there too). */
export const MAX_TOTAL_HITS = 1000;

/**
 * Where the counting index's total stops: far above any library the product targets (10,000
 * documents, 100,000 sections), so the total a reader sees is exact. Free to count: a counting
 * query asks for no hits, so Meilisearch ranks nothing; it only measures the matching set.
 */
export const MAX_COUNTED_DOCUMENTS = 1_000_000;

/** The facets a search can filter by and count (defined with the API's contract). */
export const FACETS = SEARCH_FACETS;
export type Facet = SearchFacet;

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

/** A short form and what it stands for: "CIMT" → "crime involving moral turpitude". */
export type Alias = [short: string, long: string];

const MINOR_WORDS = new Set(['of', 'a', 'an', 'the', 'and', 'to', 'in', 'for', 'on', 'by', 'with']);

const initials = (phrase: string, skipMinor: boolean) =>
  phrase
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => /^[a-z]/.test(w) && !(skipMinor && MINOR_WORDS.has(w)))
    .map((w) => w[0])
    .join('');

/**
 * The abbreviations the search treats as equivalent to their expansions: the fixed list, plus
 * every acronym in a vocabulary term's synonyms paired with the term's label or synonym it
 * abbreviates ("DUI" with "driving under the influence", "SAM" with "sexual abuse of a minor").
 *
 * A term's other synonyms are deliberately not made equivalent to each other: "shoplifting" and
 * "burglary" both belong to "theft and burglary" but are different crimes with different
 * consequences. They reach the index as the tagged documents' tag labels instead.
 */
export function vocabularyAliases(terms: TaxonomyTermForSynonyms[], abbreviations: Alias[]): Alias[] {
  const aliases = new Map<string, Alias>();
  const add = (short: string, long: string) => {
    const key = `${short.toLowerCase()}|${long.toLowerCase().trim()}`;
    if (!aliases.has(key)) aliases.set(key, [short, long.trim()]);
  };
  for (const [short, long] of abbreviations) add(short, long);
  for (const term of terms) {
    const phrases = [term.label, ...term.synonyms].filter((p) => /^[A-Za-z][A-Za-z '-]{2,80}$/.test(p) && /\s/.test(p));
    for (const short of term.synonyms.filter((s) => /^[A-Z]{2,6}$/.test(s))) {
      const wanted = short.toLowerCase();
      for (const phrase of phrases) {
        if (initials(phrase, false) === wanted || initials(phrase, true) === wanted) add(short, phrase);
      }
    }
  }
  return [...aliases.values()];
}

/** Meilisearch synonyms: each short form and all its expansions are mutually equivalent. */
export function buildSynonyms(aliases: Alias[]): Record<string, string[]> {
  const groups = new Map<string, Set<string>>();
  for (const [short, long] of aliases) {
    const group = groups.get(short.toLowerCase()) ?? new Set([short.toLowerCase()]);
    group.add(long.toLowerCase().replace(/\s+/g, ' ').trim());
    groups.set(short.toLowerCase(), group);
  }
  const synonyms = new Map<string, Set<string>>();
  for (const group of groups.values()) {
    for (const word of group) {
      const set = synonyms.get(word) ?? new Set<string>();
      for (const other of group) if (other !== word) set.add(other);
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
    // Title first, then what a primary source *is* (its own provision), then what a document
    // cites, then headings, summary, tag labels and the text.
    searchableAttributes: [
      'title',
      'titleKeys',
      'identityKeys',
      'citationKeys',
      'citations',
      'heading',
      'summary',
      'tagLabels',
      'body',
    ],
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
      'summary',
      'body',
      'citations',
      'superseded',
      'version',
    ],
    // No section id here: a facet entry per section would slow every indexing task.
    filterableAttributes: [
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
      'reviewedOn',
      'needsReview',
    ],
    sortableAttributes: ['publishedAt', 'title', 'reviewedOn'],
    // 'sort' right after 'words': "newest" orders the documents matching the most query words
    // by date. Among documents matching as many words: the opinion of the court before dissents
    // and concurrences, focused guidance before the compendia (charts, checklists) that touch
    // every topic, then where the words are (the title first: titles here say what a document
    // answers), how close, current before superseded guidance.
    rankingRules: [
      'words',
      'sort',
      'typo',
      'separateOpinion:asc',
      'compendium:asc',
      'attribute',
      'proximity',
      'superseded:asc',
      'exactness',
      'position:asc',
    ],
    synonyms,
    stopWords: [],
    typoTolerance: {
      enabled: true,
      // Citation numbers must never be "corrected": 11350 is not 11351, 273.5 is not 243.5.
      disableOnNumbers: true,
      disableOnAttributes: ['titleKeys', 'identityKeys', 'citationKeys', 'citations'],
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    },
    proximityPrecision: 'byAttribute',
    // A bound for pathological queries only: under load a tighter cutoff would return
    // partially ranked results, and lawyers would see the order change from one search to the next.
    searchCutoffMs: SEARCH_CUTOFF_MS,
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
    // The facet-search endpoint is not used: not building its data keeps each update short.
    facetSearch: false,
  };
}

/**
 * Settings of the counting index (one record per document, see DocumentRecord): the same
 * words, synonyms, typo rules and filters as the sections index, so a query matches the same
 * documents; nothing to deduplicate, display or sort, since no hit is read from it.
 */
export function documentIndexSettings(synonyms: Record<string, string[]>): Settings {
  const sections = indexSettings(synonyms);
  return {
    ...sections,
    distinctAttribute: null,
    displayedAttributes: ['id', 'documentId', 'version'],
    sortableAttributes: [],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'exactness'],
    pagination: { maxTotalHits: MAX_COUNTED_DOCUMENTS },
  };
}
