/**
 * The citation graph: which published documents cite which authorities. Written in the
 * publish transaction from the published revision's citations, resolved to the primary
 * sources the library holds (documents.related.ts), the rest kept external under one
 * normalized key; authority cards match external citations by that key or the case name.
 * Read here for a document's "Cited by", "Cites", own status and review reasons.
 */
import {
  type AuthorityStatus,
  type AuthorityStatusCode,
  CITED_BY_LIMIT,
  type CitedAuthority,
  type CitingItem,
  type DocumentKind,
  type ReviewReason,
  readerPath,
} from '@kb/contracts';
import type { Database, Tx } from '@kb/db';
import { findCitations } from '@kb/search';
import {
  type CitesRow,
  citesOf,
  citingDocuments,
  clearCitationLinks,
  currentStatuses,
  documentsNeedingReviewFor,
  isPrimarySourceKind,
  type LinkRow,
  linksToResolveAgain,
  publishedCitations,
  publishedCiting,
  type ReasonRow,
  replaceCitationLinks,
  reviewReasonsOf,
  setLinkTarget,
} from './documents.citations.repository';
import { type CitationIndex, caseName, citationIndex, reporterKeys, resolveCitation } from './documents.related';
import { publishedDocumentRef } from './documents.repository';

/** The key a citation meets its authority on (see CitedAuthority.normalized), and its case name. */
export function citationKey(text: string): { normalized: string; caseName: string | null } {
  const name = caseName(text);
  const reporter = reporterKeys(text)[0];
  if (reporter) return { normalized: reporter, caseName: name };
  const provision = findCitations(text)[0]?.keys.at(-1);
  if (provision) return { normalized: provision, caseName: null };
  if (name) return { normalized: name, caseName: name };
  return { normalized: text.toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 500), caseName: null };
}

/** How the graph names an authority: a held document, an authority card, or a bare citation. */
export const authorityKeyOf = {
  document: (id: string) => `doc:${id}`,
  card: (slug: string) => `card:${slug}`,
  citation: (normalized: string) => `cite:${normalized}`,
};

function linksFor(index: CitationIndex, documentId: string, citations: string[]): LinkRow[] {
  return citations.map((citation, position) => {
    const target = resolveCitation(index, citation);
    return {
      position,
      citation,
      ...citationKey(citation),
      targetDocumentId: target && target.id !== documentId ? target.id : null,
    };
  });
}

/**
 * Rewrites a document's links from the revision it publishes (null: it is no longer
 * published). A primary source just published may be what earlier citations named: those
 * still external (or pointing at it) are resolved again.
 */
export async function writeCitationLinks(
  tx: Tx,
  documentId: string,
  revision: { kind: string; citations: string[] } | null,
): Promise<void> {
  const citations = revision?.citations ?? [];
  const index =
    citations.length > 0 || (revision && isPrimarySourceKind(revision.kind)) ? await citationIndex(tx) : null;
  await replaceCitationLinks(tx, documentId, index ? linksFor(index, documentId, citations) : []);
  if (index && revision && isPrimarySourceKind(revision.kind)) {
    for (const link of await linksToResolveAgain(tx, documentId)) {
      const target = resolveCitation(index, link.citation);
      const targetId = target && target.id !== link.documentId ? target.id : null;
      if (targetId !== link.targetDocumentId) await setLinkTarget(tx, link.documentId, link.position, targetId);
    }
  }
}

/** Rebuilds the whole graph from the published revisions (a backfill, or new resolution rules). */
export async function rebuildCitationGraph(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    await clearCitationLinks(tx);
    const index = await citationIndex(tx);
    const rows = await publishedCitations(tx);
    for (const row of rows) await replaceCitationLinks(tx, row.id, linksFor(index, row.id, row.citations));
    return rows.length;
  });
}

/* Reading -------------------------------------------------------------------------------- */

/**
 * The published primary source an authority status names: by id, or the one a citation
 * resolves to. Its citation is its own first one (else its title).
 */
export async function heldAuthority(
  tx: Tx,
  by: { documentId: string } | { citation: string },
): Promise<{ id: string; slug: string; title: string; citation: string } | undefined> {
  let id: string | undefined;
  if ('documentId' in by) id = by.documentId;
  else id = resolveCitation(await citationIndex(tx), by.citation)?.id;
  if (!id) return undefined;
  const doc = await publishedDocumentRef(tx, id);
  if (!doc || !isPrimarySourceKind(doc.kind)) return undefined;
  return { id: doc.id, slug: doc.slug, title: doc.title, citation: doc.citations[0] ?? doc.title };
}

/** Published documents citing an authority, whatever their review state / those it makes need review. */
export { documentsNeedingReviewFor as needingReviewFor, publishedCiting };

const iso = (text: string) => new Date(text).toISOString();

function statusOf(row: { status: string; date: string; by: string; note: string; set_at: string }): AuthorityStatus {
  return {
    status: row.status as AuthorityStatusCode,
    date: row.date,
    by: row.by,
    note: row.note,
    setAt: iso(row.set_at),
  };
}

export async function authorityStatusOf(tx: Tx, authorityKey: string): Promise<AuthorityStatus | null> {
  return (await authorityStatusesOf(tx, [authorityKey])).get(authorityKey) ?? null;
}

/** The current statuses of these authorities, by key; one never flagged (or cleared) has none. */
export async function authorityStatusesOf(tx: Tx, authorityKeys: string[]): Promise<Map<string, AuthorityStatus>> {
  return new Map((await currentStatuses(tx, authorityKeys)).map((row) => [row.authority_key, statusOf(row)]));
}

/** Published documents citing an authority, newest first (at most CITED_BY_LIMIT), and how many in all. */
export async function citedBy(tx: Tx, authorityKey: string): Promise<{ items: CitingItem[]; count: number }> {
  const rows = await citingDocuments(tx, authorityKey, CITED_BY_LIMIT);
  return {
    count: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      kind: r.kind as DocumentKind,
      path: readerPath(r),
      publishedAt: r.publishedAt?.toISOString() ?? null,
      organization:
        r.organizationId && r.organizationSlug && r.organizationName
          ? { id: r.organizationId, slug: r.organizationSlug, name: r.organizationName }
          : null,
    })),
  };
}

function citedAuthority(row: CitesRow): CitedAuthority {
  return {
    citation: row.citation,
    normalized: row.normalized,
    document:
      row.target_id && row.target_slug && row.target_title
        ? { id: row.target_id, slug: row.target_slug, title: row.target_title, kind: row.target_kind as DocumentKind }
        : null,
    authority: row.card_slug && row.card_name ? { slug: row.card_slug, name: row.card_name } : null,
    status:
      row.status && row.date && row.set_at
        ? statusOf({ status: row.status, date: row.date, by: row.by ?? '', note: row.note ?? '', set_at: row.set_at })
        : null,
  };
}

function reviewReason(row: ReasonRow): ReviewReason {
  return {
    citation: row.citation,
    name: row.target_title ?? row.card_name ?? row.citation,
    ...statusOf(row),
    document:
      row.target_id && row.target_slug && row.target_title
        ? { id: row.target_id, slug: row.target_slug, title: row.target_title }
        : null,
    authority: row.card_slug && row.card_name ? { slug: row.card_slug, name: row.card_name } : null,
  };
}

/** Review reasons of published documents, one per flagged authority, newest flag first. */
export async function reviewReasons(tx: Tx, documentIds: string[]): Promise<Map<string, ReviewReason[]>> {
  const byDocument = new Map<string, ReviewReason[]>();
  const seen = new Set<string>();
  for (const row of await reviewReasonsOf(tx, documentIds)) {
    const key = `${row.document_id}|${row.authority_key}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const list = byDocument.get(row.document_id) ?? [];
    list.push(reviewReason(row));
    byDocument.set(row.document_id, list);
  }
  return byDocument;
}

/**
 * A document's currency as readers see its published revision: who cites it, what it cites,
 * its own status as an authority, and why it needs review. A draft (or a revision that is
 * not the published one) has no place in the graph: its `cites` come from its own citations.
 */
export async function documentCurrency(
  tx: Tx,
  documentId: string,
  options: { published: boolean; citations: string[] },
) {
  const key = authorityKeyOf.document(documentId);
  const [cited, status, reasons] = await Promise.all([
    citedBy(tx, key),
    authorityStatusOf(tx, key),
    options.published ? reviewReasons(tx, [documentId]) : Promise.resolve(new Map<string, ReviewReason[]>()),
  ]);
  const cites = options.published
    ? (await citesOf(tx, documentId)).map(citedAuthority)
    : options.citations.map((citation) => ({
        citation,
        normalized: citationKey(citation).normalized,
        document: null,
        authority: null,
        status: null,
      }));
  const reviewReasonsList = reasons.get(documentId) ?? [];
  return {
    citedBy: cited.items,
    citedByCount: cited.count,
    cites,
    authorityStatus: status,
    needsReview: reviewReasonsList.length > 0,
    reviewReasons: reviewReasonsList,
  };
}
