import { randomBytes } from 'node:crypto';
import type { DocumentContent } from '@kb/contracts';
import {
  documentEvents,
  documentSections,
  documents,
  documentTerms,
  offenseStatutes,
  revisions,
  SEARCH_OUTBOX_CHANNEL,
  searchOutbox,
  type Tx,
  taxonomyTerms,
} from '@kb/db';
import { splitSections } from '@kb/markdown';
import { type PublishedDocumentInput, statuteKey, statuteSectionKey } from '@kb/search';
import { and, asc, eq, gt, inArray, isNotNull, or, sql } from 'drizzle-orm';

export type RevisionRow = typeof revisions.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;

export async function lockDocument(tx: Tx, id: string): Promise<DocumentRow | undefined> {
  const [row] = await tx.select().from(documents).where(eq(documents.id, id)).for('update');
  return row;
}

export async function findDocument(tx: Tx, id: string): Promise<DocumentRow | undefined> {
  const [row] = await tx.select().from(documents).where(eq(documents.id, id));
  return row;
}

export async function findDocumentByExternalId(tx: Tx, externalId: string): Promise<DocumentRow | undefined> {
  const [row] = await tx.select().from(documents).where(eq(documents.externalId, externalId));
  return row;
}

export async function findRevision(tx: Tx, id: string): Promise<RevisionRow | undefined> {
  const [row] = await tx.select().from(revisions).where(eq(revisions.id, id));
  return row;
}

/** A slug not used by another document: the title's, then with -2, -3… */
export async function freeSlug(tx: Tx, base: string, exceptDocumentId?: string): Promise<string> {
  const rows = await tx
    .select({ slug: documents.slug, id: documents.id })
    .from(documents)
    .where(sql`${documents.slug} = ${base} or ${documents.slug} like ${`${base}-%`}`);
  const taken = new Set(rows.filter((r) => r.id !== exceptDocumentId).map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/**
 * Inserts a document under the first free slug from `base`. Two transactions may pick the same
 * free slug at once: the loser's insert does nothing on the slug's unique index, and it tries
 * the next one instead of failing.
 */
export async function insertDocument(
  tx: Tx,
  values: {
    slug: string;
    externalId?: string | null;
    createdBy?: string | null;
    createdAt?: Date;
    organizationId?: string | null;
  },
): Promise<DocumentRow> {
  let slug = values.slug;
  for (let attempt = 0; attempt < 20; attempt++) {
    const [row] = await tx
      .insert(documents)
      .values({
        slug,
        externalId: values.externalId ?? null,
        createdBy: values.createdBy ?? null,
        ...(values.createdAt ? { createdAt: values.createdAt, updatedAt: values.createdAt } : {}),
        organizationId: values.organizationId ?? null,
      })
      .onConflictDoNothing({ target: documents.slug })
      .returning();
    if (row) return row;
    slug = attempt < 10 ? await freeSlug(tx, values.slug) : `${values.slug}-${randomBytes(3).toString('hex')}`;
  }
  throw new Error(`no free slug for "${values.slug}"`);
}

/** Stores a revision and its sections. */
export async function insertRevision(
  tx: Tx,
  values: {
    documentId: string;
    baseRevisionId: string | null;
    authorId: string | null;
    note: string;
    content: DocumentContent;
    source?: string | null;
    /** When the revision was posted, if not now (a seeded document's own date). */
    createdAt?: Date;
  },
): Promise<RevisionRow> {
  const [{ next } = { next: 1 }] = await tx
    .select({ next: sql<number>`coalesce(max(${revisions.number}), 0) + 1` })
    .from(revisions)
    .where(eq(revisions.documentId, values.documentId));
  const c = values.content;
  const [row] = await tx
    .insert(revisions)
    .values({
      documentId: values.documentId,
      number: Number(next),
      baseRevisionId: values.baseRevisionId,
      authorId: values.authorId,
      note: values.note,
      ...(values.createdAt ? { createdAt: values.createdAt } : {}),
      kind: c.kind,
      title: c.title,
      summary: c.summary,
      publisher: c.publisher,
      authors: c.authors,
      jurisdictions: c.jurisdictions,
      audience: c.audience,
      documentDate: c.documentDate,
      lastReviewedAt: c.lastReviewedAt,
      citations: c.citations,
      offenseTypes: c.offenseTypes,
      consequences: c.consequences,
      source: values.source ?? null,
      body: c.body,
      offense: c.offense ?? null,
    })
    .returning();
  if (!row) throw new Error('revision insert returned nothing');
  const sections = splitSections(c.body);
  if (sections.length > 0) {
    // Chunked: a long treatise can have thousands of sections.
    for (let i = 0; i < sections.length; i += 500) {
      await tx.insert(documentSections).values(
        sections.slice(i, i + 500).map((s) => ({
          revisionId: row.id,
          position: s.position,
          anchor: s.anchor,
          heading: s.heading,
          level: s.level,
          chapterAnchor: s.chapterAnchor,
          body: s.body,
        })),
      );
    }
  }
  return row;
}

export async function updateDocument(
  tx: Tx,
  id: string,
  values: Partial<typeof documents.$inferInsert>,
): Promise<void> {
  await tx
    .update(documents)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(documents.id, id));
}

/** Records when a revision first went public (readers may then see it in the history). */
export async function markRevisionPublished(tx: Tx, revisionId: string, at: Date): Promise<void> {
  await tx
    .update(revisions)
    .set({ publishedAt: sql`coalesce(${revisions.publishedAt}, ${at.toISOString()}::timestamptz)` })
    .where(eq(revisions.id, revisionId));
}

/** Re-derives the document's taxonomy links from its published revision's tags. */
export async function replaceDocumentTerms(tx: Tx, documentId: string, revision: RevisionRow | null): Promise<void> {
  await tx.delete(documentTerms).where(eq(documentTerms.documentId, documentId));
  if (!revision) return;
  const terms = await tx
    .select({ id: taxonomyTerms.id, vocabulary: taxonomyTerms.vocabulary, code: taxonomyTerms.code })
    .from(taxonomyTerms)
    .where(inArray(taxonomyTerms.code, [...revision.offenseTypes, ...revision.consequences, '']));
  const wanted = terms.filter(
    (t) =>
      (t.vocabulary === 'offense_type' && revision.offenseTypes.includes(t.code)) ||
      (t.vocabulary === 'consequence' && revision.consequences.includes(t.code)),
  );
  if (wanted.length > 0) {
    await tx
      .insert(documentTerms)
      .values(wanted.map((t) => ({ documentId, termId: t.id })))
      .onConflictDoNothing();
  }
}

/**
 * Re-derives the statute keys of an offense entry from its published revision (none for other
 * kinds, or when `revision` is null: unpublished), so citations find published rows only.
 */
export async function replaceOffenseStatutes(tx: Tx, documentId: string, revision: RevisionRow | null): Promise<void> {
  await tx.delete(offenseStatutes).where(eq(offenseStatutes.documentId, documentId));
  const offense = revision?.offense;
  if (!offense) return;
  const seen = new Set<string>();
  const rows = offense.statutes.flatMap((statute, position) => {
    const key = statuteKey(statute);
    if (seen.has(key)) return [];
    seen.add(key);
    return [
      {
        documentId,
        jurisdiction: offense.jurisdiction,
        statuteKey: key,
        sectionKey: statuteSectionKey(statute),
        statute,
        position,
      },
    ];
  });
  if (rows.length > 0) await tx.insert(offenseStatutes).values(rows);
}

/**
 * Re-derives the statute keys of every published offense entry (after a change of the citation
 * key scheme: the keys are stored for lookups, the statutes as written are the source).
 */
export async function rederiveOffenseStatutes(tx: Tx): Promise<number> {
  const published = await tx
    .select({ id: documents.id, revisionId: documents.publishedRevisionId })
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .where(and(eq(documents.status, 'published'), isNotNull(revisions.offense)));
  for (const { id, revisionId } of published) {
    await replaceOffenseStatutes(tx, id, revisionId ? ((await findRevision(tx, revisionId)) ?? null) : null);
  }
  return published.length;
}

/** Records that the document's searchable state changed; the sync worker does the rest. */
export async function enqueueSearchSync(tx: Tx, documentIds: string[], op: 'upsert' | 'delete'): Promise<void> {
  if (documentIds.length === 0) return;
  await tx.insert(searchOutbox).values(documentIds.map((documentId) => ({ documentId, op })));
  // Delivered when the transaction commits (never for one rolled back): the worker wakes at once.
  await tx.execute(sql`select pg_notify(${SEARCH_OUTBOX_CHANNEL}, '')`);
}

export async function findDocumentsByExternalIds(tx: Tx, externalIds: string[]) {
  return tx
    .select({ id: documents.id, externalId: documents.externalId, supersededById: documents.supersededById })
    .from(documents)
    .where(inArray(documents.externalId, externalIds));
}

/** The document `documentId` points at as its successor (null: none). */
export async function successorIdOf(tx: Tx, documentId: string): Promise<string | null> {
  const [row] = await tx
    .select({ supersededById: documents.supersededById })
    .from(documents)
    .where(eq(documents.id, documentId));
  return row?.supersededById ?? null;
}

/** Documents whose latest or published revision carries the tag `code`. */
export async function documentsTaggedWith(
  tx: Tx,
  field: 'offenseTypes' | 'consequences',
  code: string,
): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ id: documents.id })
    .from(documents)
    .innerJoin(
      revisions,
      or(eq(revisions.id, documents.headRevisionId), eq(revisions.id, documents.publishedRevisionId)),
    )
    .where(sql`${code} = any(${revisions[field]})`);
  return rows.map((r) => r.id);
}

/** The published documents among `ids` (or a page of all, for a reindex), with their sections. */
export async function publishedForIndex(
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
      lastReviewedAt: revisions.lastReviewedAt,
      needsReview: sql<boolean>`exists (select 1 from document_review_reasons rr where rr.document_id = ${documents.id})`,
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
    lastReviewedAt: r.lastReviewedAt,
    needsReview: r.needsReview === true,
    superseded: r.supersededById !== null,
    revisionId: r.revisionId,
    sections: byRevision.get(r.revisionId) ?? [],
  }));
}

/**
 * Published documents tagged with any of `codes` or their descendants (all published
 * documents when `codes` is omitted): their index entries carry the terms' labels.
 */
export async function publishedTaggedWith(db: Tx, codes?: string[]): Promise<string[]> {
  const tagFilter =
    codes === undefined
      ? sql`true`
      : sql`(r.offense_types && (select array_agg(code) from tree) or r.consequences && (select array_agg(code) from tree))`;
  const result = await db.execute(sql`
    with recursive tree(id, code, depth) as (
      select t.id, t.code, 0 from taxonomy_terms t where t.code = any(${sql.param(codes ?? [])}::text[])
      union all
      select c.id, c.code, tree.depth + 1 from taxonomy_terms c join tree on c.parent_id = tree.id where tree.depth < 10
    )
    select d.id from documents d join revisions r on r.id = d.published_revision_id
    where d.status = 'published' and ${tagFilter}`);
  return (result.rows as Array<{ id: string }>).map((r) => r.id);
}

/** A document's status and published revision (what others may know of it). */
export async function documentStatus(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: documents.id, status: documents.status, publishedRevisionId: documents.publishedRevisionId })
    .from(documents)
    .where(eq(documents.id, id));
  return row;
}

/** Whether a revision has a section with this anchor. */
export async function hasSection(tx: Tx, revisionId: string, anchor: string): Promise<boolean> {
  const [row] = await tx
    .select({ anchor: documentSections.anchor })
    .from(documentSections)
    .where(and(eq(documentSections.revisionId, revisionId), eq(documentSections.anchor, anchor)));
  return row !== undefined;
}

/** Appends to the document event log (the caller's transaction); returns the event's id. */
export async function insertDocumentEvent(tx: Tx, row: typeof documentEvents.$inferInsert): Promise<number> {
  const [inserted] = await tx.insert(documentEvents).values(row).returning({ id: documentEvents.id });
  return inserted?.id as number;
}

/** A published document by id or slug, as others may name it (undefined: no such published document). */
export async function publishedDocumentRef(tx: Tx, idOrSlug: string) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  const [row] = await tx
    .select({
      id: documents.id,
      slug: documents.slug,
      title: revisions.title,
      kind: revisions.kind,
      citations: revisions.citations,
    })
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .where(and(isUuid ? eq(documents.id, idOrSlug) : eq(documents.slug, idOrSlug), eq(documents.status, 'published')));
  return row;
}

/** Which of these full-text queries a revision's title, summary and body match (PostgreSQL's English search). */
export async function queriesMatchingRevision(tx: Tx, revisionId: string, queries: string[]): Promise<string[]> {
  if (queries.length === 0) return [];
  const { rows } = await tx.execute<{ q: string }>(sql`
    select q from unnest(${sql.param(queries)}::text[]) as q, ${revisions} r
    where r.id = ${revisionId}
      and to_tsvector('english', r.title || ' ' || r.summary || ' ' || r.body) @@ websearch_to_tsquery('english', q)`);
  return rows.map((r) => r.q);
}

/**
 * Queues every published document not already waiting in the outbox (fields the index gained,
 * such as the review date, reach documents indexed before). Returns how many were queued.
 */
export async function queueUnqueuedPublished(tx: Tx): Promise<number> {
  const result = await tx.execute(sql`
    insert into search_outbox (document_id, op)
    select d.id, 'upsert' from documents d
    where d.status = 'published' and not exists (select 1 from search_outbox o where o.document_id = d.id)`);
  return result.rowCount ?? 0;
}
