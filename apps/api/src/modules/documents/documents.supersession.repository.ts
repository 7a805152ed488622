import type { SupersessionRequestStatus } from '@kb/contracts';
import { type Database, supersessionRequests, type Tx } from '@kb/db';
import { and, eq, sql } from 'drizzle-orm';

type Reader = Database | Tx;
export type SupersessionRequestRow = typeof supersessionRequests.$inferSelect;

/** A new pending request; undefined when the same pair already has one pending. */
export async function insertSupersessionRequest(
  tx: Tx,
  values: { documentId: string; successorId: string; note: string; requestedBy: string },
): Promise<SupersessionRequestRow | undefined> {
  const [row] = await tx.insert(supersessionRequests).values(values).onConflictDoNothing().returning();
  return row;
}

export async function lockSupersessionRequest(tx: Tx, id: string): Promise<SupersessionRequestRow | undefined> {
  const [row] = await tx.select().from(supersessionRequests).where(eq(supersessionRequests.id, id)).for('update');
  return row;
}

export async function decideSupersessionRequest(
  tx: Tx,
  id: string,
  decision: { status: Exclude<SupersessionRequestStatus, 'pending'>; decidedBy: string; decisionNote: string },
): Promise<void> {
  await tx
    .update(supersessionRequests)
    .set({ ...decision, decidedAt: new Date() })
    .where(and(eq(supersessionRequests.id, id), eq(supersessionRequests.status, 'pending')));
}

export type SupersessionRequestListRow = {
  id: string;
  status: SupersessionRequestStatus;
  note: string;
  decision_note: string;
  created_at: Date;
  decided_at: Date | null;
  requested_by: string | null;
  requested_by_name: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  document_id: string;
  document_slug: string;
  document_title: string;
  document_org_id: string | null;
  document_org_slug: string | null;
  document_org_name: string | null;
  successor_id: string;
  successor_slug: string;
  successor_title: string;
  successor_org_id: string | null;
  successor_org_slug: string | null;
  successor_org_name: string | null;
};

/**
 * Requests with both documents (title of the published revision, else the latest) and their
 * organizations, newest first. `organizationId` keeps those whose replaced document
 * (`incoming`) or successor (`outgoing`) it owns, or either (no direction); undefined: all.
 */
export async function listSupersessionRequests(
  db: Reader,
  filter: {
    id?: string;
    organizationId?: string;
    direction?: 'incoming' | 'outgoing';
    status?: SupersessionRequestStatus;
  },
): Promise<SupersessionRequestListRow[]> {
  const conditions = [sql`true`];
  if (filter.id) conditions.push(sql`q.id = ${filter.id}`);
  if (filter.status) conditions.push(sql`q.status = ${filter.status}`);
  if (filter.organizationId !== undefined) {
    const incoming = sql`d.organization_id = ${filter.organizationId}`;
    const outgoing = sql`s.organization_id = ${filter.organizationId}`;
    conditions.push(
      filter.direction === 'incoming'
        ? incoming
        : filter.direction === 'outgoing'
          ? outgoing
          : sql`(${incoming} or ${outgoing})`,
    );
  }
  const result = await db.execute<SupersessionRequestListRow>(sql`
    select q.id, q.status, q.note, q.decision_note, q.created_at, q.decided_at,
      q.requested_by, ru.name as requested_by_name, q.decided_by, du.name as decided_by_name,
      d.id as document_id, d.slug as document_slug, dr.title as document_title,
      dorg.id as document_org_id, dorg.slug as document_org_slug, dorg.name as document_org_name,
      s.id as successor_id, s.slug as successor_slug, sr.title as successor_title,
      sorg.id as successor_org_id, sorg.slug as successor_org_slug, sorg.name as successor_org_name
    from supersession_requests q
      join documents d on d.id = q.document_id
      join revisions dr on dr.id = coalesce(d.published_revision_id, d.head_revision_id)
      left join organizations dorg on dorg.id = d.organization_id
      join documents s on s.id = q.successor_id
      join revisions sr on sr.id = coalesce(s.published_revision_id, s.head_revision_id)
      left join organizations sorg on sorg.id = s.organization_id
      left join users ru on ru.id = q.requested_by
      left join users du on du.id = q.decided_by
    where ${sql.join(conditions, sql` and `)}
    order by q.created_at desc, q.id
    limit 500`);
  return result.rows;
}
