import { type Index, Meilisearch, type SearchParams, type SearchResponse } from 'meilisearch';
import { rewriteCitationQuery } from './citations';
import { buildFilter, type FacetFilters } from './filters';
import type { SectionDocument } from './section-document';
import { FACET_ATTRIBUTES, FACETS, type Facet, indexSettings } from './settings';

export interface SearchRequest {
  q: string;
  filters: FacetFilters;
  page: number;
  perPage: number;
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
  page: number;
  perPage: number;
}

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

const emptyFacets = (): Record<Facet, Record<string, number>> =>
  Object.fromEntries(FACETS.map((f) => [f, {}])) as unknown as Record<Facet, Record<string, number>>;

/** The sections index: the only code that talks to Meilisearch. */
export class SearchIndex {
  readonly client: Meilisearch;
  readonly uid: string;

  constructor(options: { host: string; apiKey: string; prefix: string; timeoutMs?: number }) {
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout: options.timeoutMs ?? 5_000 });
    this.uid = `${options.prefix}-sections`;
  }

  index(uid = this.uid): Index<SectionDocument> {
    return this.client.index<SectionDocument>(uid);
  }

  async isHealthy(): Promise<boolean> {
    try {
      await this.client.health();
      return true;
    } catch {
      return false;
    }
  }

  /** Creates the index when missing and applies the settings from code. */
  async applySettings(synonyms: Record<string, string[]>, uid = this.uid): Promise<void> {
    const existing = await this.client.getIndex(uid).catch(() => null);
    if (!existing) await this.client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 30_000 });
    const task = await this.index(uid).updateSettings(indexSettings(synonyms)).waitTask({ timeout: 120_000 });
    if (task.status !== 'succeeded') throw new Error(`settings update ${task.status}: ${task.error?.message ?? ''}`);
  }

  async updateSynonyms(synonyms: Record<string, string[]>): Promise<void> {
    await this.index().updateSynonyms(synonyms).waitTask({ timeout: 60_000 });
  }

  /**
   * Puts the given documents' sections in the index and removes the ones that no longer
   * exist, plus every section of `removedDocumentIds`. Replacing by id first, then deleting
   * leftovers, means a document never disappears from search while it is being updated.
   */
  async sync(
    upserts: Array<{ documentId: string; sections: SectionDocument[] }>,
    removedDocumentIds: string[],
    uid = this.uid,
    timeoutMs = 30_000,
  ): Promise<void> {
    const index = this.index(uid);
    const tasks = [];
    const docs = upserts.flatMap((u) => u.sections);
    if (docs.length > 0) tasks.push(index.addDocuments(docs));
    for (const upsert of upserts) {
      tasks.push(
        index.deleteDocuments({
          filter: `documentId = ${JSON.stringify(upsert.documentId)} AND NOT id IN [${upsert.sections.map((s) => JSON.stringify(s.id)).join(', ')}]`,
        }),
      );
    }
    if (removedDocumentIds.length > 0) {
      tasks.push(
        index.deleteDocuments({
          filter: `documentId IN [${removedDocumentIds.map((id) => JSON.stringify(id)).join(', ')}]`,
        }),
      );
    }
    for (const task of tasks) {
      const done = await task.waitTask({ timeout: timeoutMs, interval: 20 });
      if (done.status !== 'succeeded')
        throw new Error(`index task ${done.status}: ${done.error?.message ?? 'unknown'}`);
    }
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const { text } = rewriteCitationQuery(request.q.trim());
    const base: SearchParams = {
      q: text,
      attributesToRetrieve: [
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
      ],
      attributesToHighlight: ['body'],
      attributesToCrop: ['body'],
      cropLength: 36,
      highlightPreTag: PRE,
      highlightPostTag: POST,
      page: request.page,
      hitsPerPage: request.perPage,
      sort: request.sort === 'newest' ? ['publishedAt:desc'] : undefined,
      filter: buildFilter(request.filters),
      matchingStrategy: 'last',
    };
    // Disjunctive faceting: a facet with active values is counted without its own filter, so
    // the other values of that facet still show how many results choosing them would add.
    const activeFacets = request.facets.filter((f) => (request.filters[f]?.length ?? 0) > 0);
    const plainFacets = request.facets.filter((f) => !activeFacets.includes(f));
    const queries = [
      { indexUid: this.uid, ...base, facets: plainFacets.map((f) => FACET_ATTRIBUTES[f]) },
      ...activeFacets.map((facet) => ({
        indexUid: this.uid,
        q: text,
        matchingStrategy: 'last' as const,
        filter: buildFilter(request.filters, facet),
        facets: [FACET_ATTRIBUTES[facet]],
        limit: 0,
      })),
    ];
    const { results } = (await this.client.multiSearch({ queries })) as { results: SearchResponse<SectionDocument>[] };
    const [main, ...facetResults] = results;
    if (!main) throw new Error('empty multi-search answer');
    const facets = emptyFacets();
    const fill = (facet: Facet, response: SearchResponse<SectionDocument> | undefined) => {
      facets[facet] = (response?.facetDistribution?.[FACET_ATTRIBUTES[facet]] as Record<string, number>) ?? {};
    };
    for (const facet of plainFacets) fill(facet, main);
    for (const [i, facet] of activeFacets.entries()) fill(facet, facetResults[i]);
    return {
      hits: main.hits.map((hit) => ({
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
        snippet: toSnippet(hit._formatted?.body as string | undefined),
      })),
      facets,
      total: main.totalHits ?? main.estimatedTotalHits ?? main.hits.length,
      page: request.page,
      perPage: request.perPage,
    };
  }

  /** As-you-type document titles (published only, like every reader query). */
  async suggestTitles(q: string, limit: number): Promise<Array<{ slug: string; title: string; kind: string }>> {
    const { text } = rewriteCitationQuery(q);
    const response = await this.index().search(text, {
      limit,
      filter: buildFilter({}),
      attributesToRetrieve: ['slug', 'title', 'kind'],
      attributesToSearchOn: ['title', 'citationKeys', 'citations'],
    });
    return response.hits.map((h) => ({ slug: h.slug, title: h.title, kind: h.kind }));
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
    synonyms: Record<string, string[]>,
    fill: (push: (docs: SectionDocument[]) => Promise<void>) => Promise<void>,
  ): Promise<void> {
    const staging = `${this.uid}_rebuild`;
    await this.client.deleteIndexIfExists(staging);
    await this.applySettings(synonyms, staging);
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
    await this.client.deleteIndex(staging).waitTask({ timeout: 60_000 });
  }
}
