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
 * The same answer as JSON bytes, for the hot path. A cached Meilisearch answer's hits, facets and
 * reading of the query are the same objects for every reader who asks it, so their JSON is
 * made once and kept beside them (weakly: it goes when the cache lets the answer go); only
 * what PostgreSQL says per request (the hit's published state, its review) is written each
 * time. Serializing the whole answer against its schema was a ninth of a cached search's CPU.
 * `search.reply.test.ts` holds the JSON to the object path's answer, field for field.
 */
const heads = new WeakMap<IndexHit, Buffer>();
const facetsJson = new WeakMap<object, Buffer>();
const understoodJson = new WeakMap<UnderstoodQuery, Buffer>();

/** The index's part of a hit, as JSON (UTF-8) without its closing brace. */
function headOf(hit: IndexHit): Buffer {
  let head = heads.get(hit);
  if (head === undefined) {
    const { superseded, supersededBy, lastReviewedAt, revisionNumber, reviewOverdue, needsReview, ...shared } =
      toSearchHit({ hit, state: UNUSED_STATE, reviewOverdue: false });
    head = Buffer.from(JSON.stringify(shared).slice(0, -1));
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

/** PostgreSQL's part of a hit, written for each request, with the hit's closing brace. */
function hitTail({ state, reviewOverdue }: CheckedHit): string {
  const successor = state.supersededBy
    ? JSON.stringify({ slug: state.supersededBy.slug, title: state.supersededBy.title })
    : 'null';
  return `,"superseded":${state.superseded === true},"supersededBy":${successor},"lastReviewedAt":${nullable(state.lastReviewedAt ?? null)},"revisionNumber":${nullable(state.revisionNumber ?? null)},"reviewOverdue":${reviewOverdue === true},"needsReview":${state.needsReview === true}}`;
}

function facetsOf(facets: SearchResponse['facets']): Buffer {
  let json = facetsJson.get(facets);
  if (json === undefined) {
    const counts: Record<string, Record<string, number>> = {};
    for (const facet of SEARCH_FACETS) counts[facet] = facets[facet];
    json = Buffer.from(JSON.stringify(counts));
    facetsJson.set(facets, json);
  }
  return json;
}

function understoodOf(understood: UnderstoodQuery): Buffer {
  let json = understoodJson.get(understood);
  if (json === undefined) {
    json = Buffer.from(
      JSON.stringify({
        citations: understood.citations,
        phrases: understood.phrases.map((p) => ({ phrase: p.phrase, meanings: p.meanings })),
        jurisdictions: understood.jurisdictions,
      }),
    );
    understoodJson.set(understood, json);
  }
  return json;
}

const integer = (n: number) => String(Math.trunc(n));

/** The pieces in one buffer: one allocation, the shared pieces copied, the others encoded once. */
function joined(pieces: (Buffer | string)[]): Buffer {
  let length = 0;
  for (const piece of pieces) length += typeof piece === 'string' ? Buffer.byteLength(piece) : piece.length;
  const out = Buffer.allocUnsafe(length);
  let at = 0;
  for (const piece of pieces) at += typeof piece === 'string' ? out.write(piece, at) : piece.copy(out, at);
  return out;
}

/**
 * `toSearchResponse(parts)` as JSON (UTF-8), the shared parts encoded once per cached answer:
 * sent as bytes, the answer is neither built as one long string nor encoded again for the socket.
 */
export function searchResponseJson(parts: SearchParts): Buffer {
  const pieces: (Buffer | string)[] = ['{"hits":['];
  for (let i = 0; i < parts.hits.length; i++) {
    const checked = parts.hits[i] as CheckedHit;
    if (i > 0) pieces.push(',');
    pieces.push(headOf(checked.hit), hitTail(checked));
  }
  pieces.push('],"facets":', facetsOf(parts.facets));
  let rest = `,"total":${integer(parts.total)}`;
  if (parts.totalIsLowerBound) rest += `,"totalIsLowerBound":true`;
  rest += `,"page":${integer(parts.page)},"perPage":${integer(parts.perPage)},"offset":${integer(parts.offset)},"tookMs":${integer(parts.tookMs)},"reviewStaleMonths":${integer(parts.reviewStaleMonths)}`;
  if (parts.understood) pieces.push(`${rest},"understood":`, understoodOf(parts.understood), '}');
  else pieces.push(`${rest}}`);
  return joined(pieces);
}
