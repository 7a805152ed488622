import type { AlertEmailMode, WatchKind } from '@kb/contracts';
import {
  alertDeliveries,
  alertFanouts,
  alertSettings,
  type Database,
  documentEvents,
  notifications,
  type Tx,
  users,
  type WatchedSearch,
  watches,
} from '@kb/db';
import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';

export type WatchRow = typeof watches.$inferSelect;
export type DocumentEventRow = typeof documentEvents.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export type DeliveryRow = typeof alertDeliveries.$inferSelect;

// --- watches --------------------------------------------------------------------------

/** Adds a watch; following the same thing again answers the existing watch's id. */
export async function upsertWatch(
  db: Database,
  row: {
    userId: string;
    kind: WatchKind;
    target: string;
    matchKey: string;
    name: string;
    search: WatchedSearch | null;
  },
): Promise<string> {
  const [inserted] = await db.insert(watches).values(row).onConflictDoNothing().returning({ id: watches.id });
  if (inserted) return inserted.id;
  const [existing] = await db
    .select({ id: watches.id })
    .from(watches)
    .where(and(eq(watches.userId, row.userId), eq(watches.kind, row.kind), eq(watches.matchKey, row.matchKey)));
  if (!existing) throw new Error('watch vanished while being followed again');
  return existing.id;
}

export function citationWatches(tx: Tx): Promise<Array<Pick<WatchRow, 'id' | 'target' | 'matchKey'>>> {
  return tx
    .select({ id: watches.id, target: watches.target, matchKey: watches.matchKey })
    .from(watches)
    .where(eq(watches.kind, 'citation'));
}

export async function setWatchMatchKey(tx: Tx, id: string, matchKey: string): Promise<void> {
  await tx.update(watches).set({ matchKey }).where(eq(watches.id, id));
}

export function watchesOf(db: Database, userId: string): Promise<WatchRow[]> {
  return db.select().from(watches).where(eq(watches.userId, userId)).orderBy(desc(watches.createdAt));
}

export async function deleteWatch(db: Database, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(watches)
    .where(and(eq(watches.id, id), eq(watches.userId, userId)))
    .returning({ id: watches.id });
  return rows.length > 0;
}

export async function countWatches(db: Database, userId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(watches).where(eq(watches.userId, userId));
  return row?.n ?? 0;
}

// --- settings -------------------------------------------------------------------------

export async function emailModeOf(db: Database | Tx, userId: string): Promise<AlertEmailMode> {
  const [row] = await db
    .select({ email: alertSettings.email })
    .from(alertSettings)
    .where(eq(alertSettings.userId, userId));
  return row?.email ?? 'immediate';
}

export async function setEmailMode(db: Database | Tx, userId: string, email: AlertEmailMode): Promise<void> {
  await db
    .insert(alertSettings)
    .values({ userId, email })
    .onConflictDoUpdate({ target: alertSettings.userId, set: { email, updatedAt: new Date() } });
}

export async function userExists(db: Database, userId: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  return row !== undefined;
}

// --- notifications --------------------------------------------------------------------

export async function notificationsOf(
  db: Database,
  userId: string,
  options: { unread?: boolean; limit: number; before?: string },
): Promise<NotificationRow[]> {
  const before = options.before
    ? (
        await db
          .select()
          .from(notifications)
          .where(and(eq(notifications.id, options.before), eq(notifications.userId, userId)))
      )[0]
    : undefined;
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        options.unread ? isNull(notifications.readAt) : undefined,
        before
          ? or(
              lt(notifications.createdAt, before.createdAt),
              and(eq(notifications.createdAt, before.createdAt), lt(notifications.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit);
}

export async function unreadCount(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function markRead(db: Database, userId: string, ids: string[] | 'all'): Promise<void> {
  if (ids !== 'all' && ids.length === 0) return;
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids),
      ),
    );
}

// --- fan-out --------------------------------------------------------------------------

/**
 * Events no worker has fanned out yet, oldest first, locked for this transaction (another
 * replica skips them). The log is append-only: progress is the alert_fanouts row.
 */
export async function claimEvents(tx: Tx, limit: number): Promise<DocumentEventRow[]> {
  const { rows } = await tx.execute<{ id: string }>(sql`
    select e.id from ${documentEvents} e
    where not exists (select 1 from ${alertFanouts} f where f.event_id = e.id)
    order by e.id limit ${limit}
    for update of e skip locked`);
  if (rows.length === 0) return [];
  return tx
    .select()
    .from(documentEvents)
    .where(
      inArray(
        documentEvents.id,
        rows.map((r) => Number(r.id)),
      ),
    )
    .orderBy(asc(documentEvents.id));
}

/** The newest event's id (0: none): a cheap look before the worker scans the log. */
export async function newestEventId(db: Database): Promise<number> {
  const [row] = await db.select({ id: sql<string | null>`max(${documentEvents.id})` }).from(documentEvents);
  return Number(row?.id ?? 0);
}

/** Whether anyone follows anything. */
export async function anyWatch(tx: Tx): Promise<boolean> {
  const { rows } = await tx.execute<{ any: boolean }>(sql`select exists (select 1 from ${watches}) as any`);
  return rows[0]?.any === true;
}

export async function markFannedOutAll(tx: Tx, eventIds: number[]): Promise<void> {
  if (eventIds.length === 0) return;
  await tx
    .insert(alertFanouts)
    .values(eventIds.map((eventId) => ({ eventId, recipients: 0 })))
    .onConflictDoNothing();
}

export async function markFannedOut(tx: Tx, eventId: number, recipients: number): Promise<void> {
  await tx.insert(alertFanouts).values({ eventId, recipients }).onConflictDoNothing();
}

export interface EventKeys {
  documentId: string;
  /** Topical watches (offense type, consequence, jurisdiction) hear of new documents only. */
  isNew: boolean;
  statuteKeys: string[];
  offenseTypes: string[];
  consequences: string[];
  jurisdictions: string[];
  /** Search watches that matched (decided by the caller). */
  searchWatchIds: string[];
}

/** The saved searches of active users (matched against each new document by the worker). */
export function searchWatches(tx: Tx): Promise<Array<{ id: string; search: WatchedSearch | null }>> {
  return tx
    .select({ id: watches.id, search: watches.search })
    .from(watches)
    .innerJoin(users, eq(users.id, watches.userId))
    .where(and(eq(watches.kind, 'search'), isNull(users.disabledAt)));
}

/**
 * Creates the notifications of one event for every active user with a matching watch (one per
 * user: the unique (user, event) makes a replay harmless), and for those who want each event
 * by e-mail, its delivery. Set-based: a thousand followers are three statements.
 */
export async function fanOut(
  tx: Tx,
  event: { id: number; kind: DocumentEventRow['kind']; createdAt: Date },
  keys: EventKeys,
  notification: { title: string; summary: string; url: string },
  mail: boolean,
): Promise<number> {
  const text = (values: string[]) => sql`${sql.param(values)}::text[]`;
  const { rows } = await tx.execute<{ id: string; user_id: string }>(sql`
    insert into ${notifications} (user_id, event_id, document_id, event, title, summary, url)
    select distinct w.user_id, ${event.id}::bigint, ${keys.documentId}::uuid, ${event.kind}::document_event_kind,
           ${notification.title}, ${notification.summary}, ${notification.url}
    from ${watches} w join ${users} u on u.id = w.user_id and u.disabled_at is null
    -- Only what happened since the user followed: a new watch does not replay the log.
    where w.created_at <= ${event.createdAt.toISOString()}::timestamptz
      and ((w.kind in ('document', 'offense') and w.match_key = ${keys.documentId})
       or (w.kind = 'citation' and w.match_key = any(${text(keys.statuteKeys)}))
       or (${keys.isNew} and w.kind = 'offenseType' and w.match_key = any(${text(keys.offenseTypes)}))
       or (${keys.isNew} and w.kind = 'consequence' and w.match_key = any(${text(keys.consequences)}))
       or (${keys.isNew} and w.kind = 'jurisdiction' and w.match_key = any(${text(keys.jurisdictions)}))
       or w.id = any(${sql.param(keys.searchWatchIds)}::uuid[]))
    on conflict (user_id, event_id) do nothing
    returning id, user_id`);
  if (rows.length > 0 && mail) {
    await tx.execute(sql`
      insert into ${alertDeliveries} (user_id, kind, notification_id)
      select n.user_id, 'immediate', n.id from ${notifications} n
      left join ${alertSettings} s on s.user_id = n.user_id
      where n.event_id = ${event.id} and n.id = any(${sql.param(rows.map((r) => r.id))}::uuid[])
        and coalesce(s.email, 'immediate') = 'immediate'
      on conflict do nothing`);
    await tx.execute(sql`
      update ${notifications} n set delivery_id = d.id
      from ${alertDeliveries} d
      where d.notification_id = n.id and n.event_id = ${event.id} and n.delivery_id is null`);
  }
  return rows.length;
}

// --- delivery -------------------------------------------------------------------------

/**
 * Claims one due delivery with a lease (committed before the send): a second worker skips it,
 * and a lease that runs out while `sending` means the sender died mid-send.
 */
export async function claimDelivery(db: Database, leaseMs: number): Promise<DeliveryRow | undefined> {
  const { rows } = await db.execute<{ id: string }>(sql`
    update ${alertDeliveries} set status = 'sending', attempts = attempts + 1,
      leased_until = now() + ${`${leaseMs} milliseconds`}::interval
    where id = (
      select id from ${alertDeliveries}
      where status = 'pending' and available_at <= now()
      order by available_at limit 1 for update skip locked)
    returning id`);
  const id = rows[0]?.id;
  if (!id) return undefined;
  const [row] = await db.select().from(alertDeliveries).where(eq(alertDeliveries.id, id));
  return row;
}

/**
 * Deliveries whose sender died holding the lease: the message may or may not have left. They
 * are not sent again (at most once: nobody gets a message twice); the in-app notification stays.
 */
export async function abandonExpiredLeases(db: Database): Promise<number> {
  const rows = await db
    .update(alertDeliveries)
    .set({ status: 'uncertain', lastError: 'the sender stopped while sending; not retried so it is never sent twice' })
    .where(and(eq(alertDeliveries.status, 'sending'), lt(alertDeliveries.leasedUntil, sql`now()`)))
    .returning({ id: alertDeliveries.id });
  return rows.length;
}

export async function finishDelivery(
  db: Database,
  id: string,
  outcome:
    | { status: 'sent' }
    | { status: 'skipped'; reason: string }
    | { status: 'pending'; error: string; retryInMs: number },
): Promise<void> {
  const set =
    outcome.status === 'sent'
      ? { status: 'sent' as const, sentAt: new Date(), leasedUntil: null, lastError: null }
      : outcome.status === 'skipped'
        ? { status: 'skipped' as const, leasedUntil: null, lastError: outcome.reason }
        : {
            status: 'pending' as const,
            leasedUntil: null,
            lastError: outcome.error.slice(0, 500),
            availableAt: new Date(Date.now() + outcome.retryInMs),
          };
  await db
    .update(alertDeliveries)
    .set(set)
    .where(and(eq(alertDeliveries.id, id), eq(alertDeliveries.status, 'sending')));
}

/** Who a delivery goes to, and how they want mail now (they may have changed it since). */
export async function recipientOf(db: Database, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      disabledAt: users.disabledAt,
      mode: alertSettings.email,
    })
    .from(users)
    .leftJoin(alertSettings, eq(alertSettings.userId, users.id))
    .where(eq(users.id, userId));
  return row ? { ...row, mode: row.mode ?? ('immediate' as const) } : undefined;
}

export function notificationsOfDelivery(db: Database, delivery: DeliveryRow): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(
      delivery.notificationId
        ? eq(notifications.id, delivery.notificationId)
        : eq(notifications.deliveryId, delivery.id),
    )
    .orderBy(asc(notifications.createdAt));
}

// --- digests --------------------------------------------------------------------------

/** Users on the daily digest with notifications not yet mailed (from `since` to `until`). */
export async function digestRecipients(db: Database, since: Date, until: Date): Promise<string[]> {
  const { rows } = await db.execute<{ user_id: string }>(sql`
    select distinct n.user_id from ${notifications} n
    join ${alertSettings} s on s.user_id = n.user_id and s.email = 'daily'
    where n.delivery_id is null and n.created_at >= ${since.toISOString()}::timestamptz
      and n.created_at < ${until.toISOString()}::timestamptz`);
  return rows.map((r) => r.user_id);
}

/**
 * One digest for a user and day, carrying every notification not yet mailed (since `since`,
 * up to `until`). The unique (user, day) makes a second worker's or a restart's attempt a no-op.
 */
export async function createDigest(
  db: Database,
  userId: string,
  day: string,
  since: Date,
  until: Date,
): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [delivery] = await tx
      .insert(alertDeliveries)
      .values({ userId, kind: 'digest', digestDay: day })
      .onConflictDoNothing()
      .returning({ id: alertDeliveries.id });
    if (!delivery) return null;
    const { rows } = await tx.execute<{ id: string }>(sql`
      update ${notifications} set delivery_id = ${delivery.id}::uuid
      where user_id = ${userId}::uuid and delivery_id is null
        and created_at >= ${since.toISOString()}::timestamptz and created_at < ${until.toISOString()}::timestamptz
      returning id`);
    if (rows.length === 0) {
      await tx
        .update(alertDeliveries)
        .set({ status: 'skipped', lastError: 'nothing to send' })
        .where(eq(alertDeliveries.id, delivery.id));
    }
    return delivery.id;
  });
}
