import {
  DOCUMENT_KINDS,
  type Relaxation,
  SEARCH_DEFAULT_PER_PAGE,
  SEARCH_FACETS,
  type SearchQuery,
  type SearchResponse,
  type SearchSort,
  type SearchStatusResponse,
  type SuggestQuery,
  type SuggestResponse,
} from '@kb/contracts';
import type { Tx } from '@kb/db';
import {
  type CountingIndex,
  fallbackTerms,
  type SearchHit as IndexHit,
  MAX_TOTAL_HITS,
  type ReviewFilter,
  type SearchFilters,
  type SearchIndex,
  searchableText,
  toSnippet,
} from '@kb/search';
import type { FastifyInstance } from 'fastify';
import { REVIEW_STALE_MONTHS } from '../../config';
import { badRequest, unavailable } from '../../lib/errors';
import type { CurrentUserRow } from '../../plugins/auth.repository';
import { citationAnswer, entrySuggestions } from '../offenses';
import { currentFilterCodes, searchVocabulary, suggestTerms } from '../taxonomy';
import { type CheckedHit, type SearchParts, searchResponseJson, toSearchHit, toSearchResponse } from './search.reply';
import {
  countPublished,
  type FallbackHitRow,
  fallbackSearch,
  outboxStatus,
  publishedStates,
  publishedStatesAndUser,
  suggestPublishedTitles,
} from './search.repository';
import { isUnreachable } from './search.sync';

/**
 * The signed-in user of a route that checks it in its own query (`userCheck: 'in-handler'`):
 * the first read of the hits' states checks it too, in the same round trip.
 */
export interface UserToCheck {
  who: { id: string; sid: string | null };
  readonly checked: boolean;
  /** Throws the 401/403 when the user may not search (anymore). */
  accept(user: CurrentUserRow | undefined): void;
}

type SearchApp = Pick<FastifyInstance, 'db' | 'searchIndex' | 'searchSync' | 'searchCache' | 'log'>;

/** After Meilisearch failed, searches go straight to the fallback for this long. */
const BREAKER_MS = 2_000;
/** The PostgreSQL fallback gives up after this long: a slow answer is no answer. */
const FALLBACK_TIMEOUT_MS = 3_000;
/**
 * Fallback searches running at once, per process; more are refused with a 503. A fallback
 * search is heavy (it ranks and counts every match), and when Meilisearch is overloaded rather
 * than down, sending every search to PostgreSQL would starve the saving and publishing that
 * need it too.
 */
const MAX_CONCURRENT_FALLBACKS = 4;
const breakerOpenUntil = new WeakMap<SearchIndex, number>();
const fallbacksRunning = new WeakMap<SearchIndex, number>();
const emptyIndexCheck = new WeakMap<SearchIndex, { at: number; empty: Promise<boolean> }>();
const countingCheck = new WeakMap<SearchIndex, { at: number; from: Promise<CountingIndex> }>();
const COUNTING_CHECK_TIMEOUT_MS = 3_000;

/**
 * Where this process counts from: the counting index, unless it is still empty while the
 * sections index is not (an index pair from before it existed, being backfilled) — then from
 * the sections, exact but slower. Checked at most every five seconds.
 */
function countingIndex(app: SearchApp): Promise<CountingIndex> {
  if (app.searchIndex.countFrom === 'sections') return Promise.resolve('sections');
  const cached = countingCheck.get(app.searchIndex);
  if (cached && Date.now() - cached.at < 5_000) return cached.from;
  // Through the breaker and bounded: a frozen Meilisearch must cost one timeout, not a wait on
  // every search while this check's promise hangs in the cache.
  const stats = () =>
    new Promise<Awaited<ReturnType<SearchIndex['stats']>>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('index stats timed out')), COUNTING_CHECK_TIMEOUT_MS);
      app.searchIndex
        .stats()
        .then(resolve, reject)
        .finally(() => clearTimeout(timer));
    });
  const from = throughBreaker(app, stats).then(
    (s): CountingIndex => (s && s.sections > 0 && !s.documents ? 'sections' : 'documents'),
  );
  countingCheck.set(app.searchIndex, { at: Date.now(), from });
  return from;
}

/**
 * True while the index holds nothing although documents are published: a fresh deployment
 * whose first indexing is still running, or a Meilisearch that lost its data. An empty
 * answer then would be a wrong answer. Checked at most every two seconds.
 */
function indexMissesEverything(app: SearchApp): Promise<boolean> {
  const cached = emptyIndexCheck.get(app.searchIndex);
  if (cached && Date.now() - cached.at < 2_000) return cached.empty;
  const empty = (async () => {
    const sections = await app.searchIndex.stats().then(
      (s) => s.sections,
      () => 0,
    );
    return sections === 0 && (await countPublished(app.db)) > 0;
  })();
  emptyIndexCheck.set(app.searchIndex, { at: Date.now(), empty });
  return empty;
}

/**
 * Runs a Meilisearch call unless it failed a moment ago; on failure opens the breaker, so a
 * stopped Meilisearch costs one timeout, not one per request.
 */
async function throughBreaker<T>(app: SearchApp, call: () => Promise<T>): Promise<T | undefined> {
  if ((breakerOpenUntil.get(app.searchIndex) ?? 0) > Date.now()) return undefined;
  try {
    return await call();
  } catch (error) {
    breakerOpenUntil.set(app.searchIndex, Date.now() + BREAKER_MS);
    if (isUnreachable(error))
      app.log.warn({ err: error }, 'search: Meilisearch unavailable; answering from PostgreSQL');
    // Anything else (a missing index, settings not applied yet) is logged louder: still no 500.
    else app.log.error({ err: error }, 'search: Meilisearch refused the query; answering from PostgreSQL');
    return undefined;
  }
}

const withoutControls = (text: string) => text.replace(/[\u0000-\u001f\u007f]/g, ' ');

/** page/perPage or offset/limit (not both) → one window; beyond the served hits is a 400. */
export function resolvePaging(query: Pick<SearchQuery, 'page' | 'perPage' | 'offset' | 'limit'>) {
  const usesOffset = query.offset !== undefined || query.limit !== undefined;
  const usesPage = query.page !== undefined || query.perPage !== undefined;
  if (usesOffset && usesPage) throw badRequest('Use page and perPage, or offset and limit, not both.');
  const limit = query.limit ?? query.perPage ?? SEARCH_DEFAULT_PER_PAGE;
  const offset = usesOffset ? (query.offset ?? 0) : ((query.page ?? 1) - 1) * limit;
  if (offset >= MAX_TOTAL_HITS) {
    throw badRequest(`Only the first ${MAX_TOTAL_HITS} results can be paged through; narrow the search instead.`);
  }
  return { offset, limit, page: Math.floor(offset / limit) + 1, perPage: limit };
}

/** The requested filters, deduplicated; vocabulary codes must exist or have been merged (else a 400). */
export async function resolveFilters(db: Tx, query: SearchQuery): Promise<SearchFilters> {
  const filters: SearchFilters = {};
  for (const facet of SEARCH_FACETS) {
    const values = [...new Set(query[facet] ?? [])];
    if (values.length > 0) filters[facet] = values;
  }
  if (filters.offenseType || filters.consequence) {
    // A term merged into another (a link saved before the merge) means the term it became.
    const resolved = await currentFilterCodes(db, filters);
    if (resolved.unknown.length > 0) {
      throw badRequest(`Unknown ${resolved.unknown.slice(0, 5).join(', ')}: use the codes of GET /api/taxonomy.`);
    }
    if (resolved.offenseType) filters.offenseType = resolved.offenseType;
    if (resolved.consequence) filters.consequence = resolved.consequence;
  }
  if (filters.publisher?.some((p) => /[\u0000-\u001f\u007f]/.test(p))) {
    throw badRequest('A publisher cannot contain control characters.');
  }
  const review = reviewFilter(query);
  if (review) filters.review = review;
  return filters;
}

/** The first day that is not overdue: reviewed (else dated) on or after it. */
export function staleBefore(now = new Date()): string {
  const limit = new Date(now);
  limit.setUTCMonth(limit.getUTCMonth() - REVIEW_STALE_MONTHS);
  return limit.toISOString().slice(0, 10);
}

/** reviewedBefore / reviewedAfter / stale / needsReview as one review filter (undefined: none asked). */
function reviewFilter(query: SearchQuery): ReviewFilter | undefined {
  const review: ReviewFilter = {};
  if (query.reviewedBefore) review.before = query.reviewedBefore;
  if (query.reviewedAfter) review.after = query.reviewedAfter;
  if (query.stale !== undefined) {
    const limit = staleBefore();
    if (query.stale) {
      review.before = review.before && review.before < limit ? review.before : limit;
      review.orUndated = true;
    } else review.after = review.after && review.after > limit ? review.after : limit;
  }
  if (query.needsReview !== undefined) review.needsReview = query.needsReview;
  if (review.before && review.after && review.after >= review.before) {
    throw badRequest('reviewedAfter must be before reviewedBefore (and stale=true before the staleness limit).');
  }
  return Object.keys(review).length > 0 ? review : undefined;
}

const clip = (text: string, length: number) => {
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), length - 20))}…`;
};

const plainFragment = (text: string) =>
  text
    .replace(/\*\*|__|`+/g, '')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\s*\|\s*/g, ' · ')
    .replace(/\s+/g, ' ');

/**
 * A PostgreSQL headline as the same structured snippet as the index's, with the same choice:
 * the section's text where the words are, else the summary for the untitled opening section.
 */
function fallbackSnippet(row: FallbackHitRow, highlighted: boolean) {
  const parts = row.snippet
    ? highlighted
      ? toSnippet(row.snippet)
          .map((part) => ({ ...part, text: plainFragment(part.text) }))
          .filter((part) => part.text.length > 0)
      : [{ text: clip(searchableText(row.snippet).replace(/\s+/g, ' '), 240), match: false }]
    : [];
  if (parts.some((p) => p.match) || !row.summary || (parts.length > 0 && row.anchor !== 'introduction')) return parts;
  return [{ text: clip(plainFragment(row.summary), 300), match: false }];
}

const fromFallback = (row: FallbackHitRow, highlighted: boolean): IndexHit => ({
  documentId: row.id,
  externalId: row.external_id,
  slug: row.slug,
  title: row.title,
  kind: row.kind,
  publisher: row.publisher,
  jurisdictions: row.jurisdictions ?? [],
  publishedAt: row.document_date,
  superseded: row.superseded,
  section: { anchor: row.anchor ?? '', heading: row.heading ?? row.title },
  snippet: fallbackSnippet(row, highlighted),
});

interface Answer {
  result: { hits: IndexHit[]; facets: SearchResponse['facets']; total: number; totalIsLowerBound?: boolean };
  degraded: boolean;
}

/** One search: Meilisearch, or PostgreSQL when Meilisearch cannot answer. */
async function answer(
  app: SearchApp,
  q: string,
  filters: SearchFilters,
  paging: { offset: number; limit: number },
  sort: SearchSort,
): Promise<Answer> {
  const request = { q, filters, offset: paging.offset, limit: paging.limit, sort, facets: SEARCH_FACETS };
  const countFrom = await countingIndex(app);
  // Hot queries are answered from the cache; what a reader may see is still checked per request.
  let result = await app.searchCache.get(app.searchIndex.searchKey(request, countFrom), () =>
    throughBreaker(app, () => app.searchIndex.search(request, countFrom)),
  );
  if (result?.total === 0 && (await indexMissesEverything(app))) result = undefined;
  if (result) return { result, degraded: false };
  const running = fallbacksRunning.get(app.searchIndex) ?? 0;
  if (running >= MAX_CONCURRENT_FALLBACKS) {
    throw unavailable('Search is overloaded right now. Try again in a moment.');
  }
  fallbacksRunning.set(app.searchIndex, running + 1);
  try {
    // The vocabulary as PostgreSQL holds it: Meilisearch (and the synonyms it was given) is away.
    const terms = q ? fallbackTerms(q, await searchVocabulary(app.db)) : [];
    const fallback = await fallbackSearch(app.db, {
      q,
      terms,
      filters,
      offset: paging.offset,
      limit: paging.limit,
      sort,
      timeoutMs: FALLBACK_TIMEOUT_MS,
    });
    return {
      result: {
        total: fallback.total,
        facets: fallback.facets,
        hits: fallback.hits.map((row) => fromFallback(row, q !== '')),
      },
      degraded: true,
    };
  } catch (error) {
    app.log.warn({ err: error }, 'search: the PostgreSQL fallback failed too');
    throw unavailable('Search is unavailable right now. Try again in a moment.');
  } finally {
    fallbacksRunning.set(app.searchIndex, (fallbacksRunning.get(app.searchIndex) ?? 1) - 1);
  }
}

/** True when the last check (a YYYY-MM-DD date) is older than the staleness period, or unknown. */
export function reviewOverdue(lastChecked: string | null, now = new Date()): boolean {
  return overdueAgainst(lastChecked, staleBefore(now));
}

const overdueAgainst = (lastChecked: string | null, limit: string) => !lastChecked || lastChecked < limit;

/**
 * PostgreSQL has the last word on each hit: a document archived a moment ago (the index
 * catches up within a second) is dropped, and "superseded" links to its successor.
 */
async function checkedHits(app: SearchApp, hits: IndexHit[], user?: UserToCheck): Promise<CheckedHit[]> {
  const ids = hits.map((h) => h.documentId);
  let states: Awaited<ReturnType<typeof publishedStates>>;
  if (user && !user.checked) {
    const read = await publishedStatesAndUser(app.db, ids, user.who);
    user.accept(read.user);
    states = read.states;
  } else states = await publishedStates(app.db, ids);
  // One staleness limit per request, not one date computation per hit.
  const limit = staleBefore();
  const checked: CheckedHit[] = [];
  for (const hit of hits) {
    const state = states.get(hit.documentId);
    if (state)
      checked.push({ hit, state, reviewOverdue: overdueAgainst(state.lastReviewedAt ?? hit.publishedAt, limit) });
  }
  return checked;
}

/** The total of an answer as the contract gives it: marked when it is a lower bound. */
const totalOf = (result: Answer['result']) => ({
  total: result.total,
  ...(result.totalIsLowerBound ? { totalIsLowerBound: true } : {}),
});

async function relaxedAnswer(app: SearchApp, dropped: Relaxation[], result: Answer['result']) {
  return { dropped, hits: (await checkedHits(app, result.hits)).map(toSearchHit), ...totalOf(result) };
}

/**
 * A search that found nothing is broadened, one step at a time: without the quotation marks
 * (an exact phrase nobody wrote), then without the filters. The reader sees what was dropped.
 */
async function relaxedSearch(
  app: SearchApp,
  q: string,
  filters: SearchFilters,
  limit: number,
): Promise<SearchResponse['relaxed']> {
  const dropped: Relaxation[] = [];
  let words = q;
  if (q.includes('"')) {
    words = q.replace(/"/g, ' ').replace(/\s+/g, ' ').trim();
    dropped.push('quotes');
    const { result } = await answer(app, words, filters, { offset: 0, limit }, 'relevance');
    if (result.total > 0) return relaxedAnswer(app, dropped, result);
  }
  if (Object.keys(filters).length > 0) {
    dropped.push('filters');
    const { result } = await answer(app, words, {}, { offset: 0, limit }, 'relevance');
    if (result.total > 0) return relaxedAnswer(app, dropped, result);
  }
  return undefined;
}

/**
 * GET /api/search's answer: as JSON bytes when it is the usual kind (see search.reply.ts), as an
 * object when it is one of the rarer ones (degraded, relaxed, with chart rows).
 */
export interface SearchReply {
  total: number;
  body: SearchResponse | Buffer;
}

/**
 * GET /api/search. Meilisearch answers; when it cannot (down, stopped, index missing),
 * PostgreSQL does, marked `degraded`; when both fail, a 503 — never a hang, never a 500.
 */
export async function search(app: SearchApp, query: SearchQuery, user?: UserToCheck): Promise<SearchReply> {
  const started = performance.now();
  const paging = resolvePaging(query);
  const filters = await resolveFilters(app.db, query);
  const q = withoutControls(query.q ?? '').trim();
  const sort = query.sort ?? 'relevance';
  const { result, degraded } = await answer(app, q, filters, paging, sort);
  const hits = await checkedHits(app, result.hits, user);
  const relaxed =
    result.total === 0 && q !== '' && paging.offset === 0
      ? await relaxedSearch(app, q, filters, paging.limit)
      : undefined;
  // A citation query's chart rows, above the hits (first page only; PostgreSQL answers it).
  const rows = paging.offset === 0 && q ? await citationAnswer(app.db, q) : null;
  const parts: SearchParts = {
    hits,
    facets: result.facets,
    ...totalOf(result),
    page: paging.page,
    perPage: paging.perPage,
    offset: paging.offset,
    tookMs: Math.round(performance.now() - started),
    reviewStaleMonths: REVIEW_STALE_MONTHS,
    ...(q ? { understood: app.searchIndex.understand(q) } : {}),
  };
  if (!degraded && !relaxed && !rows) return { total: result.total, body: searchResponseJson(parts) };
  return {
    total: result.total,
    body: {
      ...toSearchResponse(parts),
      ...(degraded ? { degraded: true } : {}),
      ...(relaxed ? { relaxed } : {}),
      ...(rows ? { answer: rows } : {}),
    },
  };
}

/** GET /api/search/suggest: vocabulary terms (to filter by), published titles and citations. */
export async function suggest(app: SearchApp, query: SuggestQuery): Promise<SuggestResponse> {
  const text = withoutControls(query.q).trim();
  if (text.length === 0) return { suggestions: [] };
  const limit = query.limit ?? 8;
  const terms = await suggestTerms(app.db, text, Math.min(limit, 5));
  const termSuggestions = terms.map((t) => ({
    type: 'term' as const,
    text: t.label,
    facet: t.vocabulary === 'offense_type' ? ('offenseType' as const) : ('consequence' as const),
    code: t.code,
  }));
  // Chart rows first: "PC 273" offers the entries it could mean.
  const entries = await entrySuggestions(app.db, text, Math.min(limit, 5));
  const entrySlugs = new Set(entries.map((e) => (e.type === 'offense' ? e.slug : '')));
  const fromIndex = await throughBreaker(app, () => app.searchIndex.suggest(text, limit));
  if (fromIndex) {
    const documents = fromIndex
      .filter((s) => !(s.type === 'document' && entrySlugs.has(s.slug)))
      .map((s) =>
        s.type === 'document' ? { ...s, kind: (s.kind in DOCUMENT_KINDS ? s.kind : 'advisory') as 'advisory' } : s,
      );
    return { suggestions: [...termSuggestions, ...entries, ...documents] };
  }
  const titles = await suggestPublishedTitles(app.db, text, limit);
  return {
    suggestions: [
      ...termSuggestions,
      ...entries,
      ...titles
        .filter((t) => !entrySlugs.has(t.slug))
        .map((t) => ({
          type: 'document' as const,
          text: t.title,
          slug: t.slug,
          kind: (t.kind in DOCUMENT_KINDS ? t.kind : 'advisory') as 'advisory',
        })),
    ],
    degraded: true,
  };
}

/** GET /api/admin/search/status: what waits for the index, what fails, and how late it is. */
export async function searchStatus(app: SearchApp): Promise<SearchStatusResponse> {
  const [outbox, publishedDocuments, healthy] = await Promise.all([
    outboxStatus(app.db),
    countPublished(app.db),
    app.searchIndex.isHealthy(),
  ]);
  const indexed = healthy ? await app.searchIndex.stats().catch(() => null) : null;
  const cache = app.searchCache;
  return {
    healthy,
    settingsApplied: app.searchSync.settingsApplied,
    pending: outbox.pending,
    failing: outbox.failing,
    lagSeconds: outbox.oldestEnqueuedAt
      ? Math.max(0, Math.round((Date.now() - outbox.oldestEnqueuedAt.getTime()) / 100) / 10)
      : 0,
    oldestEnqueuedAt: outbox.oldestEnqueuedAt?.toISOString() ?? null,
    lastError: outbox.lastError,
    indexedSections: indexed?.sections ?? null,
    indexedDocuments: indexed?.documents ?? null,
    publishedDocuments,
    cache: { enabled: cache.enabled, entries: cache.size, hits: cache.hits, misses: cache.misses },
  };
}
