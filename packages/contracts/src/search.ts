import { type Static, Type } from 'typebox';
import { DateOnly, DateTime, Nullable, StringEnum, Uuid } from './common';
import { DocumentKindSchema, JurisdictionCode, TermCode } from './documents';
import { SearchAnswer } from './offense-entries';
import { SEARCH_SORTS } from './search-options';

export { SEARCH_FACETS, SEARCH_SORTS, type SearchFacet, type SearchSort } from './search-options';

export const SEARCH_MAX_PER_PAGE = 100;
export const SEARCH_DEFAULT_PER_PAGE = 20;
/** How far a search can page: results beyond the first thousand are not served. */
export const SEARCH_MAX_OFFSET = 1000;
export const SEARCH_MAX_QUERY_LENGTH = 500;
/** Values per filter: a reader picks a few; a long list is a mistake or an attack. */
export const SEARCH_MAX_FILTER_VALUES = 25;

const values = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Optional(Type.Array(item, { maxItems: SEARCH_MAX_FILTER_VALUES }));

/** GET /api/search: every filter repeatable (`?consequence=cimt&consequence=aggravated-felony`). */
export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: SEARCH_MAX_QUERY_LENGTH })),
    offenseType: values(TermCode),
    consequence: values(TermCode),
    jurisdiction: values(JurisdictionCode),
    kind: values(DocumentKindSchema),
    publisher: values(Type.String({ minLength: 1, maxLength: 200 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: SEARCH_MAX_OFFSET })),
    perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: SEARCH_MAX_PER_PAGE })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: SEARCH_MAX_OFFSET })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SEARCH_MAX_PER_PAGE })),
    sort: Type.Optional(StringEnum(SEARCH_SORTS)),
    /** Last reviewed (else dated) before this day / on or after it (YYYY-MM-DD). */
    reviewedBefore: Type.Optional(DateOnly),
    reviewedAfter: Type.Optional(DateOnly),
    /** true: only guidance not reviewed within the staleness period (reviewOverdue); false: only guidance that was. */
    stale: Type.Optional(Type.Boolean()),
    /** true: only guidance citing an authority flagged since its last review; false: none of it. */
    needsReview: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

/** Part of a snippet: plain text, `match` when it matched the query (shown highlighted). */
export const SnippetPart = Type.Object({ text: Type.String(), match: Type.Boolean() });
export type SnippetPart = Static<typeof SnippetPart>;

export const SearchHit = Type.Object({
  documentId: Uuid,
  externalId: Nullable(Type.String()),
  slug: Type.String(),
  title: Type.String(),
  kind: DocumentKindSchema,
  publisher: Type.String(),
  jurisdictions: Type.Array(Type.String()),
  /** The document's date (YYYY-MM-DD). */
  publishedAt: Nullable(Type.String()),
  /** When editors last checked the published revision was still right (YYYY-MM-DD), if recorded. */
  lastReviewedAt: Nullable(Type.String()),
  /** The number of the published revision the hit reads. */
  revisionNumber: Nullable(Type.Integer()),
  /** Not reviewed (nor dated) within the configured period (reviewStaleMonths of the response). */
  reviewOverdue: Type.Boolean(),
  /** It cites an authority (overruled, vacated…) flagged after its last review. */
  needsReview: Type.Boolean(),
  superseded: Type.Boolean(),
  /** The guidance that replaces this document, when it is published. */
  supersededBy: Nullable(Type.Object({ slug: Type.String(), title: Type.String() })),
  /** The best-matching section: the hit opens the document there. */
  section: Type.Object({ anchor: Type.String(), heading: Type.String() }),
  snippet: Type.Array(SnippetPart),
});
export type SearchHit = Static<typeof SearchHit>;

/** Facet value → number of matching documents. */
export const FacetCounts = Type.Record(Type.String(), Type.Integer());
export type FacetCounts = Static<typeof FacetCounts>;

export const SearchFacets = Type.Object({
  offenseType: FacetCounts,
  consequence: FacetCounts,
  jurisdiction: FacetCounts,
  kind: FacetCounts,
  publisher: FacetCounts,
});
export type SearchFacets = Static<typeof SearchFacets>;

/** What a zero-result search drops to find something: the filters, the quotation marks. */
export const RELAXATIONS = ['filters', 'quotes'] as const;
export type Relaxation = (typeof RELAXATIONS)[number];

export const UnderstoodQuery = Type.Object({
  citations: Type.Array(Type.String()),
  phrases: Type.Array(Type.Object({ phrase: Type.String(), meanings: Type.Array(Type.String()) })),
  /** Jurisdiction codes named in the query ("California" → us-ca); their guidance ranks first. */
  jurisdictions: Type.Array(Type.String()),
});
export type UnderstoodQuery = Static<typeof UnderstoodQuery>;

export const SearchResponse = Type.Object({
  hits: Type.Array(SearchHit),
  facets: SearchFacets,
  /** Matching documents (each counted once, however many of its sections match). */
  total: Type.Integer(),
  /**
   * Present (true) when `total` is where the count stopped, not the count: at least that many
   * documents match (shown as "1,000+"). Absent, the total is exact.
   */
  totalIsLowerBound: Type.Optional(Type.Boolean()),
  page: Type.Integer(),
  perPage: Type.Integer(),
  offset: Type.Integer(),
  tookMs: Type.Integer(),
  /** The staleness period behind each hit's reviewOverdue, in months. */
  reviewStaleMonths: Type.Integer(),
  /** Present (true) when the search engine was unavailable and PostgreSQL answered instead. */
  degraded: Type.Optional(Type.Boolean()),
  /** When the query is a citation: the chart rows it means, shown above the hits (first page only). */
  answer: Type.Optional(Nullable(SearchAnswer)),
  /** What the search recognized in the words: citations, the lawyer's phrases, jurisdictions. */
  understood: Type.Optional(UnderstoodQuery),
  /**
   * When nothing matched: the results of a broader search (without the filters, or without
   * the quotation marks) and what was dropped to get them. `hits` and `total` stay the answer
   * to the search as asked.
   */
  relaxed: Type.Optional(
    Type.Object({
      dropped: Type.Array(StringEnum(RELAXATIONS)),
      hits: Type.Array(SearchHit),
      total: Type.Integer(),
      totalIsLowerBound: Type.Optional(Type.Boolean()),
    }),
  ),
});
export type SearchResponse = Static<typeof SearchResponse>;

export const SuggestQuery = Type.Object(
  {
    q: Type.String({ maxLength: 200 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  },
  { additionalProperties: false },
);
export type SuggestQuery = Static<typeof SuggestQuery>;

export const Suggestion = Type.Union([
  Type.Object({ type: Type.Literal('document'), text: Type.String(), slug: Type.String(), kind: DocumentKindSchema }),
  Type.Object({ type: Type.Literal('citation'), text: Type.String() }),
  /** A chart row: `text` is "PC 273.5(a) — Corporal injury…", `path` its page. */
  Type.Object({
    type: Type.Literal('offense'),
    text: Type.String(),
    slug: Type.String(),
    path: Type.String(),
    jurisdiction: Type.String(),
  }),
  Type.Object({
    type: Type.Literal('term'),
    text: Type.String(),
    facet: StringEnum(['offenseType', 'consequence'] as const),
    code: Type.String(),
  }),
]);
export type Suggestion = Static<typeof Suggestion>;

export const SuggestResponse = Type.Object({
  suggestions: Type.Array(Suggestion),
  degraded: Type.Optional(Type.Boolean()),
});
export type SuggestResponse = Static<typeof SuggestResponse>;

/** GET /api/admin/search/status: is the index keeping up with the database? */
export const SearchStatusResponse = Type.Object({
  /** Meilisearch answers its health check. */
  healthy: Type.Boolean(),
  /** This process applied the index settings (synonyms included) from code. */
  settingsApplied: Type.Boolean(),
  /** Changes waiting to reach the index, not yet tried. */
  pending: Type.Integer(),
  /** Changes whose indexing failed at least once and will be retried. */
  failing: Type.Integer(),
  /** Age of the oldest waiting change, in seconds (0 when nothing waits). */
  lagSeconds: Type.Number(),
  oldestEnqueuedAt: Nullable(DateTime),
  lastError: Nullable(Type.String()),
  /** Sections in the live index (null when Meilisearch does not answer). */
  indexedSections: Nullable(Type.Integer()),
  /** Documents in the live counting index (null when Meilisearch does not answer). */
  indexedDocuments: Nullable(Type.Integer()),
  publishedDocuments: Type.Integer(),
  /**
   * This process's cache of Meilisearch answers: on while it hears other replicas' index
   * changes (LISTEN/NOTIFY); searches answered from it and not, since the process started.
   */
  cache: Type.Object({
    enabled: Type.Boolean(),
    entries: Type.Integer(),
    hits: Type.Integer(),
    misses: Type.Integer(),
  }),
});
export type SearchStatusResponse = Static<typeof SearchStatusResponse>;

/** POST /api/search/clicks: a result of this query was opened (counted, never linked to anyone). */
export const SearchClickBody = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: SEARCH_MAX_QUERY_LENGTH }) },
  { additionalProperties: false },
);
export type SearchClickBody = Static<typeof SearchClickBody>;

/** How long search analytics are kept, in days. */
export const SEARCH_ANALYTICS_RETENTION_DAYS = 90;

export const SearchAnalyticsQuery = Type.Object(
  { days: Type.Optional(Type.Integer({ minimum: 1, maximum: SEARCH_ANALYTICS_RETENTION_DAYS })) },
  { additionalProperties: false },
);
export type SearchAnalyticsQuery = Static<typeof SearchAnalyticsQuery>;

export const SearchQueryStat = Type.Object({
  query: Type.String(),
  searches: Type.Integer(),
  zeroResults: Type.Integer(),
  clicks: Type.Integer(),
});
export type SearchQueryStat = Static<typeof SearchQueryStat>;

/**
 * GET /api/admin/search-analytics: what readers searched for over the last days, aggregated
 * (counts per normalized query and per filter value; no user, session or address is kept).
 */
export const SearchAnalyticsResponse = Type.Object({
  days: Type.Integer(),
  /** First and last day counted (YYYY-MM-DD, UTC). */
  from: Type.String(),
  to: Type.String(),
  searches: Type.Integer(),
  topQueries: Type.Array(SearchQueryStat),
  /** Searches that found nothing: the guidance readers look for and do not find. */
  zeroResultQueries: Type.Array(SearchQueryStat),
  /** Searches with results of which none was opened. */
  noClickQueries: Type.Array(SearchQueryStat),
  filters: Type.Array(Type.Object({ facet: Type.String(), value: Type.String(), uses: Type.Integer() })),
  retentionDays: Type.Integer(),
});
export type SearchAnalyticsResponse = Static<typeof SearchAnalyticsResponse>;
