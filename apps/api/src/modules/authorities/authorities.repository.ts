import { PRIMARY_SOURCE_KINDS } from '@kb/contracts';
import { authorityCards, authorityStatusEntries, type Tx, users } from '@kb/db';
import { asc, desc, eq, or, sql } from 'drizzle-orm';

export type CardRow = typeof authorityCards.$inferSelect;

export async function upsertCards(tx: Tx, cards: CardRow[]): Promise<void> {
  if (cards.length === 0) return;
  await tx
    .insert(authorityCards)
    .values(cards)
    .onConflictDoUpdate({
      target: authorityCards.slug,
      set: {
        name: sql`excluded.name`,
        citation: sql`excluded.citation`,
        court: sql`excluded.court`,
        decidedOn: sql`excluded.decided_on`,
        summary: sql`excluded.summary`,
        normalized: sql`excluded.normalized`,
        caseName: sql`excluded.case_name`,
      },
    });
}

export async function allCards(tx: Tx): Promise<CardRow[]> {
  return tx.select().from(authorityCards).orderBy(asc(authorityCards.name));
}

export async function findCard(tx: Tx, slug: string): Promise<CardRow | undefined> {
  const [row] = await tx.select().from(authorityCards).where(eq(authorityCards.slug, slug));
  return row;
}

/** The card a citation matches: by its normalized key, or by case name. */
export async function cardMatching(tx: Tx, normalized: string, caseName: string | null): Promise<CardRow | undefined> {
  const [row] = await tx
    .select()
    .from(authorityCards)
    .where(
      caseName
        ? or(eq(authorityCards.normalized, normalized), eq(authorityCards.caseName, caseName))
        : eq(authorityCards.normalized, normalized),
    )
    .orderBy(asc(authorityCards.slug))
    .limit(1);
  return row;
}

export async function insertStatusEntry(tx: Tx, entry: typeof authorityStatusEntries.$inferInsert): Promise<void> {
  await tx.insert(authorityStatusEntries).values(entry);
}

/** An authority's status history, newest first. */
export async function statusHistory(tx: Tx, authorityKey: string) {
  return tx
    .select({
      status: authorityStatusEntries.status,
      date: authorityStatusEntries.date,
      by: authorityStatusEntries.by,
      note: authorityStatusEntries.note,
      setAt: authorityStatusEntries.setAt,
      setBy: users.name,
    })
    .from(authorityStatusEntries)
    .leftJoin(users, eq(users.id, authorityStatusEntries.setBy))
    .where(eq(authorityStatusEntries.authorityKey, authorityKey))
    .orderBy(desc(authorityStatusEntries.setAt), desc(authorityStatusEntries.id));
}

export interface QueueRow {
  id: string;
  slug: string;
  title: string;
  kind: string;
  number: number;
  last_reviewed_at: string | null;
  organization_id: string | null;
  organization_slug: string | null;
  organization_name: string | null;
  needs_review: boolean;
  overdue: boolean;
  bookmark_count: string;
  read_count: string;
  last_read_at: string | null;
  total: string;
}

/**
 * Published guidance (not primary sources) that needs review or is overdue, most bookmarked
 * first, then most recently read. `organizationId` limits it to one organization's ('none': nothing).
 */
export async function reviewQueue(
  tx: Tx,
  options: {
    staleBefore: string;
    organizationId?: string;
    reason?: 'authority' | 'overdue';
    limit: number;
    offset: number;
  },
): Promise<QueueRow[]> {
  const scope =
    options.organizationId === undefined
      ? sql`true`
      : options.organizationId === 'none'
        ? sql`false`
        : sql`d.organization_id = ${options.organizationId}`;
  const wanted =
    options.reason === 'authority'
      ? sql`c.needs_review`
      : options.reason === 'overdue'
        ? sql`c.overdue`
        : sql`(c.needs_review or c.overdue)`;
  const result = await tx.execute<QueueRow & Record<string, unknown>>(sql`
    with c as (
      select d.id, d.slug, r.title, r.kind, r.number, r.last_reviewed_at::text as last_reviewed_at,
             d.organization_id, o.slug as organization_slug, o.name as organization_name,
             exists (select 1 from document_review_reasons rr where rr.document_id = d.id) as needs_review,
             coalesce(coalesce(r.last_reviewed_at, r.document_date) < ${options.staleBefore}::date, true) as overdue,
             (select count(*) from bookmarks b where b.document_id = d.id) as bookmark_count,
             coalesce(dr.read_count, 0) as read_count, dr.last_read_at as last_read
      from documents d
      join revisions r on r.id = d.published_revision_id
      left join organizations o on o.id = d.organization_id
      left join document_reads dr on dr.document_id = d.id
      where d.status = 'published' and r.kind <> all(${sql.param(PRIMARY_SOURCE_KINDS)}::text[]) and ${scope}
    )
    select c.*, c.last_read::text as last_read_at, count(*) over () as total
    from c where ${wanted}
    order by c.bookmark_count desc, c.last_read desc nulls last, c.needs_review desc, c.title, c.id
    limit ${options.limit} offset ${options.offset}`);
  return result.rows;
}
