import { PRIMARY_SOURCE_KINDS } from '@kb/contracts';
import { citationLinks, documents, organizations, revisions, type Tx } from '@kb/db';
import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';

export interface LinkRow {
  position: number;
  citation: string;
  normalized: string;
  caseName: string | null;
  targetDocumentId: string | null;
}

/** Replaces a document's citation links (its published revision's citations; none: unpublished). */
export async function replaceCitationLinks(tx: Tx, documentId: string, links: LinkRow[]): Promise<void> {
  await tx.delete(citationLinks).where(eq(citationLinks.documentId, documentId));
  if (links.length > 0) await tx.insert(citationLinks).values(links.map((l) => ({ documentId, ...l })));
}

/** Links a newly published primary source may now resolve: external ones, and those already pointing at it. */
export async function linksToResolveAgain(tx: Tx, sourceId: string) {
  return tx
    .select({
      documentId: citationLinks.documentId,
      position: citationLinks.position,
      citation: citationLinks.citation,
      targetDocumentId: citationLinks.targetDocumentId,
    })
    .from(citationLinks)
    .where(or(isNull(citationLinks.targetDocumentId), eq(citationLinks.targetDocumentId, sourceId)));
}

export async function setLinkTarget(tx: Tx, documentId: string, position: number, target: string | null) {
  await tx
    .update(citationLinks)
    .set({ targetDocumentId: target })
    .where(and(eq(citationLinks.documentId, documentId), eq(citationLinks.position, position)));
}

export function isPrimarySourceKind(kind: string): boolean {
  return (PRIMARY_SOURCE_KINDS as string[]).includes(kind);
}

/** Every published document with its published revision's citations (a whole rebuild). */
export async function publishedCitations(tx: Tx) {
  return tx
    .select({ id: documents.id, citations: revisions.citations })
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .where(eq(documents.status, 'published'));
}

export async function clearCitationLinks(tx: Tx): Promise<void> {
  await tx.delete(citationLinks);
}

/* Reading the graph ---------------------------------------------------------------------- */

const citingColumns = {
  id: documents.id,
  slug: documents.slug,
  title: revisions.title,
  kind: revisions.kind,
  publishedAt: documents.publishedAt,
  organizationId: organizations.id,
  organizationSlug: organizations.slug,
  organizationName: organizations.name,
  total: sql<number>`count(*) over ()`,
};

/**
 * Published documents (and entries) whose citations name the authority `authorityKey`
 * (`doc:<id>`, `card:<slug>`, `cite:<normalized>`), newest first, with their total.
 */
export async function citingDocuments(tx: Tx, authorityKey: string, limit: number) {
  const citing = sql`(select distinct ca.document_id from citation_authorities ca where ca.authority_key = ${authorityKey})`;
  return tx
    .select(citingColumns)
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .leftJoin(organizations, eq(organizations.id, documents.organizationId))
    .where(and(eq(documents.status, 'published'), sql`${documents.id} in ${citing}`))
    .orderBy(desc(documents.publishedAt), desc(documents.id))
    .limit(limit);
}

/** Citing-document counts by authority key (for lists of authorities). */
export async function citingCounts(tx: Tx, authorityKeys: string[]): Promise<Map<string, number>> {
  if (authorityKeys.length === 0) return new Map();
  const result = await tx.execute<{ authority_key: string; n: string }>(sql`
    select ca.authority_key, count(distinct ca.document_id) as n
    from citation_authorities ca join documents d on d.id = ca.document_id and d.status = 'published'
    where ca.authority_key = any(${sql.param(authorityKeys)}::text[])
    group by ca.authority_key`);
  return new Map(result.rows.map((r) => [r.authority_key, Number(r.n)]));
}

export type CitesRow = {
  position: number;
  citation: string;
  normalized: string;
  authority_key: string;
  target_id: string | null;
  target_slug: string | null;
  target_title: string | null;
  target_kind: string | null;
  card_slug: string | null;
  card_name: string | null;
  status: string | null;
  date: string | null;
  by: string | null;
  note: string | null;
  set_at: string | null;
};

/** A document's citations as the graph holds them (its published revision's), with their authorities' status. */
export async function citesOf(tx: Tx, documentId: string): Promise<CitesRow[]> {
  const result = await tx.execute<CitesRow>(sql`
    select ca.position, ca.citation, ca.normalized, ca.authority_key,
           t.id as target_id, t.slug as target_slug, tr.title as target_title, tr.kind as target_kind,
           c.slug as card_slug, c.name as card_name,
           s.status, s.date::text as date, s.by, s.note, s.set_at::text as set_at
    from citation_authorities ca
    left join documents t on t.id = ca.target_document_id and t.status = 'published'
    left join revisions tr on tr.id = t.published_revision_id
    left join authority_cards c on c.slug = ca.card_slug
    left join current_authority_statuses s on s.authority_key = ca.authority_key and s.status <> 'good'
    where ca.document_id = ${documentId}
    order by ca.position`);
  return result.rows;
}

/** The current (flagged) statuses of these authorities: none for one never flagged, or cleared. */
export async function currentStatuses(tx: Tx, authorityKeys: string[]) {
  if (authorityKeys.length === 0) return [];
  const result = await tx.execute<{
    authority_key: string;
    status: string;
    date: string;
    by: string;
    note: string;
    set_at: string;
  }>(sql`
    select authority_key, status, date::text as date, by, note, set_at::text as set_at
    from current_authority_statuses
    where authority_key = any(${sql.param(authorityKeys)}::text[]) and status <> 'good'`);
  return result.rows;
}

export type ReasonRow = {
  document_id: string;
  citation: string;
  authority_key: string;
  status: string;
  date: string;
  by: string;
  note: string;
  set_at: string;
  target_id: string | null;
  target_slug: string | null;
  target_title: string | null;
  card_slug: string | null;
  card_name: string | null;
};

/** Why each of these published documents needs review (none: it does not). */
export async function reviewReasonsOf(tx: Tx, documentIds: string[]): Promise<ReasonRow[]> {
  if (documentIds.length === 0) return [];
  const result = await tx.execute<ReasonRow>(sql`
    select rr.document_id, rr.citation, rr.authority_key, rr.status, rr.date::text as date, rr.by, rr.note,
           rr.set_at::text as set_at, t.id as target_id, t.slug as target_slug, tr.title as target_title,
           c.slug as card_slug, c.name as card_name
    from document_review_reasons rr
    left join documents t on t.id = rr.target_document_id
    left join revisions tr on tr.id = t.published_revision_id
    left join authority_cards c on c.slug = rr.card_slug
    where rr.document_id = any(${sql.param(documentIds)}::uuid[])
    order by rr.set_at desc`);
  return result.rows;
}

/** Published documents citing `authorityKey` that need review because of it. */
export async function documentsNeedingReviewFor(tx: Tx, authorityKey: string): Promise<string[]> {
  const result = await tx.execute<{ document_id: string }>(sql`
    select distinct document_id from document_review_reasons where authority_key = ${authorityKey}`);
  return result.rows.map((r) => r.document_id);
}

/** Published documents citing `authorityKey` (whatever their review state). */
export async function publishedCiting(tx: Tx, authorityKey: string): Promise<string[]> {
  const result = await tx.execute<{ document_id: string }>(sql`
    select distinct ca.document_id from citation_authorities ca
    join documents d on d.id = ca.document_id and d.status = 'published'
    where ca.authority_key = ${authorityKey}`);
  return result.rows.map((r) => r.document_id);
}
