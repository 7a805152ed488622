import {
  allowedActions,
  type DocumentRef,
  type EditorDocument,
  type EditorRevision,
  type ReviewEntry,
  type RevisionHistory,
  type RevisionInfo,
} from '@kb/contracts';
import { auditLog, type Database, documents, reviewEntries, revisions, type Tx, users } from '@kb/db';
import { and, desc, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { notFound } from '../../lib/errors';
import { findOrganization, toOrganizationRef } from '../organizations';
import { contentOf } from './documents.content';
import { findDocument, type RevisionRow } from './documents.repository';

const infoOf = (revision: RevisionRow, authorName: string | null): RevisionInfo => ({
  id: revision.id,
  number: revision.number,
  baseRevisionId: revision.baseRevisionId,
  authorId: revision.authorId,
  authorName,
  createdAt: revision.createdAt.toISOString(),
  note: revision.note,
});

/** One revision with its author's name and full content. */
export async function loadEditorRevision(tx: Tx, revisionId: string): Promise<EditorRevision | null> {
  const [row] = await tx
    .select({ revision: revisions, authorName: users.name })
    .from(revisions)
    .leftJoin(users, eq(users.id, revisions.authorId))
    .where(eq(revisions.id, revisionId));
  if (!row) return null;
  return { ...infoOf(row.revision, row.authorName), content: contentOf(row.revision) };
}

/**
 * Who is asking for a document's history: editors see every revision; readers only the
 * revisions that were published, of a document that is published now (drafts are a 404).
 */
export type HistoryView = 'editor' | 'reader';

/** A revision of this document, or 404 (never another document's revision, nor an unpublished one for a reader). */
export async function documentRevision(
  db: Database,
  documentId: string,
  revisionId: string,
  view: HistoryView = 'editor',
): Promise<EditorRevision> {
  const revision = await loadEditorRevision(db, revisionId);
  const [owner] = revision
    ? await db
        .select({ documentId: revisions.documentId, publishedAt: revisions.publishedAt, status: documents.status })
        .from(revisions)
        .innerJoin(documents, eq(documents.id, revisions.documentId))
        .where(eq(revisions.id, revisionId))
    : [];
  if (!revision || owner?.documentId !== documentId) throw notFound('Revision');
  if (view === 'reader' && (owner.status !== 'published' || !owner.publishedAt)) throw notFound('Revision');
  return revision;
}

/** Everything the editor needs to open a document: the latest revision and the lifecycle. */
export async function editorDocument(db: Database, documentId: string): Promise<EditorDocument> {
  const doc = await findDocument(db, documentId);
  if (!doc?.headRevisionId) throw notFound('Document');
  const head = await loadEditorRevision(db, doc.headRevisionId);
  if (!head) throw notFound('Document');
  const published = doc.publishedRevisionId
    ? await db
        .select({ number: revisions.number })
        .from(revisions)
        .where(eq(revisions.id, doc.publishedRevisionId))
        .then((rows) => rows[0])
    : undefined;
  const other = alias(documents, 'other');
  const otherRevision = alias(revisions, 'other_revision');
  const refOf = { id: other.id, slug: other.slug, title: otherRevision.title };
  const [supersededBy] = doc.supersededById
    ? await db
        .select(refOf)
        .from(other)
        .innerJoin(otherRevision, eq(otherRevision.id, other.headRevisionId))
        .where(eq(other.id, doc.supersededById))
    : [];
  const supersedes: DocumentRef[] = await db
    .select(refOf)
    .from(other)
    .innerJoin(otherRevision, eq(otherRevision.id, other.headRevisionId))
    .where(eq(other.supersededById, doc.id));
  const hasUnpublishedChanges = doc.status === 'published' && doc.headRevisionId !== doc.publishedRevisionId;
  const owner = doc.organizationId ? await findOrganization(db, doc.organizationId) : undefined;
  return {
    id: doc.id,
    slug: doc.slug,
    status: doc.status,
    head,
    publishedRevisionId: doc.publishedRevisionId,
    publishedRevisionNumber: published?.number ?? null,
    publishedAt: doc.publishedAt?.toISOString() ?? null,
    hasUnpublishedChanges,
    supersededBy: supersededBy ?? null,
    supersedes,
    updatedAt: doc.updatedAt.toISOString(),
    allowedActions: allowedActions({ status: doc.status, hasUnpublishedChanges }),
    organization: owner ? toOrganizationRef(owner) : null,
    reviewPolicy: owner?.reviewPolicy ?? null,
  };
}

/** Every revision, newest first, with markers for the latest and the published one. */
export async function revisionHistory(
  db: Database,
  documentId: string,
  view: HistoryView = 'editor',
): Promise<RevisionHistory> {
  const doc = await findDocument(db, documentId);
  if (!doc || (view === 'reader' && doc.status !== 'published')) throw notFound('Document');
  const rows = await db
    .select({
      id: revisions.id,
      number: revisions.number,
      baseRevisionId: revisions.baseRevisionId,
      authorId: revisions.authorId,
      authorName: users.name,
      createdAt: revisions.createdAt,
      note: revisions.note,
      title: revisions.title,
      firstPublishedAt: revisions.publishedAt,
    })
    .from(revisions)
    .leftJoin(users, eq(users.id, revisions.authorId))
    .where(and(eq(revisions.documentId, documentId), view === 'reader' ? isNotNull(revisions.publishedAt) : undefined))
    .orderBy(desc(revisions.number));
  // When each revision went public, from the audit trail of publications.
  const publications = await db
    .select({ revisionId: sql<string>`${auditLog.details}->>'revisionId'`, at: auditLog.createdAt })
    .from(auditLog)
    .where(
      and(eq(auditLog.action, 'document.publish'), eq(auditLog.targetType, 'document'), eq(auditLog.targetId, doc.id)),
    );
  const publishedAt = new Map<string, Date>();
  for (const p of publications) {
    const earlier = publishedAt.get(p.revisionId);
    if (!earlier || earlier > p.at) publishedAt.set(p.revisionId, p.at);
  }
  return {
    // Review comments are the owning organization's editors' (readers: none).
    reviews: view === 'editor' ? await documentReviews(db, doc.id) : [],
    documentId: doc.id,
    // A reader's latest is the published revision (drafts on top of it are not theirs to see).
    headRevisionId: view === 'reader' ? doc.publishedRevisionId : doc.headRevisionId,
    publishedRevisionId: doc.publishedRevisionId,
    revisions: rows.map((r) => {
      const isPublished = r.id === doc.publishedRevisionId && doc.status === 'published';
      const at =
        publishedAt.get(r.id) ?? r.firstPublishedAt ?? (r.id === doc.publishedRevisionId ? doc.publishedAt : null);
      return {
        id: r.id,
        number: r.number,
        baseRevisionId: r.baseRevisionId,
        authorId: r.authorId,
        authorName: r.authorName,
        createdAt: r.createdAt.toISOString(),
        note: r.note,
        title: r.title,
        isHead: r.id === (view === 'reader' ? doc.publishedRevisionId : doc.headRevisionId),
        isPublished,
        publishedAt: at?.toISOString() ?? null,
      };
    }),
  };
}

/** Review comments and approvals of a document, newest first. */
export async function documentReviews(db: Database, documentId: string): Promise<ReviewEntry[]> {
  const rows = await db
    .select({
      id: reviewEntries.id,
      kind: reviewEntries.kind,
      revisionId: reviewEntries.revisionId,
      revisionNumber: revisions.number,
      authorId: reviewEntries.authorId,
      authorName: users.name,
      body: reviewEntries.body,
      createdAt: reviewEntries.createdAt,
    })
    .from(reviewEntries)
    .leftJoin(revisions, eq(revisions.id, reviewEntries.revisionId))
    .leftJoin(users, eq(users.id, reviewEntries.authorId))
    .where(eq(reviewEntries.documentId, documentId))
    .orderBy(desc(reviewEntries.createdAt), desc(reviewEntries.id));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    revisionId: r.revisionId,
    revisionNumber: r.revisionNumber,
    author: r.authorId ? { id: r.authorId, name: r.authorName ?? '' } : null,
    body: r.body,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Records a review comment or the approval that published a revision; returns its id. */
export async function insertReviewEntry(
  tx: Tx,
  values: {
    documentId: string;
    revisionId: string | null;
    kind: 'comment' | 'approval' | 'supersession';
    authorId: string;
    body: string;
  },
): Promise<string | undefined> {
  const [row] = await tx.insert(reviewEntries).values(values).returning({ id: reviewEntries.id });
  return row?.id;
}

/** The authors of a document's revisions numbered `from` to `to` (inclusive). */
export async function authorsOfRevisions(tx: Tx, documentId: string, from: number, to: number): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ authorId: revisions.authorId })
    .from(revisions)
    .where(and(eq(revisions.documentId, documentId), gte(revisions.number, from), lte(revisions.number, to)));
  return rows.map((r) => r.authorId).filter((id): id is string => id !== null);
}
