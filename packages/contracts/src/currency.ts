import { type Static, Type } from 'typebox';
import { DateOnly, DateTime, Nullable, OrganizationRef, StringEnum, Uuid } from './common';
import { DOCUMENT_KIND_CODES } from './vocabulary';

// ---------------------------------------------------------------------------------------
// "Is this still good law?": the citation graph (who cites what), authority status (an
// authority overruled, vacated…), and the review it calls for in everything citing it.
//
// One shape for "needs review" everywhere: `needsReview: boolean`. Where a page explains it
// (a document, an entry, the editors' queue) `reviewReasons` lists the flagged authorities
// behind it; the list is empty exactly when `needsReview` is false.
// ---------------------------------------------------------------------------------------

/** What an editor can say about an authority. */
export const AUTHORITY_STATUSES = [
  'overruled',
  'abrogated',
  'vacated',
  'superseded',
  'amended',
  'enjoined',
  'questioned',
] as const;
export type AuthorityStatusCode = (typeof AUTHORITY_STATUSES)[number];

/** Reader labels ("vacated on DATE"). */
export const AUTHORITY_STATUS_LABELS: Record<AuthorityStatusCode, string> = {
  overruled: 'overruled',
  abrogated: 'abrogated',
  vacated: 'vacated',
  superseded: 'superseded',
  amended: 'amended',
  enjoined: 'enjoined',
  questioned: 'questioned',
};

/**
 * PUT /api/authorities/status accepts these plus `good`: a new entry saying the authority is
 * good law again (the flag is cleared; the history keeps every entry).
 */
export const AUTHORITY_STATUS_INPUTS = [...AUTHORITY_STATUSES, 'good'] as const;
export type AuthorityStatusInput = (typeof AUTHORITY_STATUS_INPUTS)[number];

/** An authority's current status (null when it stands: never flagged, or cleared by `good`). */
export const AuthorityStatus = Type.Object({
  status: StringEnum(AUTHORITY_STATUSES),
  /** When it happened (the decision's date), YYYY-MM-DD. */
  date: DateOnly,
  /** What did it: a citation or a link ("Matter of X, 29 I&N Dec. 1 (A.G. 2026)"). */
  by: Type.String(),
  note: Type.String(),
  /** When the editor recorded it: documents citing it and published before need review. */
  setAt: DateTime,
});
export type AuthorityStatus = Static<typeof AuthorityStatus>;

/** One entry of an authority's status history (newest first); `good` cleared a flag. */
export const AuthorityStatusEntry = Type.Object({
  status: StringEnum(AUTHORITY_STATUS_INPUTS),
  date: DateOnly,
  by: Type.String(),
  note: Type.String(),
  setAt: DateTime,
  /** The editor's display name (null: the account is gone). */
  setBy: Nullable(Type.String()),
});
export type AuthorityStatusEntry = Static<typeof AuthorityStatusEntry>;

/** An authority card: a case the library does not hold in full (db/seed/authorities.json). */
export const AuthorityRef = Type.Object({ slug: Type.String(), name: Type.String() });
export type AuthorityRef = Static<typeof AuthorityRef>;

/** A published document or offense entry that cites something ("Cited by"). */
export const CitingItem = Type.Object({
  id: Uuid,
  slug: Type.String(),
  title: Type.String(),
  kind: StringEnum(DOCUMENT_KIND_CODES),
  /** The SPA page: `/documents/<slug>`, or `/charts/<jurisdiction>/<row>` for an entry. */
  path: Type.String(),
  publishedAt: Nullable(DateTime),
  organization: Nullable(OrganizationRef),
});
export type CitingItem = Static<typeof CitingItem>;

/** How many "Cited by" lists at most (newest first); `citedByCount` counts them all. */
export const CITED_BY_LIMIT = 100;

/** One citation of a document ("Cites"), resolved where the library holds the authority. */
export const CitedAuthority = Type.Object({
  /** As the document writes it. */
  citation: Type.String(),
  /**
   * The key citations meet on: a reporter citation ("559|us|356"), a statute key
   * ("usc8s1101pap43z"), a case name ("matter of pickering"), else the lower-cased text.
   */
  normalized: Type.String(),
  /** The document the library holds for it (statute section, regulation, opinion, BIA decision). */
  document: Nullable(
    Type.Object({ id: Uuid, slug: Type.String(), title: Type.String(), kind: StringEnum(DOCUMENT_KIND_CODES) }),
  ),
  /** The authority card it matches, when the library does not hold the text. */
  authority: Nullable(AuthorityRef),
  status: Nullable(AuthorityStatus),
});
export type CitedAuthority = Static<typeof CitedAuthority>;

/** Why a document needs review: a flagged authority it cites, flagged after it was last reviewed. */
export const ReviewReason = Type.Object({
  citation: Type.String(),
  /** The authority's name (the held document's title, the card's name, else the citation). */
  name: Type.String(),
  status: StringEnum(AUTHORITY_STATUSES),
  date: DateOnly,
  by: Type.String(),
  note: Type.String(),
  setAt: DateTime,
  document: Nullable(Type.Object({ id: Uuid, slug: Type.String(), title: Type.String() })),
  authority: Nullable(AuthorityRef),
});
export type ReviewReason = Static<typeof ReviewReason>;

/**
 * The currency fields of a document or entry view. `authorityStatus` is the document's own
 * status as an authority (a BIA decision vacated); `needsReview` is about what it cites.
 */
export const CurrencyFields = {
  /** Published documents and entries whose citations resolve to this one, newest first. */
  citedBy: Type.Array(CitingItem),
  citedByCount: Type.Integer(),
  cites: Type.Array(CitedAuthority),
  authorityStatus: Nullable(AuthorityStatus),
  needsReview: Type.Boolean(),
  reviewReasons: Type.Array(ReviewReason),
};

/** GET /api/authorities: every authority card. */
export const AuthorityListItem = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  citation: Type.String(),
  court: Type.String(),
  decidedOn: Nullable(DateOnly),
  status: Nullable(AuthorityStatus),
  citedByCount: Type.Integer(),
});
export type AuthorityListItem = Static<typeof AuthorityListItem>;

export const AuthorityListResponse = Type.Object({ items: Type.Array(AuthorityListItem) });
export type AuthorityListResponse = Static<typeof AuthorityListResponse>;

/** GET /api/authorities/:slug: the card, its status and history, and who cites it. */
export const AuthorityCard = Type.Object({
  ...AuthorityListItem.properties,
  /** The holding, written for this project (sample content, not legal advice). */
  summary: Type.String(),
  history: Type.Array(AuthorityStatusEntry),
  citedBy: Type.Array(CitingItem),
});
export type AuthorityCard = Static<typeof AuthorityCard>;

export const AuthoritySlugParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 200, pattern: '^[a-z0-9][a-z0-9-]*$' }),
});

/**
 * PUT /api/authorities/status (editors): exactly one of `documentId` (a primary source the
 * library holds) or `citation` (any citation; one resolving to a held document or a card
 * flags that).
 */
export const AuthorityStatusUpdate = Type.Object(
  {
    documentId: Type.Optional(Uuid),
    citation: Type.Optional(Type.String({ minLength: 3, maxLength: 500 })),
    status: StringEnum(AUTHORITY_STATUS_INPUTS),
    date: DateOnly,
    by: Type.String({ maxLength: 500 }),
    note: Type.String({ maxLength: 5000 }),
  },
  { additionalProperties: false },
);
export type AuthorityStatusUpdate = Static<typeof AuthorityStatusUpdate>;

export const AuthorityStatusResponse = Type.Object({
  /** What was flagged: the held document, the card, or the bare citation. */
  citation: Type.String(),
  normalized: Type.String(),
  document: Nullable(Type.Object({ id: Uuid, slug: Type.String(), title: Type.String() })),
  authority: Nullable(AuthorityRef),
  /** null after `good`. */
  status: Nullable(AuthorityStatus),
  history: Type.Array(AuthorityStatusEntry),
  /** Published documents and entries citing it that need review now. */
  needsReviewCount: Type.Integer(),
});
export type AuthorityStatusResponse = Static<typeof AuthorityStatusResponse>;

/** POST /api/editor/documents/:id/review: "still right" — sets last reviewed (a new published revision). */
export const DocumentReviewInput = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);
export type DocumentReviewInput = Static<typeof DocumentReviewInput>;

export const DocumentReviewResponse = Type.Object({
  id: Uuid,
  revisionId: Uuid,
  revisionNumber: Type.Integer(),
  lastReviewedAt: DateOnly,
  needsReview: Type.Boolean(),
});
export type DocumentReviewResponse = Static<typeof DocumentReviewResponse>;

/** GET /api/editor/review-queue: needs-review and overdue items, most bookmarked then most recently read first. */
export const ReviewQueueQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    /** Only what flagged authorities call for (default: that and overdue reviews). */
    reason: Type.Optional(Type.Union([Type.Literal('authority'), Type.Literal('overdue')])),
  },
  { additionalProperties: false },
);
export type ReviewQueueQuery = Static<typeof ReviewQueueQuery>;

export const ReviewQueueItem = Type.Object({
  id: Uuid,
  slug: Type.String(),
  title: Type.String(),
  kind: StringEnum(DOCUMENT_KIND_CODES),
  path: Type.String(),
  organization: Nullable(OrganizationRef),
  revisionNumber: Type.Integer(),
  lastReviewedAt: Nullable(DateOnly),
  needsReview: Type.Boolean(),
  reviewReasons: Type.Array(ReviewReason),
  /** Not reviewed (nor dated) within REVIEW_STALE_MONTHS. */
  reviewOverdue: Type.Boolean(),
  bookmarkCount: Type.Integer(),
  readCount: Type.Integer(),
  lastReadAt: Nullable(DateTime),
});
export type ReviewQueueItem = Static<typeof ReviewQueueItem>;

export const ReviewQueueResponse = Type.Object({
  items: Type.Array(ReviewQueueItem),
  total: Type.Integer(),
  page: Type.Integer(),
  perPage: Type.Integer(),
  reviewStaleMonths: Type.Integer(),
});
export type ReviewQueueResponse = Static<typeof ReviewQueueResponse>;
