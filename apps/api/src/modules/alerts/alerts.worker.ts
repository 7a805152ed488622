import { CONSEQUENCE_COLUMN_SHORT, type ConsequenceColumn, offenseEntryPath } from '@kb/contracts';
import type { Database, DocumentEventPayload, Tx, WatchedSearch } from '@kb/db';
import type { FastifyBaseLogger } from 'fastify';
import type { MailTransport } from '../../plugins/mail';
import { documentStatus, queriesMatchingRevision } from '../documents';
import { alertMessage, digestMessage, type MailItem, type UnsubscribeLinks } from './alerts.mail';
import {
  abandonExpiredLeases,
  anyWatch,
  claimDelivery,
  claimEvents,
  createDigest,
  type DeliveryRow,
  type DocumentEventRow,
  digestRecipients,
  fanOut,
  finishDelivery,
  markFannedOut,
  markFannedOutAll,
  newestEventId,
  notificationsOfDelivery,
  recipientOf,
  searchWatches,
} from './alerts.repository';

const EVENT_BATCH = 50;
/** Events marked done per transaction when nobody follows anything. */
const IDLE_EVENT_BATCH = 1_000;
/** How often the idle worker scans the whole log anyway (an event committed late, out of id order). */
const FULL_SCAN_MS = 2_000;
/** Deliveries sent per worker step, so fan-out of new events is never starved by a long queue. */
const DELIVERY_BATCH = 20;
/** How long a claimed delivery is its sender's: longer than any SMTP exchange (SMTP_TIMEOUT_MS). */
export const DELIVERY_LEASE_MS = 120_000;
const MAX_ATTEMPTS = 8;
const MAX_BACKOFF_MS = 30 * 60_000;
const HOUSEKEEPING_MS = 5_000;
/** A digest carries notifications of at most this far back (a user who just switched to daily). */
const DIGEST_WINDOW_MS = 48 * 3_600_000;

const LABELS: Record<DocumentEventRow['kind'], string> = {
  published: 'New',
  revised: 'Revised',
  superseded: 'Superseded',
  needs_review: 'Under review',
};

export interface AlertsWorkerOptions {
  publicUrl: string;
  links: UnsubscribeLinks;
  /** The UTC hour daily digests go out. */
  digestHour: number;
  /** The digest clock (tests move it); everything else uses the database's. */
  now?: () => Date;
  idleMs?: number;
}

/**
 * Straight to the change. A revised chart row opens on its row, which shows the changed
 * consequence outcomes above it (`?diff=`); a revised document on the readers' "What changed"
 * page between the two revisions.
 */
function eventUrl(event: DocumentEventRow, payload: DocumentEventPayload): string {
  const revised = event.kind === 'revised' && event.previousRevisionId && event.revisionId;
  if (payload.kind === 'offense_entry') {
    const row = offenseEntryPath(payload.slug);
    return revised ? `${row}?diff=${event.previousRevisionId}..${event.revisionId}` : row;
  }
  if (revised) {
    const between = new URLSearchParams({ from: event.previousRevisionId ?? '', to: event.revisionId ?? '' });
    return `/documents/${payload.slug}/changes?${between}`;
  }
  return `/documents/${payload.slug}`;
}

const columnName = (column: string) => CONSEQUENCE_COLUMN_SHORT[column as ConsequenceColumn] ?? column;

/** What changed, in words: the change note, the changed outcomes and sections, the successor, the reason. */
export function eventSummary(kind: DocumentEventRow['kind'], payload: DocumentEventPayload): string {
  const lines: string[] = [];
  if (payload.changedOutcomes.length > 0) {
    lines.push(
      `Changed outcomes: ${payload.changedOutcomes
        .map((c) => `${columnName(c.column)}: ${c.before ?? 'none'} → ${c.after ?? 'none'}`)
        .join('; ')}`,
    );
  }
  if (payload.changedSections.length > 0) {
    lines.push(`Changed sections: ${payload.changedSections.slice(0, 10).join('; ')}`);
  }
  if (payload.note && kind !== 'published') lines.push(`Change note: ${payload.note}`);
  if (kind === 'superseded' && payload.successor) lines.push(`Replaced by: ${payload.successor.title}`);
  if (kind === 'needs_review' && payload.reason) lines.push(payload.reason);
  return lines.join('\n').slice(0, 4000);
}

/** Whether a new document matches a saved search's filters (its words are checked by PostgreSQL). */
function filtersMatch(search: WatchedSearch, payload: DocumentEventPayload): boolean {
  const has = (wanted: string[] | undefined, values: string[]) =>
    !wanted?.length || wanted.some((w) => values.includes(w));
  const f = search.filters;
  return (
    has(f.offenseType, payload.offenseTypes) &&
    has(f.consequence, payload.consequences) &&
    has(f.jurisdiction, payload.jurisdictions) &&
    has(f.kind, [payload.kind]) &&
    has(f.publisher, [payload.publisher])
  );
}

/**
 * Drains the document event log into followers' notifications, then into e-mail.
 *
 * Fan-out: each event is claimed (row lock, SKIP LOCKED: replicas share the work) and its
 * notifications, deliveries and "done" mark are written in one transaction; the unique
 * (user, event) makes any replay harmless. Only events about documents published at fan-out
 * time reach anyone: a draft has no events, and an archived document's pending ones are dropped.
 *
 * Delivery is AT MOST ONCE per (user, event), by choice: a delivery is claimed with a lease and
 * committed before the SMTP exchange, and marked sent right after the server accepts. A refusal
 * or an unreachable server puts it back with exponential backoff (nothing left). A process
 * killed during the exchange leaves it `sending`; when the lease runs out it becomes
 * `uncertain` and is never sent again. The cost is that a crash in that window (milliseconds)
 * may lose one e-mail — the notification stays in the app — where at-least-once would mail
 * twice: the issue asks that a restart never mails twice. One message per follower holds
 * because each delivery row is unique per notification (immediate) or per user and day (digest).
 */
export class AlertsWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private lastHousekeeping = 0;
  private newestSeen = -1;
  private lastFullScan = 0;
  private readonly now: () => Date;
  private readonly idleMs: number;

  constructor(
    private readonly db: Database,
    private readonly mail: MailTransport | null,
    private readonly log: Pick<FastifyBaseLogger, 'warn' | 'info' | 'error'>,
    private readonly options: AlertsWorkerOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.idleMs = options.idleMs ?? 200;
  }

  /**
   * Whether the log may hold events not fanned out: its newest id moved since the last look, or
   * a while passed (an older event's transaction may commit after a newer one's). Keeps the idle
   * worker from scanning the whole log five times a second.
   */
  private async mayHaveNewEvents(): Promise<boolean> {
    const newest = await newestEventId(this.db);
    const due = Date.now() - this.lastFullScan > FULL_SCAN_MS;
    if (newest === this.newestSeen && !due) return false;
    this.newestSeen = newest;
    this.lastFullScan = Date.now();
    return true;
  }

  /** Fans out one batch of events; resolves to the number of events handled. */
  async fanOutOnce(options: { force?: boolean } = {}): Promise<number> {
    if (!options.force && !(await this.mayHaveNewEvents())) return 0;
    const handled = await this.db.transaction(async (tx) => {
      // Nobody follows anything (a fresh install, a bulk import): mark the batch done in one go.
      if (!(await anyWatch(tx))) {
        const events = await claimEvents(tx, IDLE_EVENT_BATCH);
        await markFannedOutAll(
          tx,
          events.map((e) => e.id),
        );
        return events.length;
      }
      const events = await claimEvents(tx, EVENT_BATCH);
      let searches: Array<{ id: string; search: WatchedSearch | null }> | undefined;
      for (const event of events) {
        const recipients = await this.fanOutEvent(tx, event, async () => {
          searches ??= await searchWatches(tx);
          return searches;
        });
        await markFannedOut(tx, event.id, recipients);
      }
      return events.length;
    });
    // More may be waiting behind this batch: look again next time without the cheap check.
    if (handled > 0) this.newestSeen = -1;
    return handled;
  }

  private async fanOutEvent(
    tx: Tx,
    event: DocumentEventRow,
    loadSearches: () => Promise<Array<{ id: string; search: WatchedSearch | null }>>,
  ): Promise<number> {
    const status = await documentStatus(tx, event.documentId);
    // Readers may read published documents only: nothing about drafts, archived or deleted ones.
    if (status?.status !== 'published') return 0;
    const payload = event.payload;
    const isNew = event.kind === 'published';
    let searchWatchIds: string[] = [];
    if (isNew && event.revisionId) {
      const candidates = (await loadSearches()).filter((w) => w.search && filtersMatch(w.search, payload));
      const queries = [...new Set(candidates.map((w) => w.search?.q ?? '').filter(Boolean))];
      const matched = new Set(await queriesMatchingRevision(tx, event.revisionId, queries));
      searchWatchIds = candidates.filter((w) => !w.search?.q || matched.has(w.search.q)).map((w) => w.id);
    }
    return fanOut(
      tx,
      event,
      {
        documentId: event.documentId,
        isNew,
        statuteKeys: payload.statuteKeys,
        offenseTypes: payload.offenseTypes,
        consequences: payload.consequences,
        jurisdictions: payload.jurisdictions,
        searchWatchIds,
      },
      {
        title: `${LABELS[event.kind]}: ${payload.title}`.slice(0, 500),
        summary: eventSummary(event.kind, payload),
        url: eventUrl(event, payload),
      },
      this.mail !== null,
    );
  }

  /** The digest moment that last passed: today at the digest hour, or yesterday's. */
  private lastDigestMoment(): Date {
    const now = this.now();
    const moment = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), this.options.digestHour),
    );
    if (moment.getTime() > now.getTime()) moment.setUTCDate(moment.getUTCDate() - 1);
    return moment;
  }

  /** Creates the daily digests due (one per user and day); resolves to how many were created. */
  async digestOnce(): Promise<number> {
    if (!this.mail) return 0;
    const until = this.lastDigestMoment();
    const since = new Date(until.getTime() - DIGEST_WINDOW_MS);
    const day = until.toISOString().slice(0, 10);
    let created = 0;
    for (const userId of await digestRecipients(this.db, since, until)) {
      if (await createDigest(this.db, userId, day, since, until)) created++;
    }
    return created;
  }

  /** Sends one due delivery; resolves false when none was due. */
  async deliverOnce(): Promise<boolean> {
    if (!this.mail) return false;
    const delivery = await claimDelivery(this.db, DELIVERY_LEASE_MS);
    if (!delivery) return false;
    await this.deliver(this.mail, delivery);
    return true;
  }

  private async deliver(mail: MailTransport, delivery: DeliveryRow): Promise<void> {
    const recipient = await recipientOf(this.db, delivery.userId);
    const wanted = delivery.kind === 'digest' ? 'daily' : 'immediate';
    if (!recipient || recipient.disabledAt || recipient.mode !== wanted) {
      await finishDelivery(this.db, delivery.id, { status: 'skipped', reason: 'the user no longer wants this e-mail' });
      return;
    }
    const items: MailItem[] = [];
    for (const n of await notificationsOfDelivery(this.db, delivery)) {
      // The document may have been archived since: say nothing more of it.
      if ((await documentStatus(this.db, n.documentId))?.status !== 'published') continue;
      items.push({ title: n.title, summary: n.summary, url: n.url, createdAt: n.createdAt });
    }
    if (items.length === 0) {
      await finishDelivery(this.db, delivery.id, { status: 'skipped', reason: 'nothing readable left to send' });
      return;
    }
    const ctx = { publicUrl: this.options.publicUrl, unsubscribeUrl: this.options.links.url(recipient.id) };
    const message =
      delivery.kind === 'digest'
        ? digestMessage(recipient.email, items, delivery.digestDay ?? '', ctx)
        : alertMessage(recipient.email, items[0] as MailItem, ctx);
    try {
      await mail.send(message);
    } catch (error) {
      const attempts = delivery.attempts;
      const permanent = /^5\d\d/.test(String((error as { responseCode?: number }).responseCode ?? ''));
      if (permanent || attempts >= MAX_ATTEMPTS) {
        this.log.warn({ err: error, delivery: delivery.id, attempts }, 'alert e-mail refused; giving up');
        await finishDelivery(this.db, delivery.id, { status: 'skipped', reason: String((error as Error).message) });
        return;
      }
      const retryInMs = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** attempts);
      this.log.warn({ err: error, delivery: delivery.id, attempts, retryInMs }, 'alert e-mail not sent; will retry');
      await finishDelivery(this.db, delivery.id, {
        status: 'pending',
        error: String((error as Error).message),
        retryInMs,
      });
      return;
    }
    await finishDelivery(this.db, delivery.id, { status: 'sent' });
  }

  /** Runs every stage until nothing is left (tests, CLI). */
  async drainAll(): Promise<void> {
    while ((await this.fanOutOnce({ force: true })) > 0) {}
    await this.digestOnce();
    while (await this.deliverOnce()) {}
  }

  /** One step of the loop; resolves to the delay before the next. */
  private async step(): Promise<number> {
    const events = await this.fanOutOnce();
    if (Date.now() - this.lastHousekeeping > HOUSEKEEPING_MS) {
      this.lastHousekeeping = Date.now();
      const abandoned = await abandonExpiredLeases(this.db);
      if (abandoned > 0) {
        this.log.warn({ deliveries: abandoned }, 'alert e-mails interrupted mid-send; not sent again (at most once)');
      }
      await this.digestOnce();
    }
    let sent = 0;
    while (!this.stopped && sent < DELIVERY_BATCH && (await this.deliverOnce())) sent++;
    return events > 0 || sent > 0 ? 0 : this.idleMs;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      let next = this.idleMs;
      try {
        next = await this.step();
      } catch (error) {
        // PostgreSQL unreachable, a bug: log, wait, try again; never crash the process.
        this.log.warn({ err: error }, 'alerts worker step failed; will retry');
        next = 1_000;
      }
      if (!this.stopped) this.timer = setTimeout(() => this.schedule(tick), next);
    };
    this.schedule(tick);
  }

  private schedule(tick: () => Promise<void>): void {
    this.running = tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => {});
  }
}
