import type { CurrencyFields, DocumentListItem, DocumentView } from '@kb/contracts';
import { type Database, documentSections, documents, organizations, revisions } from '@kb/db';
import { and, asc, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { contentOf } from './documents.content';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The document row for an id or a slug. */
export async function findDocumentByIdOrSlug(db: Database, idOrSlug: string) {
  const where = UUID.test(idOrSlug) ? eq(documents.id, idOrSlug) : eq(documents.slug, idOrSlug);
  const [row] = await db.select().from(documents).where(where);
  return row;
}

/** A document as seen through one of its revisions, with sections and supersession links. */
export async function documentView(
  db: Database,
  doc: typeof documents.$inferSelect,
  revisionId: string,
): Promise<Omit<DocumentView, keyof typeof CurrencyFields> | null> {
  const [revision] = await db.select().from(revisions).where(eq(revisions.id, revisionId));
  if (!revision) return null;
  const successor = alias(documents, 'successor');
  const successorRevision = alias(revisions, 'successor_revision');
  const [supersededBy] = doc.supersededById
    ? await db
        .select({ id: successor.id, slug: successor.slug, title: successorRevision.title })
        .from(successor)
        .innerJoin(successorRevision, eq(successorRevision.id, successor.publishedRevisionId))
        .where(and(eq(successor.id, doc.supersededById), eq(successor.status, 'published')))
    : [];
  const supersedes = await db
    .select({ id: documents.id, slug: documents.slug, title: revisions.title })
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .where(and(eq(documents.supersededById, doc.id), eq(documents.status, 'published')));
  const sections = await db
    .select({
      anchor: documentSections.anchor,
      heading: documentSections.heading,
      level: documentSections.level,
      chapterAnchor: documentSections.chapterAnchor,
      body: documentSections.body,
    })
    .from(documentSections)
    .where(eq(documentSections.revisionId, revision.id))
    .orderBy(asc(documentSections.position));
  const [owner] = doc.organizationId
    ? await db
        .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, doc.organizationId))
    : [];
  // Readers get the body as sections.
  const { body: _body, ...metadata } = contentOf(revision);
  return {
    organization: owner ?? null,
    id: doc.id,
    externalId: doc.externalId,
    slug: doc.slug,
    status: doc.status,
    revisionId: revision.id,
    revisionNumber: revision.number,
    ...metadata,
    source: revision.source,
    publishedAt: doc.publishedAt?.toISOString() ?? null,
    updatedAt: doc.updatedAt.toISOString(),
    supersededBy: supersededBy ?? null,
    supersedes,
    sections,
  };
}

/**
 * Lists documents. Readers see published documents through their published revision;
 * editors see every document through its latest revision.
 */
export async function listDocuments(
  db: Database,
  options: {
    audience: 'reader' | 'editor';
    status?: string;
    kind?: string;
    q?: string;
    sort?: 'newest' | 'updated' | 'title';
    /** Only this organization's documents ('none': no document). */
    organizationId?: string;
    page: number;
    perPage: number;
  },
): Promise<{ items: DocumentListItem[]; total: number }> {
  const revisionColumn = options.audience === 'reader' ? documents.publishedRevisionId : documents.headRevisionId;
  const filters: SQL[] = [];
  if (options.audience === 'reader') filters.push(eq(documents.status, 'published'));
  else if (options.status) filters.push(eq(documents.status, options.status as 'draft'));
  if (options.kind) filters.push(eq(revisions.kind, options.kind));
  if (options.organizationId) {
    filters.push(options.organizationId === 'none' ? sql`false` : eq(documents.organizationId, options.organizationId));
  }
  if (options.q) {
    const pattern = `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(revisions.title, pattern), ilike(documents.slug, pattern));
    if (match) filters.push(match);
  }
  const where = filters.length > 0 ? and(...filters) : undefined;
  const order =
    options.sort === 'title'
      ? [asc(revisions.title)]
      : options.sort === 'updated'
        ? [desc(documents.updatedAt)]
        : [sql`${revisions.documentDate} desc nulls last`, desc(documents.updatedAt)];
  const rows = await db
    .select({
      id: documents.id,
      slug: documents.slug,
      status: documents.status,
      updatedAt: documents.updatedAt,
      supersededById: documents.supersededById,
      headRevisionId: documents.headRevisionId,
      publishedRevisionId: documents.publishedRevisionId,
      title: revisions.title,
      kind: revisions.kind,
      publisher: revisions.publisher,
      organizationId: organizations.id,
      organizationSlug: organizations.slug,
      organizationName: organizations.name,
      summary: revisions.summary,
      jurisdictions: revisions.jurisdictions,
      documentDate: revisions.documentDate,
      total: sql<number>`count(*) over ()`,
    })
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, revisionColumn))
    .leftJoin(organizations, eq(organizations.id, documents.organizationId))
    .where(where)
    .orderBy(...order)
    .limit(options.perPage)
    .offset((options.page - 1) * options.perPage);
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      kind: r.kind as DocumentListItem['kind'],
      status: r.status,
      publisher: r.publisher,
      organization:
        r.organizationId && r.organizationSlug && r.organizationName
          ? { id: r.organizationId, slug: r.organizationSlug, name: r.organizationName }
          : null,
      summary: r.summary,
      jurisdictions: r.jurisdictions,
      documentDate: r.documentDate,
      updatedAt: r.updatedAt.toISOString(),
      superseded: r.supersededById !== null,
      hasUnpublishedChanges: r.status === 'published' && r.headRevisionId !== r.publishedRevisionId,
    })),
  };
}
