import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { documentEventKindEnum, documentEvents } from './documents';
import { users } from './users';

export const watchKindEnum = pgEnum('watch_kind', [
  'offense',
  'citation',
  'offenseType',
  'consequence',
  'jurisdiction',
  'search',
  'document',
]);
export const alertEmailModeEnum = pgEnum('alert_email_mode', ['immediate', 'daily', 'none']);

/** A saved search a `search` watch matches new documents against. */
export interface WatchedSearch {
  q: string;
  filters: Partial<Record<'offenseType' | 'consequence' | 'jurisdiction' | 'kind' | 'publisher', string[]>>;
}

/** Something a user follows. `matchKey` is what events are matched on (a document id, a statute key, a code). */
export const watches = pgTable(
  'watches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: watchKindEnum('kind').notNull(),
    /** The target as the user gave it, normalized (a document id, "PC 273.5", a query string). */
    target: text('target').notNull(),
    matchKey: text('match_key').notNull(),
    name: text('name').notNull(),
    search: jsonb('search').$type<WatchedSearch>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('watches_user_kind_key_idx').on(t.userId, t.kind, t.matchKey),
    index('watches_kind_key_idx').on(t.kind, t.matchKey),
  ],
);

/** How a user hears by e-mail (no row: immediate). */
export const alertSettings = pgTable('alert_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  email: alertEmailModeEnum('email').notNull().default('immediate'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The document events the alerts worker has fanned out (its progress through the append-only log). */
export const alertFanouts = pgTable('alert_fanouts', {
  eventId: bigint('event_id', { mode: 'number' })
    .primaryKey()
    .references(() => documentEvents.id, { onDelete: 'cascade' }),
  recipients: integer('recipients').notNull(),
  processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
});

export const deliveryKindEnum = pgEnum('alert_delivery_kind', ['immediate', 'digest']);
export const deliveryStatusEnum = pgEnum('alert_delivery_status', [
  'pending',
  'sending',
  'sent',
  'uncertain',
  'skipped',
]);

/**
 * One e-mail to one user: a single event (immediate) or a day's events (digest). Claimed with
 * a lease before sending; `uncertain` is a send whose process died before recording it — not
 * retried, so nobody is mailed twice.
 */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: deliveryKindEnum('kind').notNull(),
    /** immediate: the notification it carries (one message per user and event). */
    notificationId: uuid('notification_id').unique(),
    /** digest: the day it covers (one digest per user and day). */
    digestDay: text('digest_day'),
    status: deliveryStatusEnum('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    leasedUntil: timestamp('leased_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('alert_deliveries_digest_idx').on(t.userId, t.digestDay),
    index('alert_deliveries_due_idx').on(t.availableAt).where(sql`${t.status} in ('pending', 'sending')`),
  ],
);

/** What a follower sees in the app: one per user and event. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => documentEvents.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id').notNull(),
    event: documentEventKindEnum('event').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    url: text('url').notNull(),
    /** The e-mail that carries it (null: not mailed, or not yet). */
    deliveryId: uuid('delivery_id').references(() => alertDeliveries.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_user_event_idx').on(t.userId, t.eventId),
    index('notifications_user_created_idx').on(t.userId, t.createdAt),
  ],
);
