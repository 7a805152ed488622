import type { DocumentKind, RelatedDocument } from '@kb/contracts';
import { PRIMARY_SOURCE_KINDS } from '@kb/contracts';
import { documents, revisions, type Tx } from '@kb/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';

/* Related documents ------------------------------------------------------------------------ */

/**
 * Published documents sharing taxonomy tags with the given ones. A shared tag counts more the
 * fewer documents carry it, so two advisories on "aggravated felony — theft (G)" rank above
 * two that merely both mention aggravated felonies. Current guidance comes before superseded.
 */
export async function relatedDocuments(
  db: Tx,
  documentId: string,
  tags: { offenseTypes: string[]; consequences: string[] },
  limit = 6,
): Promise<RelatedDocument[]> {
  if (tags.offenseTypes.length === 0 && tags.consequences.length === 0) return [];
  const result = await db.execute<{
    id: string;
    slug: string;
    title: string;
    kind: string;
    publisher: string;
    document_date: string | null;
    superseded: boolean;
    shared: string[];
  }>(sql`
    with mine as (
      select t.id, t.code from taxonomy_terms t
      where (t.vocabulary = 'offense_type' and t.code = any(${sql.param(tags.offenseTypes)}::text[]))
         or (t.vocabulary = 'consequence' and t.code = any(${sql.param(tags.consequences)}::text[]))
    ),
    weights as (
      select dt.term_id, 1.0 / count(*) as weight
      from document_terms dt join mine on mine.id = dt.term_id
      group by dt.term_id
    ),
    scored as (
      select dt.document_id, sum(w.weight) as score, array_agg(mine.code order by w.weight desc) as shared
      from document_terms dt
      join weights w on w.term_id = dt.term_id
      join mine on mine.id = dt.term_id
      where dt.document_id <> ${documentId}
      group by dt.document_id
    )
    select d.id, d.slug, r.title, r.kind, r.publisher, r.document_date::text as document_date,
           (d.superseded_by_id is not null) as superseded, s.shared
    from scored s
    join documents d on d.id = s.document_id and d.status = 'published'
    join revisions r on r.id = d.published_revision_id
    where d.superseded_by_id is distinct from ${documentId}
    order by (d.superseded_by_id is null) desc, s.score desc, r.document_date desc nulls last, r.title
    limit ${limit}
  `);
  return result.rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    kind: r.kind as DocumentKind,
    publisher: r.publisher,
    documentDate: r.document_date,
    superseded: r.superseded,
    sharedTerms: r.shared,
  }));
}

/**
 * Changes whenever a published primary source changes (publishing bumps documents.updated_at),
 * and differs between databases.
 */
export async function publishedFingerprint(db: Tx): Promise<string> {
  const [stamp] = await db
    .select({
      database: sql<string>`current_database()`,
      n: sql<number>`count(*)`,
      last: sql<string>`coalesce(max(${documents.updatedAt})::text, '')`,
    })
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .where(and(eq(documents.status, 'published'), inArray(revisions.kind, PRIMARY_SOURCE_KINDS)));
  return `${stamp?.database}|${stamp?.n}|${stamp?.last}`;
}

/**
 * Published primary sources (statutes, regulations, decisions) with their own citations, oldest
 * document first: where several hold one provision the first is the one citations resolve to,
 * so the order must not depend on where PostgreSQL happens to store the rows (publishing a
 * document rewrites its row at the end of the table, which re-pointed every link citing it).
 */
export async function publishedPrimarySources(db: Tx) {
  return db
    .select({
      id: documents.id,
      slug: documents.slug,
      title: revisions.title,
      kind: revisions.kind,
      citations: revisions.citations,
    })
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .where(and(eq(documents.status, 'published'), inArray(revisions.kind, PRIMARY_SOURCE_KINDS)))
    .orderBy(asc(documents.createdAt), asc(documents.id));
}

/** The published primary sources' published revisions, in the same order, without their text. */
export async function publishedPrimarySourceRevisions(db: Tx) {
  return db
    .select({ id: documents.id, slug: documents.slug, kind: revisions.kind, revisionId: revisions.id })
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .where(and(eq(documents.status, 'published'), inArray(revisions.kind, PRIMARY_SOURCE_KINDS)))
    .orderBy(asc(documents.createdAt), asc(documents.id));
}

/** The titles and citations of these revisions (in chunks: a query has at most 65,535 parameters). */
export async function revisionTitlesAndCitations(db: Tx, ids: string[]) {
  const rows: Array<{ id: string; title: string; citations: string[] }> = [];
  for (let i = 0; i < ids.length; i += 5_000) {
    rows.push(
      ...(await db
        .select({ id: revisions.id, title: revisions.title, citations: revisions.citations })
        .from(revisions)
        .where(inArray(revisions.id, ids.slice(i, i + 5_000)))),
    );
  }
  return rows;
}

/** The citations and tags of one of this document's revisions. */
export async function revisionCitationsAndTags(db: Tx, documentId: string, revisionId: string) {
  const [revision] = await db
    .select({
      citations: revisions.citations,
      offenseTypes: revisions.offenseTypes,
      consequences: revisions.consequences,
    })
    .from(revisions)
    .where(and(eq(revisions.id, revisionId), eq(revisions.documentId, documentId)));
  return revision;
}
