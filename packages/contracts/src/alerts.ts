import { type Static, Type } from 'typebox';
import { DateTime, Nullable, StringEnum, Uuid } from './common';

// ---------------------------------------------------------------------------------------
// Watches, notifications and e-mail alerts: a signed-in user follows something, and hears
// (in the app and, if they choose, by e-mail) when published guidance about it changes.
// ---------------------------------------------------------------------------------------

/**
 * What a watch follows, and what its `target` is:
 * - `offense`: an offense entry (chart row), by id or slug;
 * - `citation`: a statute as written ("PC 273.5"), covering every entry for it, future ones too;
 * - `offenseType`, `consequence`: a vocabulary term code (`domestic_violence`, `cimt`);
 * - `jurisdiction`: a jurisdiction code (`federal`, `us-ca`);
 * - `search`: a saved search, as the search page's query string (`q=dui&consequence=cimt`);
 * - `document`: a document, by id or slug.
 */
export const WATCH_KINDS = [
  'offense',
  'citation',
  'offenseType',
  'consequence',
  'jurisdiction',
  'search',
  'document',
] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];
export const WatchKindSchema = StringEnum(WATCH_KINDS);

/** What happened to a document: the events that reach its followers. */
export const DOCUMENT_EVENT_KINDS = ['published', 'revised', 'superseded', 'needs_review'] as const;
export type DocumentEventKind = (typeof DOCUMENT_EVENT_KINDS)[number];
export const DocumentEventKindSchema = StringEnum(DOCUMENT_EVENT_KINDS);

/** How a user hears by e-mail: a message per event, one digest a day, or not at all. */
export const ALERT_EMAIL_MODES = ['immediate', 'daily', 'none'] as const;
export type AlertEmailMode = (typeof ALERT_EMAIL_MODES)[number];
export const AlertEmailModeSchema = StringEnum(ALERT_EMAIL_MODES);

export const WATCH_NAME_MAX = 120;
export const WATCH_TARGET_MAX = 600;

/** POST /api/me/watches */
export const CreateWatchBody = Type.Object(
  {
    kind: WatchKindSchema,
    target: Type.String({ minLength: 1, maxLength: WATCH_TARGET_MAX }),
    /** A name of the user's choosing (saved searches); defaults to a label of the target. */
    name: Type.Optional(Type.String({ maxLength: WATCH_NAME_MAX })),
  },
  { additionalProperties: false },
);
export type CreateWatchBody = Static<typeof CreateWatchBody>;

/** Following the same thing twice answers the existing watch's id. */
export const CreateWatchResponse = Type.Object({ id: Uuid });
export type CreateWatchResponse = Static<typeof CreateWatchResponse>;

export const Watch = Type.Object({
  id: Uuid,
  kind: WatchKindSchema,
  /** The target as stored: a document's id, a statute as written, a term code, a query string. */
  target: Type.String(),
  /** The user's name for it, or a label of the target ("PC 273.5 — Corporal injury to spouse"). */
  name: Type.String(),
  /** Where the SPA shows the followed thing (`/charts/us-ca/pc-273-5-a`, `/search?q=…`). */
  url: Type.String(),
  createdAt: DateTime,
});
export type Watch = Static<typeof Watch>;

export const WatchListResponse = Type.Object({ items: Type.Array(Watch) });
export type WatchListResponse = Static<typeof WatchListResponse>;

export const Notification = Type.Object({
  id: Uuid,
  event: DocumentEventKindSchema,
  /** One line: "Revised: PC 273.5 — Corporal injury to spouse". */
  title: Type.String(),
  /** What changed: the change note, the changed sections or consequence outcomes. */
  summary: Type.String(),
  /**
   * Straight to the change: for `revised`, the readers' "What changed" page between the two
   * revisions (`/documents/<slug>/changes?from=<id>&to=<id>`); otherwise the document's page
   * (an offense entry's chart row page).
   */
  url: Type.String(),
  documentId: Uuid,
  createdAt: DateTime,
  readAt: Nullable(DateTime),
});
export type Notification = Static<typeof Notification>;

export const NotificationsQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    /** Older than this notification (paging down the list). */
    before: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type NotificationsQuery = Static<typeof NotificationsQuery>;

/** GET /api/me/notifications: newest first, with the count of unread ones. */
export const NotificationsResponse = Type.Object({ unread: Type.Integer(), items: Type.Array(Notification) });
export type NotificationsResponse = Static<typeof NotificationsResponse>;

/** POST /api/me/notifications/read: these (`ids`) or every one (`all: true`). */
export const MarkNotificationsReadBody = Type.Object(
  {
    ids: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
    all: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type MarkNotificationsReadBody = Static<typeof MarkNotificationsReadBody>;

export const MarkNotificationsReadResponse = Type.Object({ unread: Type.Integer() });
export type MarkNotificationsReadResponse = Static<typeof MarkNotificationsReadResponse>;

/** GET and PUT /api/me/alert-settings */
export const AlertSettings = Type.Object({ email: AlertEmailModeSchema }, { additionalProperties: false });
export type AlertSettings = Static<typeof AlertSettings>;

/** POST /api/alerts/unsubscribe (the signed link of every alert message). */
export const UnsubscribeQuery = Type.Object({
  u: Uuid,
  t: Type.String({ minLength: 10, maxLength: 200 }),
});
export type UnsubscribeQuery = Static<typeof UnsubscribeQuery>;

export const UnsubscribeResponse = Type.Object({ email: AlertEmailModeSchema, unsubscribed: Type.Boolean() });
export type UnsubscribeResponse = Static<typeof UnsubscribeResponse>;
