import type { Bookmark, BookmarkSort } from '@kb/contracts';
import { bookmarks, type Database, documentSections, documents, folders, revisions, type Tx } from '@kb/db';
import { and, asc, count, desc, eq, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

export type FolderRow = typeof folders.$inferSelect;
export type BookmarkRow = typeof bookmarks.$inferSelect;

/* Folders ---------------------------------------------------------------------------------- */

export async function listFoldersWithCounts(db: Tx, userId: string) {
  return db
    .select({
      id: folders.id,
      name: folders.name,
      createdAt: folders.createdAt,
      // Spelled out: drizzle leaves columns unqualified in a single-table select.
      bookmarkCount: sql<number>`(select count(*)::int from "bookmarks" b where b.folder_id = "folders"."id")`,
    })
    .from(folders)
    .where(eq(folders.userId, userId))
    .orderBy(sql`lower(${folders.name})`, asc(folders.createdAt));
}

export async function countUnfiled(db: Tx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(bookmarks)
    .where(and(eq(bookmarks.userId, userId), isNull(bookmarks.folderId)));
  return Number(row?.n ?? 0);
}

/** The user's folder (or nothing: another user's folder does not exist for them). */
export async function findFolder(
  db: Tx,
  userId: string,
  id: string,
  lock?: 'update' | 'share',
): Promise<FolderRow | undefined> {
  const query = db
    .select()
    .from(folders)
    .where(and(eq(folders.id, id), eq(folders.userId, userId)));
  const [row] = lock ? await query.for(lock) : await query;
  return row;
}

/** A folder of the user with this name, compared without case ("Clients" = "clients"). */
export async function findFolderByName(db: Tx, userId: string, name: string): Promise<FolderRow | undefined> {
  const [row] = await db
    .select()
    .from(folders)
    .where(and(eq(folders.userId, userId), sql`lower(${folders.name}) = lower(${name})`));
  return row;
}

/** Inserts a folder; undefined when the user already has one with that exact name. */
export async function insertFolder(db: Tx, userId: string, name: string): Promise<FolderRow | undefined> {
  const [row] = await db.insert(folders).values({ userId, name }).onConflictDoNothing().returning();
  return row;
}

export async function renameFolder(db: Tx, userId: string, id: string, name: string): Promise<FolderRow | undefined> {
  const [row] = await db
    .update(folders)
    .set({ name })
    .where(and(eq(folders.id, id), eq(folders.userId, userId)))
    .returning();
  return row;
}

export async function deleteFolderRow(db: Tx, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(folders)
    .where(and(eq(folders.id, id), eq(folders.userId, userId)))
    .returning({ id: folders.id });
  return rows.length > 0;
}

export async function unfileBookmarksOf(db: Tx, userId: string, folderId: string): Promise<number> {
  const rows = await db
    .update(bookmarks)
    .set({ folderId: null, updatedAt: new Date() })
    .where(and(eq(bookmarks.userId, userId), eq(bookmarks.folderId, folderId)))
    .returning({ id: bookmarks.id });
  return rows.length;
}

export async function deleteBookmarksOf(db: Tx, userId: string, folderId: string): Promise<number> {
  const rows = await db
    .delete(bookmarks)
    .where(and(eq(bookmarks.userId, userId), eq(bookmarks.folderId, folderId)))
    .returning({ id: bookmarks.id });
  return rows.length;
}

/* Bookmarks -------------------------------------------------------------------------------- */

/**
 * Inserts a bookmark unless the user already has one for this document and section. The unique
 * index decides, so concurrent identical requests leave exactly one row.
 */
export async function insertBookmarkIfAbsent(
  db: Tx,
  values: {
    userId: string;
    documentId: string;
    sectionAnchor: string;
    folderId: string | null;
    note: string;
    savedRevisionId: string | null;
  },
): Promise<BookmarkRow | undefined> {
  const [row] = await db
    .insert(bookmarks)
    .values(values)
    .onConflictDoNothing({ target: [bookmarks.userId, bookmarks.documentId, bookmarks.sectionAnchor] })
    .returning();
  return row;
}

export async function findBookmarkRow(db: Tx, userId: string, id: string): Promise<BookmarkRow | undefined> {
  const [row] = await db
    .select()
    .from(bookmarks)
    .where(and(eq(bookmarks.id, id), eq(bookmarks.userId, userId)));
  return row;
}

export async function findBookmarkFor(
  db: Tx,
  userId: string,
  documentId: string,
  sectionAnchor: string,
): Promise<BookmarkRow | undefined> {
  const [row] = await db
    .select()
    .from(bookmarks)
    .where(
      and(
        eq(bookmarks.userId, userId),
        eq(bookmarks.documentId, documentId),
        eq(bookmarks.sectionAnchor, sectionAnchor),
      ),
    );
  return row;
}

export async function updateBookmarkRow(
  db: Tx,
  userId: string,
  id: string,
  values: Partial<Pick<BookmarkRow, 'note' | 'folderId' | 'savedRevisionId'>>,
): Promise<BookmarkRow | undefined> {
  const [row] = await db
    .update(bookmarks)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(bookmarks.id, id), eq(bookmarks.userId, userId)))
    .returning();
  return row;
}

export async function deleteBookmarkRow(db: Tx, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(bookmarks)
    .where(and(eq(bookmarks.id, id), eq(bookmarks.userId, userId)))
    .returning({ id: bookmarks.id });
  return rows.length > 0;
}

export interface BookmarkFilter {
  userId: string;
  ids?: string[];
  /** A folder id, 'unfiled', or undefined for every folder. */
  folder?: string;
  documentId?: string;
  q?: string;
  sort?: BookmarkSort;
  limit?: number;
  offset?: number;
}

/**
 * Bookmarks with everything "My library" shows: the document through its published revision
 * (or, once withdrawn, through the revision the user saved), whether a newer revision was
 * published since, supersession, and whether the bookmarked section still exists.
 */
export async function queryBookmarkViews(db: Database | Tx, filter: BookmarkFilter) {
  const shown = alias(revisions, 'shown_revision');
  const saved = alias(revisions, 'saved_revision');
  const successor = alias(documents, 'successor');
  const successorRevision = alias(revisions, 'successor_revision');
  const isPublished = sql`${documents.status} = 'published'`;

  const conditions: SQL[] = [eq(bookmarks.userId, filter.userId)];
  if (filter.ids) conditions.push(sql`${bookmarks.id} = any(${sql.param(filter.ids)}::uuid[])`);
  if (filter.folder === 'unfiled') conditions.push(isNull(bookmarks.folderId));
  else if (filter.folder) conditions.push(eq(bookmarks.folderId, filter.folder));
  if (filter.documentId) conditions.push(eq(bookmarks.documentId, filter.documentId));
  if (filter.q?.trim()) {
    const pattern = `%${filter.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(
      ilike(shown.title, pattern),
      ilike(bookmarks.note, pattern),
      ilike(shown.publisher, pattern),
      sql`array_to_string(${shown.citations}, ' ') ilike ${pattern}`,
      ilike(folders.name, pattern),
    );
    if (match) conditions.push(match);
  }
  const order =
    filter.sort === 'document_date'
      ? [sql`${shown.documentDate} desc nulls last`, desc(bookmarks.createdAt)]
      : filter.sort === 'title'
        ? [asc(shown.title), asc(bookmarks.sectionAnchor)]
        : [desc(bookmarks.createdAt), desc(bookmarks.id)];

  const sectionHeading = (revisionId: SQL) =>
    sql<string | null>`(select ${documentSections.heading} from ${documentSections}
      where ${documentSections.revisionId} = ${revisionId} and ${documentSections.anchor} = ${bookmarks.sectionAnchor})`;

  // Bookmarks saved before their revision was recorded: the revision published when they were saved.
  const savedRevisionId = sql<string | null>`coalesce(${bookmarks.savedRevisionId}, (select r.id from ${revisions} r
      where r.document_id = ${bookmarks.documentId} and r.published_at <= ${bookmarks.createdAt}
      order by r.published_at desc, r.number desc limit 1))`;

  const rows = await db
    .select({
      id: bookmarks.id,
      folderId: bookmarks.folderId,
      note: bookmarks.note,
      sectionAnchor: bookmarks.sectionAnchor,
      createdAt: bookmarks.createdAt,
      updatedAt: bookmarks.updatedAt,
      savedRevisionId,
      documentId: documents.id,
      slug: documents.slug,
      available: sql<boolean>`${isPublished}`,
      publishedAt: documents.publishedAt,
      publishedRevisionId: documents.publishedRevisionId,
      supersededById: documents.supersededById,
      title: shown.title,
      kind: shown.kind,
      publisher: shown.publisher,
      documentDate: shown.documentDate,
      lastReviewedAt: shown.lastReviewedAt,
      citations: shown.citations,
      shownNumber: shown.number,
      savedNumber: saved.number,
      currentHeading: sectionHeading(sql`${documents.publishedRevisionId}`),
      savedHeading: sectionHeading(savedRevisionId),
      needsReview: sql<boolean>`exists (select 1 from document_review_reasons rr where rr.document_id = ${documents.id})`,
      successorId: successor.id,
      successorSlug: successor.slug,
      successorTitle: successorRevision.title,
      total: sql<number>`count(*) over ()`,
    })
    .from(bookmarks)
    .innerJoin(documents, eq(documents.id, bookmarks.documentId))
    .innerJoin(
      shown,
      eq(
        shown.id,
        sql`case when ${isPublished} then ${documents.publishedRevisionId} else coalesce(${bookmarks.savedRevisionId}, ${documents.publishedRevisionId}) end`,
      ),
    )
    .leftJoin(saved, eq(saved.id, savedRevisionId))
    .leftJoin(folders, eq(folders.id, bookmarks.folderId))
    .leftJoin(successor, and(eq(successor.id, documents.supersededById), eq(successor.status, 'published')))
    .leftJoin(successorRevision, eq(successorRevision.id, successor.publishedRevisionId))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(filter.limit ?? 500)
    .offset(filter.offset ?? 0);

  const items: Bookmark[] = rows.map((r) => {
    const anchor = r.sectionAnchor || null;
    const sectionMissing = anchor !== null && r.available && r.currentHeading === null;
    return {
      id: r.id,
      folderId: r.folderId,
      note: r.note,
      sectionAnchor: anchor,
      sectionHeading: anchor ? (r.currentHeading ?? r.savedHeading ?? null) : null,
      sectionMissing,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      document: {
        id: r.documentId,
        slug: r.slug,
        title: r.title,
        kind: r.kind as Bookmark['document']['kind'],
        publisher: r.publisher,
        documentDate: r.documentDate,
        lastReviewedAt: r.lastReviewedAt,
        citations: r.citations,
        available: r.available,
        publishedAt: r.available ? (r.publishedAt?.toISOString() ?? null) : null,
        needsReview: r.available && r.needsReview === true,
      },
      savedRevision:
        r.savedRevisionId && r.savedNumber !== null ? { id: r.savedRevisionId, number: r.savedNumber } : null,
      currentRevision:
        r.available && r.publishedRevisionId ? { id: r.publishedRevisionId, number: r.shownNumber } : null,
      updatedSinceSaved:
        r.available &&
        r.savedRevisionId !== null &&
        r.publishedRevisionId !== r.savedRevisionId &&
        r.savedNumber !== null &&
        r.shownNumber > r.savedNumber,
      superseded: r.supersededById !== null,
      supersededBy:
        r.successorId && r.successorSlug && r.successorTitle
          ? { id: r.successorId, slug: r.successorSlug, title: r.successorTitle }
          : null,
    };
  });
  return { items, total: Number(rows[0]?.total ?? 0) };
}
