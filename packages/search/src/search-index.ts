import { createHash } from 'node:crypto';
import { type Index, Meilisearch, type SearchParams, type SearchResponse } from 'meilisearch';
import { ABBREVIATIONS } from './abbreviations';
import { findCitations } from './citations';
import { buildFilter, type FacetFilters } from './filters';
import { prepareQuery } from './query';
import type { SectionDocument } from './section-document';
import { buildSynonyms, FACET_ATTRIBUTES, FACETS, type Facet, indexSettings } from './settings';
import { addPhraseSynonyms, type SearchVocabulary } from './vocabulary';

export interface SearchRequest {
  q: string;
  filters: FacetFilters;
  /** Hits to skip and to return; any offset works, not only whole pages. */
  offset: number;
  limit: number;
  sort: 'relevance' | 'newest';
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
 * When not every word of a query matches, the most common words are dropped first: in
 * "undocumented client theft arrest" the rare, telling words ("theft", a citation key) are
 * kept and "client" goes. Citation keys are the rarest words of all, so documents citing the
 * provision asked for stay on top.
 */
const MATCHING_STRATEGY = 'frequency' as const;

/** The words of one citation in a document's citation list ("PC 273.5" of "PC 273.5; PC 243(e)(1)"). */
const citationText = (citations: string, found: { start: number; end: number }) =>
  citations.slice(found.start, found.end).trim();

/** How far down the first page an advisory is looked for (see advisoryInTopThree). */
const ADVISORY_WINDOW = 10;

type RankedHit = { kind: string; superseded: boolean; _rankingScoreDetails?: { words?: { matchingWords?: number } } };
const wordsMatched = (hit: RankedHit) => hit._rankingScoreDetails?.words?.matchingWords ?? 0;

/**
 * Practice advisories are what the library exists for: when none is among the first three
 * results but a current one matches as many of the query's words further down the first
 * page, it takes the third place. A statute or regulation matching on its title ("Detainer
 * provisions") then still comes first, and the lawyer also sees the guidance that applies it.
 */
export function advisoryInTopThree<T extends RankedHit>(hits: T[]): T[] {
  if (hits.length <= 3 || hits.slice(0, 3).some((h) => h.kind === 'advisory')) return hits;
  const third = hits[2] as T;
  const index = hits
    .slice(0, ADVISORY_WINDOW)
    .findIndex((h, i) => i >= 3 && h.kind === 'advisory' && !h.superseded && wordsMatched(h) >= wordsMatched(third));
  if (index < 0) return hits;
  const reordered = [...hits];
  const [advisory] = reordered.splice(index, 1);
  reordered.splice(2, 0, advisory as T);
  return reordered;
}

/** The sections index: the only code that talks to Meilisearch. */
export class SearchIndex {
  readonly client: Meilisearch;
  readonly uid: string;
  private readonly searchTimeoutMs: number;
  /** The vocabulary the live index's synonyms were built from; queries are normalized with it. */
  private vocabulary: SearchVocabulary = { aliases: ABBREVIATIONS, phrases: [] };

  constructor(options: { host: string; apiKey: string; prefix: string; timeoutMs?: number; searchTimeoutMs?: number }) {
    this.client = new Meilisearch({
      host: options.host,
      apiKey: options.apiKey,
      timeout: options.timeoutMs ?? 5_000,
      // Uncompressed answers: fetch asks for gzip by default, and Meilisearch's chunked gzip
      // stream cost 35–50 ms per search on the loopback (BENCHMARKS.md), more than the search.
      requestInit: { headers: { 'accept-encoding': 'identity' } },
    });
    this.uid = `${options.prefix}-sections`;
    this.searchTimeoutMs = options.searchTimeoutMs ?? 3_000;
  }

  index(uid = this.uid): Index<SectionDocument> {
    return this.client.index<SectionDocument>(uid);
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

  /** The index synonyms of a vocabulary: abbreviations both ways, the lawyer's phrases one way. */
  static synonymsOf(vocabulary: SearchVocabulary): Record<string, string[]> {
    return addPhraseSynonyms(buildSynonyms(vocabulary.aliases), vocabulary.phrases);
  }

  /** A fingerprint of the settings for this vocabulary: equal fingerprints, nothing to apply. */
  static settingsFingerprint(vocabulary: SearchVocabulary): string {
    return createHash('sha256')
      .update(JSON.stringify(indexSettings(SearchIndex.synonymsOf(vocabulary))))
      .digest('hex')
      .slice(0, 16);
  }

  /** Creates the index when missing and applies the settings from code (synonyms from `vocabulary`). */
  async applySettings(vocabulary: SearchVocabulary, uid = this.uid): Promise<void> {
    const existing = await this.client.getIndex(uid).catch((error: { cause?: { code?: string } }) => {
      if (error?.cause?.code === 'index_not_found') return null;
      throw error;
    });
    if (!existing) await this.client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 30_000 });
    const task = await this.index(uid)
      .updateSettings(indexSettings(SearchIndex.synonymsOf(vocabulary)))
      .waitTask({ timeout: 120_000, interval: 50 });
    if (task.status !== 'succeeded') throw new Error(`settings update ${task.status}: ${task.error?.message ?? ''}`);
    if (uid === this.uid) this.vocabulary = vocabulary;
  }

  /** Uses this vocabulary for query normalization (the index's settings were applied elsewhere). */
  useVocabulary(vocabulary: SearchVocabulary): void {
    this.vocabulary = vocabulary;
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
   * Puts the given documents' sections in the index and removes the ones that no longer
   * exist, plus every section of `removedDocumentIds`. Sections are replaced by id first and
   * leftovers deleted after, so a document never disappears from search while it is updated;
   * a publish is one indexing task (nothing to delete), which keeps publish-to-searchable short.
   */
  async sync(
    upserts: Array<{ documentId: string; sections: SectionDocument[] }>,
    removedDocumentIds: string[],
    uid = this.uid,
    timeoutMs = 30_000,
  ): Promise<void> {
    const index = this.index(uid);
    const docs = upserts.flatMap((u) => u.sections);
    const keep = new Set(docs.map((d) => d.id));
    const existing = await this.sectionIdsOf([...upserts.map((u) => u.documentId), ...removedDocumentIds], uid);
    const leftovers = existing.filter((id) => !keep.has(id));
    const tasks = [];
    if (docs.length > 0) tasks.push(index.addDocuments(docs));
    if (leftovers.length > 0) tasks.push(index.deleteDocuments(leftovers));
    for (const task of tasks) {
      const done = await task.waitTask({ timeout: timeoutMs, interval: 20 });
      if (done.status !== 'succeeded')
        throw new Error(`index task ${done.status}: ${done.error?.message ?? 'unknown'}`);
    }
  }

  /**
   * One search: the page of hits (one per document, its best section) and the facet counts.
   * Times out quickly so the caller can fall back instead of hanging.
   */
  async search(request: SearchRequest): Promise<SearchResult> {
    const { text, prefixText } = prepareQuery(request.q, this.vocabulary);
    const result = await this.searchText(text, request);
    // A partial citation ("PC 273", "H&S 113") cited nowhere as such: the provisions it begins.
    if (result.total === 0 && prefixText) return this.searchText(prefixText, request);
    return result;
  }

  private async searchText(text: string, request: SearchRequest): Promise<SearchResult> {
    // Any offset: whole pages are asked as pages (exact totals); an odd offset is served from
    // the top (page mode: exact totals too).
    const newest = request.sort === 'newest' || text.trim() === '';
    // The first results may be reordered (an advisory in the first three): a window touching
    // them is served from the top, so every page size sees the same order.
    const reordered = !newest && request.offset < ADVISORY_WINDOW;
    const aligned = !reordered && request.offset % request.limit === 0;
    const page = aligned ? request.offset / request.limit + 1 : 1;
    const hitsPerPage = aligned
      ? request.limit
      : Math.max(request.offset + request.limit, reordered ? ADVISORY_WINDOW : 0);
    const base: SearchParams = {
      q: text,
      attributesToRetrieve: RETRIEVED,
      attributesToHighlight: ['body', 'summary'],
      attributesToCrop: ['body', 'summary'],
      cropLength: 36,
      highlightPreTag: PRE,
      highlightPostTag: POST,
      page,
      hitsPerPage,
      sort: newest ? ['publishedAt:desc'] : undefined,
      filter: buildFilter(request.filters),
      matchingStrategy: MATCHING_STRATEGY,
    };
    if (reordered) base.showRankingScoreDetails = true;
    // Disjunctive faceting: a facet with active values is counted without its own filter, so
    // the other values of that facet still show how many results choosing them would add.
    const activeFacets = request.facets.filter((f) => (request.filters[f]?.length ?? 0) > 0);
    const plainFacets = request.facets.filter((f) => !activeFacets.includes(f));
    const queries = [
      { indexUid: this.uid, ...base, facets: plainFacets.map((f) => FACET_ATTRIBUTES[f]) },
      ...activeFacets.map((facet) => ({
        indexUid: this.uid,
        q: text,
        matchingStrategy: MATCHING_STRATEGY,
        filter: buildFilter(request.filters, facet),
        facets: [FACET_ATTRIBUTES[facet]],
        // Page mode (not limit/offset): only then are facet values counted once per document.
        page: 1,
        hitsPerPage: 0,
      })),
    ];
    const { results } = (await this.client.multiSearch(
      { queries },
      { signal: AbortSignal.timeout(this.searchTimeoutMs) },
    )) as { results: SearchResponse<SectionDocument>[] };
    const [main, ...facetResults] = results;
    if (!main) throw new Error('empty multi-search answer');
    const facets = emptyFacets();
    const fill = (facet: Facet, response: SearchResponse<SectionDocument> | undefined) => {
      facets[facet] = (response?.facetDistribution?.[FACET_ATTRIBUTES[facet]] as Record<string, number>) ?? {};
    };
    for (const facet of plainFacets) fill(facet, main);
    for (const [i, facet] of activeFacets.entries()) fill(facet, facetResults[i]);
    const ranked = reordered ? advisoryInTopThree(main.hits) : main.hits;
    const hits = aligned ? ranked : ranked.slice(request.offset, request.offset + request.limit);
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
      total: main.totalHits ?? main.estimatedTotalHits ?? main.hits.length,
    };
  }

  /**
   * As-you-type suggestions from the index (published only, like every reader query):
   * document titles, and the citations those documents cite that match what was typed.
   */
  async suggest(q: string, limit: number): Promise<Suggestion[]> {
    const { text, citationKeys, prefixText } = prepareQuery(q, this.vocabulary);
    const ask = (words: string) =>
      this.index().search<SectionDocument>(
        words,
        {
          limit: Math.max(limit, 8),
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
    if (prefix) response = await ask(prefixText as string);
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

  /** How many sections the live index holds, and whether Meilisearch is indexing right now. */
  async stats(): Promise<{ sections: number; isIndexing: boolean }> {
    const stats = await this.index().getStats();
    return { sections: stats.numberOfDocuments, isIndexing: stats.isIndexing };
  }

  /** Each indexed document's id with the version it was indexed at. */
  async indexedDocuments(): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    const limit = 1000;
    for (let offset = 0; ; offset += limit) {
      const page = await this.index().getDocuments({ fields: ['documentId', 'version'], limit, offset });
      for (const doc of page.results) result.set(doc.documentId, doc.version);
      if (page.results.length < limit) break;
    }
    return result;
  }

  /**
   * Builds a fresh index beside the live one, fills it, then swaps the two atomically, so
   * searches keep answering from the old index until the new one is complete.
   */
  async rebuild(
    vocabulary: SearchVocabulary,
    fill: (push: (docs: SectionDocument[]) => Promise<void>) => Promise<void>,
  ): Promise<void> {
    const staging = `${this.uid}_rebuild`;
    await this.client.deleteIndexIfExists(staging);
    await this.applySettings(vocabulary, staging);
    const live = await this.client.getIndex(this.uid).catch(() => null);
    if (!live) await this.client.createIndex(this.uid, { primaryKey: 'id' }).waitTask({ timeout: 30_000 });
    await fill(async (docs) => {
      if (docs.length === 0) return;
      const task = await this.index(staging).addDocuments(docs).waitTask({ timeout: 600_000 });
      if (task.status !== 'succeeded') throw new Error(`reindex batch ${task.status}: ${task.error?.message ?? ''}`);
    });
    const swap = await this.client
      .swapIndexes([{ indexes: [this.uid, staging], rename: false }])
      .waitTask({ timeout: 60_000 });
    if (swap.status !== 'succeeded') throw new Error(`index swap ${swap.status}: ${swap.error?.message ?? ''}`);
    this.vocabulary = vocabulary;
    await this.client.deleteIndex(staging).waitTask({ timeout: 60_000 });
  }
}
