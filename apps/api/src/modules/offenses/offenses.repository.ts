import type { OffenseEntryData } from '@kb/contracts';
import type { Tx } from '@kb/db';
import { documentSections, documents, offenseStatutes, revisions } from '@kb/db';
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';

/** An entry's document and the revision shown (the published one for readers). */
export interface EntryRow {
  id: string;
  slug: string;
  externalId: string | null;
  status: 'draft' | 'in_review' | 'published' | 'archived';
  revisionId: string;
  revisionNumber: number;
  title: string;
  summary: string;
  publisher: string;
  organizationId: string | null;
  lastReviewedAt: string | null;
  publishedAt: Date | null;
  updatedAt: Date;
  supersededById: string | null;
  offense: OffenseEntryData;
}

const entryColumns = {
  id: documents.id,
  slug: documents.slug,
  externalId: documents.externalId,
  status: documents.status,
  revisionId: revisions.id,
  revisionNumber: revisions.number,
  title: revisions.title,
  summary: revisions.summary,
  publisher: revisions.publisher,
  organizationId: documents.organizationId,
  lastReviewedAt: revisions.lastReviewedAt,
  publishedAt: documents.publishedAt,
  updatedAt: documents.updatedAt,
  supersededById: documents.supersededById,
  offense: revisions.offense,
};

const asEntries = (rows: Array<Omit<EntryRow, 'offense'> & { offense: OffenseEntryData | null }>) =>
  rows.filter((r): r is EntryRow => r.offense !== null);

const isEntry = eq(revisions.kind, 'offense_entry');
const isPublished = eq(documents.status, 'published');

/**
 * Published entries (their published revisions), optionally of one jurisdiction and with a
 * column's outcome among `outcomes` (a missing assessment counts as `unclear`).
 */
export async function publishedEntries(
  tx: Tx,
  filter: { jurisdiction?: string; consequence?: string; outcomes?: string[]; ids?: string[] } = {},
): Promise<EntryRow[]> {
  const conditions = [isPublished, isEntry];
  if (filter.jurisdiction) conditions.push(sql`${revisions.offense}->>'jurisdiction' = ${filter.jurisdiction}`);
  if (filter.consequence && filter.outcomes?.length) {
    conditions.push(
      sql`coalesce(${revisions.offense}->'assessments'->${filter.consequence}->>'outcome', 'unclear') in (${sql.join(
        filter.outcomes.map((o) => sql`${o}`),
        sql`, `,
      )})`,
    );
  }
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    conditions.push(inArray(documents.id, filter.ids));
  }
  const rows = await tx
    .select(entryColumns)
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .where(and(...conditions));
  return asEntries(rows);
}

/** One entry by id or slug with the revision the caller may see: published, or (editors) the latest. */
export async function findEntry(tx: Tx, idOrSlug: string, view: 'published' | 'head'): Promise<EntryRow | undefined> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  const revisionColumn = view === 'head' ? documents.headRevisionId : documents.publishedRevisionId;
  const rows = await tx
    .select(entryColumns)
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, revisionColumn))
    .where(
      and(
        isUuid ? eq(documents.id, idOrSlug) : eq(documents.slug, idOrSlug),
        isEntry,
        view === 'published' ? isPublished : undefined,
      ),
    );
  return asEntries(rows)[0];
}

/** Every entry's latest revision (any status but archived): the identities a CSV import matches against. */
export async function latestEntries(tx: Tx, jurisdictions: string[]): Promise<EntryRow[]> {
  if (jurisdictions.length === 0) return [];
  const rows = await tx
    .select(entryColumns)
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.headRevisionId))
    .where(
      and(
        isEntry,
        ne(documents.status, 'archived'),
        inArray(sql<string>`${revisions.offense}->>'jurisdiction'`, jurisdictions),
      ),
    );
  return asEntries(rows);
}

export interface StatuteMatch {
  documentId: string;
  statuteKey: string;
  sectionKey: string | null;
  jurisdiction: string;
  superseded: boolean;
}

const statuteColumns = {
  documentId: offenseStatutes.documentId,
  statuteKey: offenseStatutes.statuteKey,
  sectionKey: offenseStatutes.sectionKey,
  jurisdiction: offenseStatutes.jurisdiction,
  superseded: sql<boolean>`${documents.supersededById} is not null`,
};

/**
 * Published entries whose statute is one of `keys` (the provision or one enclosing it), or a
 * subsection of `subsectionsOf` ("capc273d5" → 273.5(a), 273.5(f)).
 */
export async function entriesForStatute(tx: Tx, keys: string[], subsectionsOf: string): Promise<StatuteMatch[]> {
  return tx
    .select(statuteColumns)
    .from(offenseStatutes)
    .innerJoin(documents, eq(documents.id, offenseStatutes.documentId))
    .where(
      and(
        isPublished,
        sql`(${inArray(offenseStatutes.statuteKey, keys)} or ${offenseStatutes.statuteKey} like ${`${subsectionsOf}p%`})`,
      ),
    );
}

/** Published entries whose section a partial citation begins: "capc273" → 273.5, 273a, 273d (not 2730). */
export async function entriesInSectionsStartingWith(tx: Tx, base: string): Promise<StatuteMatch[]> {
  return tx
    .select(statuteColumns)
    .from(offenseStatutes)
    .innerJoin(documents, eq(documents.id, offenseStatutes.documentId))
    .where(
      and(
        isPublished,
        sql`${offenseStatutes.sectionKey} like ${`${base}%`}`,
        // Keys are [a-z0-9] only: the base is safe inside the pattern.
        sql`${offenseStatutes.sectionKey} ~ ${`^${base}[a-z]`}`,
      ),
    );
}

/** Published entries by statute key, for resolving safer alternatives to their rows. */
export async function entriesByStatuteKeys(tx: Tx, keys: string[]): Promise<StatuteMatch[]> {
  if (keys.length === 0) return [];
  return tx
    .select(statuteColumns)
    .from(offenseStatutes)
    .innerJoin(documents, eq(documents.id, offenseStatutes.documentId))
    .where(and(isPublished, inArray(offenseStatutes.statuteKey, keys)));
}

/** Published documents by slug, with the headings of their published sections. */
export async function publishedDocumentsBySlug(tx: Tx, slugs: string[]) {
  if (slugs.length === 0) return [];
  return tx
    .select({
      id: documents.id,
      slug: documents.slug,
      title: revisions.title,
      anchor: documentSections.anchor,
      heading: documentSections.heading,
    })
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .leftJoin(documentSections, eq(documentSections.revisionId, revisions.id))
    .where(and(isPublished, inArray(documents.slug, slugs)));
}

/**
 * Published documents (not entries) whose text links to the entry's page or its document, with
 * the section that holds the link.
 */
export async function documentsLinkingTo(tx: Tx, paths: string[]) {
  const patterns = paths.map((p) => `%${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const rows = await tx
    .select({
      id: documents.id,
      slug: documents.slug,
      title: revisions.title,
      anchor: documentSections.anchor,
      heading: documentSections.heading,
      level: documentSections.level,
    })
    .from(documentSections)
    .innerJoin(revisions, eq(revisions.id, documentSections.revisionId))
    .innerJoin(documents, eq(documents.publishedRevisionId, revisions.id))
    .where(
      and(
        isPublished,
        ne(revisions.kind, 'offense_entry'),
        sql`(${sql.join(
          patterns.map((p) => sql`${documentSections.body} ilike ${p}`),
          sql` or `,
        )})`,
      ),
    )
    .orderBy(documents.id, documentSections.position)
    .limit(200);
  // The first linking section of each document.
  return rows.filter((row, i) => rows.findIndex((r) => r.id === row.id) === i);
}

/** Published documents by id (a superseding document, a narrative chart). */
export async function publishedRefs(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: documents.id, slug: documents.slug, title: revisions.title })
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .where(and(isPublished, inArray(documents.id, ids)));
}

/** Published documents of a kind about a jurisdiction (the narrative charts; guidance for the nearest). */
export async function publishedAbout(tx: Tx, jurisdictions: string[], options: { kind?: string; limit: number }) {
  return tx
    .select({ id: documents.id, slug: documents.slug, title: revisions.title, kind: revisions.kind })
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .where(
      and(
        isPublished,
        isNull(documents.supersededById),
        ne(revisions.kind, 'offense_entry'),
        options.kind ? eq(revisions.kind, options.kind) : undefined,
        sql`${revisions.jurisdictions} && ${sql.param(jurisdictions)}::text[]`,
      ),
    )
    .orderBy(sql`${revisions.documentDate} desc nulls last`)
    .limit(options.limit);
}

/** Published documents by external id (the demo documents the federal rules point to). */
export async function publishedByExternalIds(tx: Tx, externalIds: string[]) {
  if (externalIds.length === 0) return [];
  return tx
    .select({ id: documents.id, slug: documents.slug, title: revisions.title, externalId: documents.externalId })
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .where(and(isPublished, inArray(documents.externalId, externalIds)));
}

/** Number of published entries and the latest review date, per jurisdiction. */
export async function chartCounts(tx: Tx) {
  const rows = await tx
    .select({
      jurisdiction: sql<string>`${revisions.offense}->>'jurisdiction'`,
      entries: sql<number>`count(*)::int`,
      lastReviewedAt: sql<string | null>`max(${revisions.lastReviewedAt})::text`,
    })
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .where(and(isPublished, isEntry))
    .groupBy(sql`${revisions.offense}->>'jurisdiction'`);
  return rows;
}
