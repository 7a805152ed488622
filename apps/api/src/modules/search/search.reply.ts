import {
  DOCUMENT_KINDS,
  SEARCH_FACETS,
  type SearchHit,
  type SearchResponse,
  type UnderstoodQuery,
} from '@kb/contracts';
import type { SearchHit as IndexHit } from '@kb/search';
import type { PublishedState } from './search.repository';

/** A hit PostgreSQL says may be shown, with what it says about the document now. */
export interface CheckedHit {
  hit: IndexHit;
  state: PublishedState;
  reviewOverdue: boolean;
}

/** What a search answers, its hits still in two parts: the index's (shared) and PostgreSQL's (per request). */
export interface SearchParts extends Omit<SearchResponse, 'hits' | 'relaxed' | 'answer' | 'degraded'> {
  hits: CheckedHit[];
}

const kindOf = (kind: string) => (kind in DOCUMENT_KINDS ? kind : 'advisory') as SearchHit['kind'];

/** A checked hit as the API answers it. Field by field: one object shape, and nothing the contract does not name. */
export const toSearchHit = ({ hit, state, reviewOverdue }: CheckedHit): SearchHit => ({
  documentId: hit.documentId,
  externalId: hit.externalId ?? null,
  slug: hit.slug,
  title: hit.title,
  kind: kindOf(hit.kind),
  publisher: hit.publisher,
  jurisdictions: hit.jurisdictions,
  publishedAt: hit.publishedAt ?? null,
  section: { anchor: hit.section.anchor, heading: hit.section.heading },
  snippet: hit.snippet.map((part) => ({ text: part.text, match: part.match })),
  superseded: state.superseded,
  supersededBy: state.supersededBy && { slug: state.supersededBy.slug, title: state.supersededBy.title },
  lastReviewedAt: state.lastReviewedAt ?? null,
  revisionNumber: state.revisionNumber ?? null,
  reviewOverdue,
  needsReview: state.needsReview,
});

export const toSearchResponse = (parts: SearchParts): Omit<SearchResponse, 'relaxed' | 'answer' | 'degraded'> => ({
  ...parts,
  hits: parts.hits.map(toSearchHit),
});

/*
 * The same answer as text, for the hot path. A cached Meilisearch answer's hits, facets and
 * reading of the query are the same objects for every reader who asks it, so their JSON is
 * made once and kept beside them (weakly: it goes when the cache lets the answer go); only
 * what PostgreSQL says per request (the hit's published state, its review) is written each
 * time. Serializing the whole answer against its schema was a ninth of a cached search's CPU.
 * `search.reply.test.ts` holds the text to the object path's answer, field for field.
 */
const heads = new WeakMap<IndexHit, string>();
const facetsTexts = new WeakMap<object, string>();
const understoodTexts = new WeakMap<UnderstoodQuery, string>();

/** The index's part of a hit, as JSON without its closing brace. */
function headOf(hit: IndexHit): string {
  let head = heads.get(hit);
  if (head === undefined) {
    const { superseded, supersededBy, lastReviewedAt, revisionNumber, reviewOverdue, needsReview, ...shared } =
      toSearchHit({ hit, state: UNUSED_STATE, reviewOverdue: false });
    head = JSON.stringify(shared).slice(0, -1);
    heads.set(hit, head);
  }
  return head;
}

const UNUSED_STATE: PublishedState = {
  superseded: false,
  supersededBy: null,
  lastReviewedAt: null,
  revisionNumber: null,
  needsReview: false,
};

const nullable = (value: string | number | null) => (value === null ? 'null' : JSON.stringify(value));

function hitText({ hit, state, reviewOverdue }: CheckedHit): string {
  const successor = state.supersededBy
    ? JSON.stringify({ slug: state.supersededBy.slug, title: state.supersededBy.title })
    : 'null';
  return `${headOf(hit)},"superseded":${state.superseded === true},"supersededBy":${successor},"lastReviewedAt":${nullable(state.lastReviewedAt ?? null)},"revisionNumber":${nullable(state.revisionNumber ?? null)},"reviewOverdue":${reviewOverdue === true},"needsReview":${state.needsReview === true}}`;
}

function facetsText(facets: SearchResponse['facets']): string {
  let text = facetsTexts.get(facets);
  if (text === undefined) {
    const counts: Record<string, Record<string, number>> = {};
    for (const facet of SEARCH_FACETS) counts[facet] = facets[facet];
    text = JSON.stringify(counts);
    facetsTexts.set(facets, text);
  }
  return text;
}

function understoodText(understood: UnderstoodQuery): string {
  let text = understoodTexts.get(understood);
  if (text === undefined) {
    text = JSON.stringify({
      citations: understood.citations,
      phrases: understood.phrases.map((p) => ({ phrase: p.phrase, meanings: p.meanings })),
      jurisdictions: understood.jurisdictions,
    });
    understoodTexts.set(understood, text);
  }
  return text;
}

const integer = (n: number) => String(Math.trunc(n));

/** `toSearchResponse(parts)` as JSON text, the shared parts written once per cached answer. */
export function searchResponseText(parts: SearchParts): string {
  let text = '{"hits":[';
  for (let i = 0; i < parts.hits.length; i++) {
    if (i > 0) text += ',';
    text += hitText(parts.hits[i] as CheckedHit);
  }
  text += `],"facets":${facetsText(parts.facets)},"total":${integer(parts.total)}`;
  if (parts.totalIsLowerBound) text += `,"totalIsLowerBound":true`;
  text += `,"page":${integer(parts.page)},"perPage":${integer(parts.perPage)},"offset":${integer(parts.offset)},"tookMs":${integer(parts.tookMs)},"reviewStaleMonths":${integer(parts.reviewStaleMonths)}`;
  if (parts.understood) text += `,"understood":${understoodText(parts.understood)}`;
  return `${text}}`;
}
