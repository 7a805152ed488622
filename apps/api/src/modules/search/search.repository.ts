import { type Database, documentSections, documents, revisions, searchOutbox, taxonomyTerms } from '@kb/db';
import type { PublishedDocumentInput, TermInfo } from '@kb/search';
import { and, asc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../documents/documents.repository';

export interface Vocabulary {
  offenseTypes: Map<string, TermInfo>;
  consequences: Map<string, TermInfo>;
}

export async function loadVocabulary(db: Tx): Promise<Vocabulary> {
  const parent = alias(taxonomyTerms, 'parent');
  const rows = await db
    .select({
      vocabulary: taxonomyTerms.vocabulary,
      code: taxonomyTerms.code,
      label: taxonomyTerms.label,
      synonyms: taxonomyTerms.synonyms,
      parentCode: parent.code,
    })
    .from(taxonomyTerms)
    .leftJoin(parent, eq(parent.id, taxonomyTerms.parentId))
    .orderBy(asc(taxonomyTerms.position));
  const vocabulary: Vocabulary = { offenseTypes: new Map(), consequences: new Map() };
  for (const row of rows) {
    const map = row.vocabulary === 'offense_type' ? vocabulary.offenseTypes : vocabulary.consequences;
    map.set(row.code, { code: row.code, label: row.label, synonyms: row.synonyms, parentCode: row.parentCode });
  }
  return vocabulary;
}

/** The published documents among `ids` (or a page of all, for a reindex), with their sections. */
export async function loadPublished(
  db: Tx,
  selection: { ids: string[] } | { after: string | null; limit: number },
): Promise<PublishedDocumentInput[]> {
  const where =
    'ids' in selection
      ? and(eq(documents.status, 'published'), inArray(documents.id, selection.ids))
      : and(
          eq(documents.status, 'published'),
          isNotNull(documents.publishedRevisionId),
          selection.after ? gt(documents.id, selection.after) : undefined,
        );
  const query = db
    .select({
      id: documents.id,
      externalId: documents.externalId,
      slug: documents.slug,
      supersededById: documents.supersededById,
      revisionId: revisions.id,
      title: revisions.title,
      kind: revisions.kind,
      publisher: revisions.publisher,
      audience: revisions.audience,
      summary: revisions.summary,
      jurisdictions: revisions.jurisdictions,
      offenseTypes: revisions.offenseTypes,
      consequences: revisions.consequences,
      citations: revisions.citations,
      documentDate: revisions.documentDate,
    })
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .where(where)
    .orderBy(asc(documents.id));
  const rows = 'ids' in selection ? await query : await query.limit(selection.limit);
  if (rows.length === 0) return [];
  const sections = await db
    .select({
      revisionId: documentSections.revisionId,
      position: documentSections.position,
      anchor: documentSections.anchor,
      heading: documentSections.heading,
      body: documentSections.body,
    })
    .from(documentSections)
    .where(
      inArray(
        documentSections.revisionId,
        rows.map((r) => r.revisionId),
      ),
    )
    .orderBy(asc(documentSections.position));
  const byRevision = new Map<string, typeof sections>();
  for (const s of sections) {
    const list = byRevision.get(s.revisionId) ?? [];
    list.push(s);
    byRevision.set(s.revisionId, list);
  }
  return rows.map((r) => ({
    id: r.id,
    externalId: r.externalId,
    slug: r.slug,
    title: r.title,
    kind: r.kind,
    publisher: r.publisher,
    audience: r.audience,
    summary: r.summary,
    jurisdictions: r.jurisdictions,
    offenseTypes: r.offenseTypes,
    consequences: r.consequences,
    citations: r.citations,
    documentDate: r.documentDate,
    superseded: r.supersededById !== null,
    revisionId: r.revisionId,
    sections: byRevision.get(r.revisionId) ?? [],
  }));
}

export async function outboxStatus(db: Database) {
  const [row] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${searchOutbox.attempts} = 0)`,
      failing: sql<number>`count(*) filter (where ${searchOutbox.attempts} > 0)`,
      oldest: sql<Date | null>`min(${searchOutbox.enqueuedAt})`,
      lastError: sql<
        string | null
      >`(array_agg(${searchOutbox.lastError} order by ${searchOutbox.id} desc) filter (where ${searchOutbox.lastError} is not null))[1]`,
    })
    .from(searchOutbox);
  return {
    pending: Number(row?.pending ?? 0),
    failing: Number(row?.failing ?? 0),
    oldestEnqueuedAt: row?.oldest ? new Date(row.oldest) : null,
    lastError: row?.lastError ?? null,
  };
}
