import { createHash } from 'node:crypto';
import { type Index, Meilisearch, type SearchParams, type SearchResponse } from 'meilisearch';
import { ABBREVIATIONS } from './abbreviations';
import { findCitations } from './citations';
import { buildFilter, type SearchFilters } from './filters';
import { type PreparedQuery, prepareQuery } from './query';
import { type DocumentRecord, type SectionDocument, toDocumentRecord } from './section-document';
import {
  documentIndexSettings,
  FACET_ATTRIBUTES,
  FACETS,
  type Facet,
  indexSettings,
  MAX_COUNTED_DOCUMENTS,
  MAX_TOTAL_HITS,
  SEARCH_CUTOFF_MS,
} from './settings';
import { indexSynonyms } from './synonyms';
import { breakTies, TIE_WINDOW, type TieBreaker, tieBreakerOf } from './tie-breaking';
import { type SearchVocabulary, type UnderstoodQuery, understandQuery } from './vocabulary';

/** Queries read per vocabulary and kept: a hot query is read once, not on every search (~20% of a cached search's CPU). */
const READ_QUERIES_KEPT = 2_000;

/** What a query means under one vocabulary (prepared for Meilisearch, understood for the reader), least recently used dropped. */
class QueryReadings {
  private vocabulary: SearchVocabulary | undefined;
  private readonly entries = new Map<string, { prepared?: PreparedQuery; understood?: UnderstoodQuery }>();

  private entry(q: string, vocabulary: SearchVocabulary) {
    if (vocabulary !== this.vocabulary) {
      this.vocabulary = vocabulary;
      this.entries.clear();
    }
    let entry = this.entries.get(q);
    if (entry) this.entries.delete(q);
    else entry = {};
    this.entries.set(q, entry);
    if (this.entries.size > READ_QUERIES_KEPT) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return entry;
  }

  prepared(q: string, vocabulary: SearchVocabulary): PreparedQuery {
    const entry = this.entry(q, vocabulary);
    entry.prepared ??= prepareQuery(q, vocabulary);
    return entry.prepared;
  }

  understood(q: string, vocabulary: SearchVocabulary): UnderstoodQuery {
    const entry = this.entry(q, vocabulary);
    entry.understood ??= understandQuery(q, vocabulary);
    return entry.understood;
  }
}

/** Settings whose arrays are ordered (a rule list, an attribute ranking); other arrays are sets. */
const ORDERED_SETTINGS = new Set(['searchableAttributes', 'displayedAttributes', 'rankingRules']);
/** Settings that are maps replaced whole (a key Meilisearch has and the code not is a difference). */
const MAP_SETTINGS = new Set(['synonyms', 'sortFacetValuesBy']);

/**
 * Whether Meilisearch's value of a setting is the one the code gives: arrays compared in order
 * where order matters, as sets elsewhere; objects by the keys the code sets (Meilisearch fills in
 * the others with defaults, and a settings update leaves them alone), maps key for key.
 */
function settingMatches(key: string, wanted: unknown, actual: unknown): boolean {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(actual) || actual.length !== wanted.length) return false;
    const text = (items: unknown[]) => items.map((item) => JSON.stringify(item));
    const [w, a] = [text(wanted), text(actual)];
    if (!ORDERED_SETTINGS.has(key)) {
      w.sort();
      a.sort();
    }
    return w.every((item, i) => item === a[i]);
  }
  if (wanted && typeof wanted === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const given = actual as Record<string, unknown>;
    const entries = Object.entries(wanted as Record<string, unknown>);
    if (MAP_SETTINGS.has(key) && Object.keys(given).length !== entries.length) return false;
    return entries.every(([k, v]) => settingMatches(MAP_SETTINGS.has(key) ? `${key}.value` : k, v, given[k]));
  }
  return (wanted ?? null) === (actual ?? null);
}

/** The version `indexedDocuments` gives a document whose sections were indexed at different versions. */
const SECTIONS_DISAGREE = '(sections disagree)';

/**
 * Where totals and facet counts come from. `documents` (the design in use): the hits from the
 * sections index in limit/offset mode, the exact total and every facet count from the counting
 * index of one record per document, in the same multi-search. `sections` (the former design,
 * kept as the bench's reference): everything from the sections index in page mode, where
 * Meilisearch must deduplicate every matching section to count documents — 3× the CPU.
 */
export type CountingIndex = 'documents' | 'sections';

/** The uids of the two indexes written together (the live pair, or a rebuild's staging pair). */
export interface IndexPair {
  sections: string;
  documents: string;
}

export interface SearchRequest {
  q: string;
  filters: SearchFilters;
  /** Hits to skip and to return; any offset works, not only whole pages. */
  offset: number;
  limit: number;
  /** `reviewed`: most recently reviewed first. */
  sort: 'relevance' | 'newest' | 'reviewed';
  /** Facets to count; only ask for what the page shows. */
  facets: readonly Facet[];
}

export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  documentId: string;
  externalId: string | null;
  slug: string;
  title: string;
  kind: string;
  publisher: string;
  jurisdictions: string[];
  publishedAt: string | null;
  superseded: boolean;
  section: { anchor: string; heading: string };
  snippet: SnippetPart[];
}

export interface SearchResult {
  hits: SearchHit[];
  facets: Record<Facet, Record<string, number>>;
  total: number;
  /**
   * The total is where the index stops counting, not the count: more documents may match (the
   * sections index counts up to MAX_TOTAL_HITS only).
   */
  totalIsLowerBound?: boolean;
  /** Meilisearch hit its ranking cutoff on one of the queries (a machine under load): not to be cached. */
  cutShort?: boolean;
}

export type Suggestion =
  | { type: 'document'; text: string; slug: string; kind: string }
  | { type: 'citation'; text: string };

// Markers that cannot occur in documents (control characters are stripped at indexing).
const PRE = '\u0002';
const POST = '\u0003';

/** Splits Meilisearch's highlighted text into plain parts: the SPA renders text, never HTML. */
export function toSnippet(formatted: string | undefined): SnippetPart[] {
  if (!formatted) return [];
  const parts: SnippetPart[] = [];
  const pattern = new RegExp(`${PRE}([^${POST}]*)${POST}`, 'g');
  let cursor = 0;
  for (const m of formatted.matchAll(pattern)) {
    if (m.index > cursor) parts.push({ text: formatted.slice(cursor, m.index), match: false });
    parts.push({ text: m[1] ?? '', match: true });
    cursor = m.index + m[0].length;
  }
  if (cursor < formatted.length) parts.push({ text: formatted.slice(cursor), match: false });
  return parts.map((p) => ({ ...p, text: p.text.replace(/[\u0000-\u0008\u000b-\u001f]/g, '') }));
}

/**
 * The passage that shows why a hit matched: the section's text where the words are; else the
 * document's summary when the words are there, or when the section is the untitled opening
 * (often a notice, not a preview); else the start of the section.
 */
// The untitled text before a document's first heading (INTRODUCTION_ANCHOR of @kb/markdown).
const OPENING_ANCHOR = 'introduction';

function snippetOf(hit: { anchor: string; _formatted?: Partial<Record<string, unknown>> }): SnippetPart[] {
  const body = toSnippet(hit._formatted?.body as string | undefined);
  if (body.some((p) => p.match)) return body;
  const summary = toSnippet(hit._formatted?.summary as string | undefined);
  if (summary.length > 0 && (summary.some((p) => p.match) || hit.anchor === OPENING_ANCHOR || body.length === 0)) {
    return summary;
  }
  return body;
}

const emptyFacets = (): Record<Facet, Record<string, number>> =>
  Object.fromEntries(FACETS.map((f) => [f, {}])) as unknown as Record<Facet, Record<string, number>>;

const RETRIEVED: Array<keyof SectionDocument> = [
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
  'superseded',
];

/**
 * When not every word of a query matches, a short query gives up its most common words first
 * (`frequency`): in "CMT theft arrest" the rare, telling words are kept. Citation keys are the
 * rarest words of all, so documents citing the provision asked for stay on top. A long query
 * comes ordered by weight and gives up its last words first (`last`; see prepareQuery).
 */
type MatchingStrategy = ReturnType<typeof prepareQuery>['matchingStrategy'];

/** The words of one citation in a document's citation list ("PC 273.5" of "PC 273.5; PC 243(e)(1)"). */
const citationText = (citations: string, found: { start: number; end: number }) =>
  citations.slice(found.start, found.end).trim();

/** How many documents a partial citation's suggestions count the provisions of ("H&S 113" → 11350, 11351…). */
const PREFIX_SUGGESTION_DOCUMENTS = 100;

/** The index synonyms of each vocabulary in use (built once: a search only looks words up). */
const synonymsByVocabulary = new WeakMap<SearchVocabulary, Record<string, string[]>>();

/**
 * A query that is one citation and nothing else ("PC 273.5" → capc273d5z; "8 USC
 * 1101(a)(43)(G)" → its parent's key and its own), asked as exact words ("\"capc273d5z\"")
 * unless a key has synonyms (a phrase's meaning: "PC 484" is petty theft); null when there is
 * nothing to make exact. A key is matched exactly either way (no typos on the key
 * attributes, never the word being typed), but asked as a plain word Meilisearch derives its
 * typos and tries every way to split it in two — on the counting index once per searchable
 * attribute, and each section's heading and body is one (80 of them) — so a citation search
 * cost several times a plain one. A quoted word is never given up by the matching strategy:
 * the same documents match as long as the own key is cited somewhere (every record citing a
 * provision holds its parent's key too); when it is not, the caller asks the plain words,
 * which give it up.
 */
export function exactCitation(text: string, keys: readonly string[], vocabulary: SearchVocabulary): string | null {
  const words = text.trim().split(' ');
  if (keys.length === 0 || keys.length > 2 || words.length !== keys.length || words.some((w, i) => w !== keys[i]))
    return null;
  // Two keys: one citation's parent and own key ("usc8s1101pap43z usc8s1101pap43pgz").
  if (keys.length === 2 && !(keys[1] as string).startsWith((keys[0] as string).slice(0, -1))) return null;
  let synonyms = synonymsByVocabulary.get(vocabulary);
  if (!synonyms) {
    synonyms = indexSynonyms(vocabulary);
    synonymsByVocabulary.set(vocabulary, synonyms);
  }
  if (keys.some((key) => Object.hasOwn(synonyms, key))) return null;
  return `${keys.map((key) => `"${key}"`).join(' ')} `;
}

/** The two indexes (sections and documents): the only code that talks to Meilisearch. */
export class SearchIndex {
  readonly client: Meilisearch;
  /** The sections index: one record per section, the hits and their snippets. */
  readonly uid: string;
  /** The counting index: one record per document, the totals and facet counts. */
  readonly documentsUid: string;
  private readonly searchTimeoutMs: number;
  /** Where totals and facet counts come from, unless a search says otherwise. */
  readonly countFrom: CountingIndex;
  /** The vocabulary the live index's synonyms were built from; queries are normalized with it. */
  private vocabulary: SearchVocabulary = { aliases: ABBREVIATIONS, phrases: [] };
  private readonly readings = new QueryReadings();

  constructor(options: {
    host: string;
    apiKey: string;
    prefix: string;
    timeoutMs?: number;
    searchTimeoutMs?: number;
    countFrom?: CountingIndex;
  }) {
    this.client = new Meilisearch({
      host: options.host,
      apiKey: options.apiKey,
      timeout: options.timeoutMs ?? 5_000,
      // Uncompressed answers: fetch asks for gzip by default, and Meilisearch's chunked gzip
      // stream cost 35–50 ms per search on the loopback (BENCHMARKS.md), more than the search.
      requestInit: { headers: { 'accept-encoding': 'identity' } },
    });
    this.uid = `${options.prefix}-sections`;
    this.documentsUid = `${options.prefix}-documents`;
    this.searchTimeoutMs = options.searchTimeoutMs ?? 3_000;
    this.countFrom = options.countFrom ?? 'documents';
  }

  /** The live pair of indexes. */
  get uids(): IndexPair {
    return { sections: this.uid, documents: this.documentsUid };
  }

  index(uid = this.uid): Index<SectionDocument> {
    return this.client.index<SectionDocument>(uid);
  }

  private records(uid = this.documentsUid): Index<DocumentRecord> {
    return this.client.index<DocumentRecord>(uid);
  }

  async isHealthy(): Promise<boolean> {
    try {
      // A stopped (not dead) Meilisearch accepts connections and never answers: bound the wait.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('health check timed out')), this.searchTimeoutMs);
      });
      await Promise.race([this.client.health(), timeout]).finally(() => clearTimeout(timer));
      return true;
    } catch {
      return false;
    }
  }

  /** The index synonyms of a vocabulary (see indexSynonyms). */
  static synonymsOf(vocabulary: SearchVocabulary): Record<string, string[]> {
    return indexSynonyms(vocabulary);
  }

  /** A fingerprint of the settings for this vocabulary: equal fingerprints, nothing to apply. */
  static settingsFingerprint(vocabulary: SearchVocabulary): string {
    const synonyms = SearchIndex.synonymsOf(vocabulary);
    return createHash('sha256')
      .update(JSON.stringify([indexSettings(synonyms), documentIndexSettings(synonyms)]))
      .digest('hex')
      .slice(0, 16);
  }

  private async ensureIndex(uid: string): Promise<void> {
    const existing = await this.client.getIndex(uid).catch((error: { cause?: { code?: string } }) => {
      if (error?.cause?.code === 'index_not_found') return null;
      throw error;
    });
    if (!existing) await this.client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 30_000 });
  }

  /**
   * Whether both live indexes already hold the settings for this vocabulary, as Meilisearch
   * reports them. A process starting (or hearing of a vocabulary change another replica
   * applied) then has nothing to apply: a settings task for unchanged settings is still a task,
   * and every document task waits behind it. False when in doubt (an index missing, a value
   * Meilisearch reports in another form): applying again is always correct.
   */
  async hasSettings(vocabulary: SearchVocabulary): Promise<boolean> {
    const synonyms = SearchIndex.synonymsOf(vocabulary);
    const pairs: Array<[Record<string, unknown>, () => Promise<unknown>]> = [
      [indexSettings(synonyms) as Record<string, unknown>, () => this.index().getSettings()],
      [documentIndexSettings(synonyms) as Record<string, unknown>, () => this.records().getSettings()],
    ];
    for (const [wanted, read] of pairs) {
      const actual = (await read().catch(() => null)) as Record<string, unknown> | null;
      if (!actual) return false;
      for (const [key, value] of Object.entries(wanted)) {
        if (!settingMatches(key, value, actual[key])) return false;
      }
    }
    return true;
  }

  /** Creates both indexes when missing and applies the settings from code (synonyms from `vocabulary`). */
  async applySettings(vocabulary: SearchVocabulary, uids: IndexPair = this.uids): Promise<void> {
    await this.ensureIndex(uids.sections);
    await this.ensureIndex(uids.documents);
    const synonyms = SearchIndex.synonymsOf(vocabulary);
    // Both tasks are enqueued before either is awaited: Meilisearch works on them together.
    const tasks = [
      this.index(uids.sections).updateSettings(indexSettings(synonyms)),
      this.records(uids.documents).updateSettings(documentIndexSettings(synonyms)),
    ];
    for (const pending of tasks) {
      const task = await pending.waitTask({ timeout: 120_000, interval: 50 });
      if (task.status !== 'succeeded') throw new Error(`settings update ${task.status}: ${task.error?.message ?? ''}`);
    }
    if (uids.sections === this.uid) this.vocabulary = vocabulary;
  }

  /** Uses this vocabulary for query normalization (the index's settings were applied elsewhere). */
  useVocabulary(vocabulary: SearchVocabulary): void {
    this.vocabulary = vocabulary;
  }

  /** What the search understood in a query (see understandQuery), read with the current vocabulary. */
  understand(q: string): UnderstoodQuery {
    return this.readings.understood(q, this.vocabulary);
  }

  /** The vocabulary queries are read with. */
  get currentVocabulary(): SearchVocabulary {
    return this.vocabulary;
  }

  /** The ids of the sections the index holds for these documents. */
  async sectionIdsOf(documentIds: string[], uid = this.uid): Promise<string[]> {
    const ids: string[] = [];
    const limit = 1000;
    for (let i = 0; i < documentIds.length; i += 100) {
      const chunk = documentIds.slice(i, i + 100);
      for (let offset = 0; ; offset += limit) {
        const page = await this.index(uid).getDocuments({
          filter: `documentId IN [${chunk.map((id) => JSON.stringify(id)).join(', ')}]`,
          fields: ['id'],
          limit,
          offset,
        });
        for (const doc of page.results) ids.push(doc.id);
        if (page.results.length < limit) break;
      }
    }
    return ids;
  }

  /**
   * Puts the given documents in both indexes — their sections, and their counting record —
   * and removes the sections that no longer exist, plus everything of `removedDocumentIds`.
   * Records are replaced by id first and leftovers deleted after, so a document never
   * disappears from search while it is updated; a publish is one task per index (nothing to
   * delete). All tasks are enqueued before any is awaited, and Meilisearch applies them in
   * that order, so both indexes hold the state given here when this resolves.
   *
   * The writes leave before the lookup of the sections to delete: a publish's tasks do not
   * wait for that round trip (one more Meilisearch read on a loaded machine). The lookup finds
   * the same leftovers whichever state it reads, since the writes only add the kept ids.
   */
  async sync(
    upserts: Array<{ documentId: string; sections: SectionDocument[] }>,
    removedDocumentIds: string[],
    uids: IndexPair = this.uids,
    timeoutMs = 30_000,
  ): Promise<void> {
    const docs = upserts.flatMap((u) => u.sections);
    const records = upserts.filter((u) => u.sections.length > 0).map((u) => toDocumentRecord(u.sections));
    const keep = new Set(docs.map((d) => d.id));
    const tasks = [];
    if (docs.length > 0) tasks.push(this.index(uids.sections).addDocuments(docs));
    if (records.length > 0) tasks.push(this.records(uids.documents).addDocuments(records));
    const [existing] = await Promise.all([
      this.sectionIdsOf([...upserts.map((u) => u.documentId), ...removedDocumentIds], uids.sections),
      ...tasks,
    ]);
    const leftovers = existing.filter((id) => !keep.has(id));
    const removedRecords = removedDocumentIds.map(recordId);
    // Enqueued after the writes above were (Promise.all): deleted after they are applied.
    if (leftovers.length > 0) tasks.push(this.index(uids.sections).deleteDocuments(leftovers));
    if (removedRecords.length > 0) tasks.push(this.records(uids.documents).deleteDocuments(removedRecords));
    for (const task of tasks) {
      const done = await task.waitTask({ timeout: timeoutMs, interval: 10 });
      if (done.status !== 'succeeded')
        throw new Error(`index task ${done.status}: ${done.error?.message ?? 'unknown'}`);
    }
  }

  /**
   * One search: the page of hits (one per document, its best section) and the facet counts.
   * Times out quickly so the caller can fall back instead of hanging.
   */
  async search(request: SearchRequest, countFrom: CountingIndex = this.countFrom): Promise<SearchResult> {
    const prepared = this.readings.prepared(request.q, this.vocabulary);
    const { text, prefixText, matchingStrategy } = prepared;
    const tieBreaker = tieBreakerOf(prepared, this.vocabulary);
    const exact = exactCitation(text, prepared.citationKeys, this.vocabulary);
    let result = await this.searchText(exact ?? text, request, countFrom, matchingStrategy, tieBreaker);
    // The provision's own key is cited nowhere: the plain words, which fall back to its parent.
    if (result.total === 0 && exact)
      result = await this.searchText(text, request, countFrom, matchingStrategy, tieBreaker);
    // A partial citation ("PC 273", "H&S 113") cited nowhere as such: the provisions it begins.
    if (result.total === 0 && prefixText)
      result = await this.searchText(prefixText, request, countFrom, 'frequency', tieBreaker);
    // Fewer hits than the count promises: a change has reached one index and not yet the other
    // (a first indexing, a write in flight). Count from the sections for this answer, as the
    // former design did, so a total never comes without its hits.
    // (Hits stop at MAX_TOTAL_HITS whatever the total: a window across it is not a lag.)
    const promised = Math.min(request.limit, Math.max(0, Math.min(result.total, MAX_TOTAL_HITS) - request.offset));
    if (countFrom === 'documents' && result.hits.length < promised) return this.search(request, 'sections');
    return result;
  }

  /** What decides a search's answer, as text: equal keys, equal answers from the same index state. */
  searchKey(request: SearchRequest, countFrom: CountingIndex = this.countFrom): string {
    const prepared = this.readings.prepared(request.q, this.vocabulary);
    const filters = Object.entries(request.filters)
      .filter(([facet, values]) => facet !== 'review' && Array.isArray(values) && values.length > 0)
      .map(([facet, values]) => [facet, [...new Set(values as string[])].sort()])
      .sort(([a], [b]) => String(a).localeCompare(String(b)));
    return JSON.stringify([
      prepared.text,
      prepared.prefixText ?? null,
      prepared.matchingStrategy,
      filters,
      request.filters.review ?? null,
      request.offset,
      request.limit,
      request.sort,
      [...request.facets].sort(),
      countFrom,
    ]);
  }

  private async searchText(
    text: string,
    request: SearchRequest,
    countFrom: CountingIndex,
    matchingStrategy: MatchingStrategy,
    tieBreaker: TieBreaker,
  ): Promise<SearchResult> {
    // Sorted by a date (newest, last reviewed; a query without words is sorted by date too).
    const newest = request.sort === 'newest' || request.sort === 'reviewed' || text.trim() === '';
    const sortRule = request.sort === 'reviewed' ? 'reviewedOn:desc' : 'publishedAt:desc';
    // The first results may be reordered (ties broken): a window touching them is served
    // from the top, so every page size sees the same order.
    const reordered = !newest && request.offset < TIE_WINDOW;
    const base: SearchParams = {
      q: text,
      attributesToRetrieve: RETRIEVED,
      attributesToHighlight: ['body', 'summary'],
      attributesToCrop: ['body', 'summary'],
      cropLength: 36,
      highlightPreTag: PRE,
      highlightPostTag: POST,
      sort: newest ? [sortRule] : undefined,
      filter: buildFilter(request.filters),
      matchingStrategy,
    };
    if (reordered) base.showRankingScoreDetails = true;
    // Disjunctive faceting: a facet with active values is counted without its own filter, so
    // the other values of that facet still show how many results choosing them would add.
    const activeFacets = request.facets.filter((f) => (request.filters[f]?.length ?? 0) > 0);
    const plainFacets = request.facets.filter((f) => !activeFacets.includes(f));
    // Counting queries: page mode (exact totals), no hits.
    const counting = (uid: string) =>
      activeFacets.map((facet) => ({
        indexUid: uid,
        q: text,
        matchingStrategy,
        filter: buildFilter(request.filters, facet),
        facets: [FACET_ATTRIBUTES[facet]],
        page: 1,
        hitsPerPage: 0,
      }));
    let window: { offset: number; limit: number };
    let queries: Array<SearchParams & { indexUid: string }>;
    if (countFrom === 'documents') {
      // The hits in limit/offset mode (Meilisearch stops once it has them); the total and every
      // count from one record per document, where counting needs no deduplication.
      window = reordered
        ? { offset: 0, limit: Math.max(request.offset + request.limit, TIE_WINDOW) }
        : { offset: request.offset, limit: request.limit };
      queries = [
        { indexUid: this.uid, ...base, offset: window.offset, limit: window.limit },
        {
          indexUid: this.documentsUid,
          q: text,
          matchingStrategy,
          filter: buildFilter(request.filters),
          facets: plainFacets.map((f) => FACET_ATTRIBUTES[f]),
          page: 1,
          hitsPerPage: 0,
        },
        ...counting(this.documentsUid),
      ];
    } else {
      // Whole pages are asked as pages (exact totals); an odd offset is served from the top.
      const aligned = !reordered && request.offset % request.limit === 0;
      const hitsPerPage = aligned
        ? request.limit
        : Math.max(request.offset + request.limit, reordered ? TIE_WINDOW : 0);
      window = aligned ? { offset: request.offset, limit: request.limit } : { offset: 0, limit: hitsPerPage };
      queries = [
        {
          indexUid: this.uid,
          ...base,
          page: aligned ? request.offset / request.limit + 1 : 1,
          hitsPerPage,
          facets: plainFacets.map((f) => FACET_ATTRIBUTES[f]),
        },
        ...counting(this.uid),
      ];
    }
    const { results } = (await this.client.multiSearch(
      { queries },
      { signal: AbortSignal.timeout(this.searchTimeoutMs) },
    )) as { results: SearchResponse<SectionDocument>[] };
    const [main, ...rest] = results;
    if (!main) throw new Error('empty multi-search answer');
    const totals = countFrom === 'documents' ? rest[0] : main;
    const facetResults = countFrom === 'documents' ? rest.slice(1) : rest;
    if (!totals) throw new Error('multi-search answer without counts');
    const facets = emptyFacets();
    const fill = (facet: Facet, response: SearchResponse<SectionDocument> | undefined) => {
      facets[facet] = (response?.facetDistribution?.[FACET_ATTRIBUTES[facet]] as Record<string, number>) ?? {};
    };
    for (const facet of plainFacets) fill(facet, totals);
    for (const [i, facet] of activeFacets.entries()) fill(facet, facetResults[i]);
    const ranked = reordered ? breakTies(main.hits, tieBreaker) : main.hits;
    const total = totals.totalHits ?? totals.estimatedTotalHits ?? main.hits.length;
    const skip = request.offset - window.offset;
    const hits = ranked.slice(skip, skip + request.limit);
    return {
      hits: hits.map((hit) => ({
        documentId: hit.documentId,
        externalId: hit.externalId ?? null,
        slug: hit.slug,
        title: hit.title,
        kind: hit.kind,
        publisher: hit.publisher,
        jurisdictions: hit.jurisdictions ?? [],
        publishedAt: hit.publishedAt ? new Date(hit.publishedAt * 1000).toISOString().slice(0, 10) : null,
        superseded: Boolean(hit.superseded),
        section: { anchor: hit.anchor, heading: hit.heading },
        snippet: snippetOf(hit),
      })),
      facets,
      total,
      ...(total >= (countFrom === 'documents' ? MAX_COUNTED_DOCUMENTS : MAX_TOTAL_HITS)
        ? { totalIsLowerBound: true }
        : {}),
      ...(results.some((r) => (r.processingTimeMs ?? 0) >= SEARCH_CUTOFF_MS) ? { cutShort: true } : {}),
    };
  }

  /**
   * As-you-type suggestions from the index (published only, like every reader query):
   * document titles, and the citations those documents cite that match what was typed.
   */
  async suggest(q: string, limit: number): Promise<Suggestion[]> {
    const { text, citationKeys, prefixText } = prepareQuery(q, this.vocabulary);
    const ask = (words: string, documents = Math.max(limit, 8)) =>
      this.index().search<SectionDocument>(
        words,
        {
          limit: documents,
          filter: buildFilter({}),
          attributesToRetrieve: ['slug', 'title', 'kind', 'citations'],
          attributesToSearchOn: ['title', 'titleKeys', 'identityKeys', 'citationKeys', 'citations'],
          matchingStrategy: 'all',
        },
        { signal: AbortSignal.timeout(this.searchTimeoutMs) },
      );
    let response = await ask(text);
    // A partial citation ("PC 273"): the provisions it begins, the most cited first.
    const prefix = response.hits.length === 0 && prefixText ? prefixText.split(' ').at(-1) : undefined;
    // Counted over every document citing one (one hit per document): counted over the first
    // eight, a provision fewer documents cite came and went with the order of tied hits.
    if (prefix) response = await ask(prefixText as string, PREFIX_SUGGESTION_DOCUMENTS);
    const titles: Suggestion[] = response.hits
      .slice(0, limit)
      .map((h) => ({ type: 'document', text: h.title, slug: h.slug, kind: h.kind }));
    const typed = q.trim().toLowerCase();
    const citations = new Map<string, { suggestion: Suggestion; count: number; first: number }>();
    for (const hit of response.hits) {
      for (const citation of hit.citations ?? []) {
        for (const found of findCitations(citation)) {
          const own = found.keys.at(-1) ?? '';
          const matches = prefix
            ? own.startsWith(prefix)
            : (citationKeys.length > 0 && citationKeys.some((k) => found.keys.includes(k))) ||
              (typed.length >= 2 && citation.toLowerCase().includes(typed));
          if (!matches) continue;
          // One suggestion per provision, however its documents spell it.
          const key = prefix ? (found.keys[0] ?? own) : citation.toLowerCase();
          const entry = citations.get(key);
          if (entry) entry.count++;
          else
            citations.set(key, {
              suggestion: { type: 'citation', text: prefix ? citationText(citation, found) : citation },
              count: 1,
              first: citations.size,
            });
        }
      }
    }
    const ranked = [...citations.values()].sort((a, b) => b.count - a.count || a.first - b.first);
    return [...titles, ...ranked.slice(0, limit).map((c) => c.suggestion)];
  }

  /** How many sections and documents the live indexes hold, and whether Meilisearch is indexing. */
  async stats(): Promise<{ sections: number; documents: number | null; isIndexing: boolean }> {
    const stats = await this.index().getStats();
    const documents = await this.records()
      .getStats()
      .then(
        (s) => s.numberOfDocuments,
        () => null,
      );
    return { sections: stats.numberOfDocuments, documents, isIndexing: stats.isIndexing };
  }

  /**
   * Each indexed document's id with the version it was indexed at, in one of the two indexes.
   * A document whose sections disagree has no version (SECTIONS_DISAGREE), so it is stale
   * whichever section is the odd one out.
   */
  async indexedDocuments(which: keyof IndexPair = 'sections'): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    const limit = 1000;
    const index = which === 'sections' ? this.index() : this.records();
    for (let offset = 0; ; offset += limit) {
      const page = await index.getDocuments({ fields: ['documentId', 'version'], limit, offset });
      for (const doc of page.results) {
        const seen = result.get(doc.documentId);
        result.set(doc.documentId, seen === undefined || seen === doc.version ? doc.version : SECTIONS_DISAGREE);
      }
      if (page.results.length < limit) break;
    }
    return result;
  }

  /**
   * Builds both indexes afresh beside the live ones, fills them, then swaps both pairs in one
   * atomic task, so searches keep answering from the old pair until the new one is complete,
   * and never see a new sections index with an old counting index.
   */
  async rebuild(
    vocabulary: SearchVocabulary,
    fill: (push: (docs: SectionDocument[]) => Promise<void>) => Promise<void>,
  ): Promise<void> {
    const staging: IndexPair = { sections: `${this.uid}_rebuild`, documents: `${this.documentsUid}_rebuild` };
    await this.client.deleteIndexIfExists(staging.sections);
    await this.client.deleteIndexIfExists(staging.documents);
    await this.applySettings(vocabulary, staging);
    await this.ensureIndex(this.uid);
    await this.ensureIndex(this.documentsUid);
    await fill(async (docs) => {
      if (docs.length === 0) return;
      const byDocument = new Map<string, SectionDocument[]>();
      for (const doc of docs) byDocument.set(doc.documentId, [...(byDocument.get(doc.documentId) ?? []), doc]);
      const records = [...byDocument.values()].map(toDocumentRecord);
      const tasks = [
        this.index(staging.sections).addDocuments(docs),
        this.records(staging.documents).addDocuments(records),
      ];
      for (const pending of tasks) {
        const task = await pending.waitTask({ timeout: 600_000 });
        if (task.status !== 'succeeded') throw new Error(`reindex batch ${task.status}: ${task.error?.message ?? ''}`);
      }
    });
    const swap = await this.client
      .swapIndexes([
        { indexes: [this.uid, staging.sections], rename: false },
        { indexes: [this.documentsUid, staging.documents], rename: false },
      ])
      .waitTask({ timeout: 60_000 });
    if (swap.status !== 'succeeded') throw new Error(`index swap ${swap.status}: ${swap.error?.message ?? ''}`);
    this.vocabulary = vocabulary;
    await this.client.deleteIndex(staging.sections).waitTask({ timeout: 60_000 });
    await this.client.deleteIndex(staging.documents).waitTask({ timeout: 60_000 });
  }

  /** Deletes both live indexes (tests and benches cleaning up after themselves). */
  async dropIndexes(): Promise<void> {
    await this.client.deleteIndexIfExists(this.uid).catch(() => {});
    await this.client.deleteIndexIfExists(this.documentsUid).catch(() => {});
  }
}

/** A document's id in the counting index (Meilisearch ids allow [A-Za-z0-9_-]). */
const recordId = (documentId: string) => documentId.replace(/-/g, '');
