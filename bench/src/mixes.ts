import type { FacetFilters } from '@kb/search';
import { Random } from './random';

/** One search as a reader's client asks it: the query string of GET /api/search. */
export interface SearchCase {
  q?: string;
  filters: FacetFilters;
  sort?: 'relevance' | 'newest';
  page?: number;
}

export interface QueryMix {
  id: 'plain' | 'filtered' | 'faceted' | 'browse';
  label: string;
  cases: SearchCase[];
}

export const PER_PAGE = 20;

/** What lawyers type: terms of art, abbreviations, citations in their usual forms, case names. */
const TEXT_QUERIES = [
  'aggravated felony',
  'CIMT',
  'petty theft CIMT',
  'PC 273.5',
  '273.5 PC',
  'H&S 11350',
  'Cal. Health & Safety Code § 11350',
  '8 USC 1101(a)(43)(G)',
  'INA § 237(a)(2)(E)',
  'crime involving moral turpitude',
  'controlled substance offense',
  'violation of a protective order',
  'Padilla advisement',
  'safer plea',
  'residential burglary',
  'felon in possession of a firearm',
  'reason to believe',
  'cancellation of removal',
  'youthful offender',
  'DUI',
  'sentence of one year',
  'categorical approach divisibility',
  'illegal reentry',
  'particularly serious crime asylum',
];

const FILTERS: FacetFilters[] = [
  { jurisdiction: ['us-ca'] },
  { consequence: ['cimt'] },
  { offenseType: ['domestic-violence'] },
  { consequence: ['controlled-substance-offense'] },
  { offenseType: ['controlled-substances'] },
  { kind: ['advisory'] },
  { consequence: ['aggravated-felony'] },
  { jurisdiction: ['federal'] },
];

/** Several facets at once, one of them with two values (disjunctive counting has work to do). */
const RICH_FILTERS: FacetFilters[] = [
  { offenseType: ['theft-burglary'], consequence: ['cimt', 'aggravated-felony'], jurisdiction: ['us-ca'] },
  { offenseType: ['controlled-substances'], consequence: ['controlled-substance-offense'], kind: ['advisory'] },
  { consequence: ['aggravated-felony'], jurisdiction: ['us-ca', 'federal'] },
  { offenseType: ['domestic-violence', 'violence'], consequence: ['dv-deportability'] },
  { kind: ['advisory', 'checklist'], jurisdiction: ['us-ca'], consequence: ['cimt'] },
  { offenseType: ['firearms-weapons'], consequence: ['firearms-deportability', 'aggravated-felony'] },
];

const BROWSE_FILTERS: FacetFilters[] = [
  {},
  { jurisdiction: ['us-ca'] },
  { offenseType: ['controlled-substances'] },
  { consequence: ['aggravated-felony'] },
  { kind: ['advisory'] },
  { consequence: ['cimt', 'aggravated-felony'] },
  { jurisdiction: ['federal'], offenseType: ['theft-burglary'] },
  { publisher: ['Demo Immigration Clinic'] },
];

/** The four mixes of the issue, the same for every system. */
export const MIXES: QueryMix[] = [
  {
    id: 'plain',
    label: 'plain text',
    cases: TEXT_QUERIES.map((q) => ({ q, filters: {} })),
  },
  {
    id: 'filtered',
    label: 'text + filters',
    cases: TEXT_QUERIES.map((q, i) => ({ q, filters: FILTERS[i % FILTERS.length] ?? {} })),
  },
  {
    id: 'faceted',
    label: 'text + filters + all facets + highlighting',
    cases: TEXT_QUERIES.map((q, i) => ({
      q,
      filters: RICH_FILTERS[i % RICH_FILTERS.length] ?? {},
      sort: i % 5 === 4 ? 'newest' : 'relevance',
      page: i % 7 === 6 ? 2 : 1,
    })),
  },
  {
    id: 'browse',
    label: 'empty query + facets',
    cases: BROWSE_FILTERS.flatMap((filters, i) => [
      { filters, sort: 'newest' as const },
      { filters, page: i % 2 === 0 ? 2 : 1 },
    ]),
  },
];

/** The query string the SPA sends for a case: `q`, repeated facet filters, page, perPage, sort. */
export function searchQueryString(c: SearchCase): string {
  const params = new URLSearchParams();
  if (c.q) params.set('q', c.q);
  for (const [facet, values] of Object.entries(c.filters)) for (const v of values ?? []) params.append(facet, v);
  if (c.sort && c.sort !== 'relevance') params.set('sort', c.sort);
  params.set('page', String(c.page ?? 1));
  params.set('perPage', String(PER_PAGE));
  return params.toString();
}

/**
 * The 500 distinct searches of the hot-query mix: the lawyers' queries with no filter, one
 * filter or several, by relevance or date, pages 1–2, in a fixed order (rank 1 first).
 */
export function hotQueries(count = 500): SearchCase[] {
  const filterSets: FacetFilters[] = [{}, ...FILTERS, ...RICH_FILTERS, ...BROWSE_FILTERS.slice(1)];
  const all: SearchCase[] = [];
  for (const sort of ['relevance', 'newest'] as const) {
    for (const page of [1, 2]) {
      for (const filters of filterSets) {
        for (const q of TEXT_QUERIES) all.push({ q, filters, sort, page });
      }
    }
  }
  // Spread the kinds of search over the ranks, deterministically.
  return new Random(18).sample(all, count);
}

/**
 * `draws` searches drawn from `queries` by Zipf's law (rank r with weight 1/r): a few
 * searches ("aggravated felony", "PC 273.5", "CIMT") make most of the traffic, as in a library.
 */
export function zipfDraw<T>(queries: readonly T[], draws: number, seed = 1): T[] {
  const weights = queries.map((q, r) => [q, 1 / (r + 1)] as const);
  const random = new Random(seed, 18);
  return Array.from({ length: draws }, () => random.weighted(weights));
}
