import type { OffenseEntryData } from '@kb/contracts';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { taxonomyTerms } from './taxonomy';
import { users } from './users';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const documentStatusEnum = pgEnum('document_status', ['draft', 'in_review', 'published', 'archived']);
export const audienceEnum = pgEnum('audience', ['defense', 'immigration', 'both']);

/** Identity and lifecycle of a document; its content lives in revisions. */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Id in the system a bulk import came from, so a re-import updates instead of duplicating.
    externalId: text('external_id').unique(),
    slug: text('slug').notNull().unique(),
    status: documentStatusEnum('status').notNull().default('draft'),
    // The latest saved revision (what editors work on).
    headRevisionId: uuid('head_revision_id').references((): AnyPgColumn => revisions.id),
    // The revision readers see; null until first published.
    publishedRevisionId: uuid('published_revision_id').references((): AnyPgColumn => revisions.id),
    // The owning organization: only its editors change the document. Null for the
    // public-domain corpus (statutes, decisions), which network admins maintain.
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'restrict' }),
    supersededById: uuid('superseded_by_id').references((): AnyPgColumn => documents.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [index('documents_status_idx').on(t.status), index('documents_organization_idx').on(t.organizationId)],
);

/** Every save of a document: full content and metadata, never updated in place. */
export const revisions = pgTable(
  'revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    baseRevisionId: uuid('base_revision_id').references((): AnyPgColumn => revisions.id),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // When this revision was first made public (null: never published; readers may not see it).
    publishedAt: timestamp('published_at', { withTimezone: true }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    publisher: text('publisher').notNull().default(''),
    authors: text('authors').array().notNull().default([]),
    jurisdictions: text('jurisdictions').array().notNull().default([]),
    audience: audienceEnum('audience').notNull().default('both'),
    documentDate: date('document_date'),
    lastReviewedAt: date('last_reviewed_at'),
    citations: text('citations').array().notNull().default([]),
    offenseTypes: text('offense_types').array().notNull().default([]),
    consequences: text('consequences').array().notNull().default([]),
    source: text('source'),
    body: text('body').notNull().default(''),
    // The chart row, for documents of kind `offense_entry` (null for every other kind).
    offense: jsonb('offense').$type<OffenseEntryData>(),
  },
  (t) => [
    uniqueIndex('revisions_document_number_idx').on(t.documentId, t.number),
    // The citation index's fingerprint and rebuild read the published primary sources on each
    // publish with citations: without it, a scan of every revision (13 ms on 10,000 documents).
    index('revisions_kind_idx').on(t.kind, t.id),
  ],
);

/** A revision split by headings: the unit of search and of bookmarks. */
export const documentSections = pgTable(
  'document_sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    revisionId: uuid('revision_id')
      .notNull()
      .references(() => revisions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    anchor: text('anchor').notNull(),
    heading: text('heading').notNull(),
    level: integer('level').notNull(),
    // Anchor of the enclosing chapter (level-1 heading) in treatises.
    chapterAnchor: text('chapter_anchor'),
    body: text('body').notNull(),
    // PostgreSQL full-text fallback when Meilisearch is unavailable.
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('english', coalesce(heading, '')), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')`,
    ),
  },
  (t) => [
    uniqueIndex('document_sections_revision_anchor_idx').on(t.revisionId, t.anchor),
    index('document_sections_search_idx').using('gin', t.searchVector),
  ],
);

/** Taxonomy tags of each document's published revision (for facets, merges and the fallback). */
export const documentTerms = pgTable(
  'document_terms',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    termId: uuid('term_id')
      .notNull()
      .references(() => taxonomyTerms.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.termId] }), index('document_terms_term_idx').on(t.termId)],
);

/**
 * The statutes of each published offense entry by canonical citation key, so that a citation
 * ("PC 273.5", "Cal. Penal Code § 273.5(a)") finds its chart rows. Rewritten at publish.
 */
export const offenseStatutes = pgTable(
  'offense_statutes',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    jurisdiction: text('jurisdiction').notNull(),
    // Canonical key from @kb/search's citation module ("capc273d5paz"), or "raw:<text>" when unrecognised.
    statuteKey: text('statute_key').notNull(),
    // The key of the section without subsections ("capc273d5z"), for partial citations; null when unrecognised.
    sectionKey: text('section_key'),
    // The citation as the entry writes it.
    statute: text('statute').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.statuteKey] }),
    index('offense_statutes_key_idx').using('btree', t.statuteKey.op('text_pattern_ops')),
    index('offense_statutes_jurisdiction_idx').on(t.jurisdiction, t.statuteKey),
  ],
);

export const reviewEntryKindEnum = pgEnum('review_entry_kind', ['comment', 'approval', 'supersession']);

/**
 * Review comments on a document, the approvals that published it and the approved supersessions
 * across organizations (who, when, what they said).
 */
export const reviewEntries = pgTable(
  'review_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    // The revision commented on or approved.
    revisionId: uuid('revision_id').references(() => revisions.id, { onDelete: 'set null' }),
    kind: reviewEntryKindEnum('kind').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('review_entries_document_idx').on(t.documentId, t.createdAt)],
);

export const supersessionRequestStatusEnum = pgEnum('supersession_request_status', [
  'pending',
  'approved',
  'declined',
  'withdrawn',
]);

/**
 * One organization asks that its published document replace another organization's: only
 * the replaced document's organization approves (which marks it superseded) or declines.
 */
export const supersessionRequests = pgTable(
  'supersession_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // The document to be marked superseded (the other organization's).
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    // The requesting organization's document that replaces it.
    successorId: uuid('successor_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    status: supersessionRequestStatusEnum('status').notNull().default('pending'),
    note: text('note').notNull().default(''),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decisionNote: text('decision_note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('supersession_requests_document_idx').on(t.documentId, t.status),
    index('supersession_requests_successor_idx').on(t.successorId, t.status),
    // One pending request per pair: asking twice does not queue two.
    uniqueIndex('supersession_requests_pending_idx')
      .on(t.documentId, t.successorId)
      .where(sql`${t.status} = 'pending'`),
  ],
);

export const outboxOpEnum = pgEnum('outbox_op', ['upsert', 'delete']);

/** Changes waiting to reach the search index, written in the same transaction as the change. */
export const searchOutbox = pgTable(
  'search_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: uuid('document_id').notNull(),
    op: outboxOpEnum('op').notNull(),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }).notNull().defaultNow(),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [index('search_outbox_available_idx').on(t.availableAt)],
);

export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const documentEventKindEnum = pgEnum('document_event_kind', [
  'published',
  'revised',
  'superseded',
  'needs_review',
]);

/** A consequence column whose outcome a revision changed ("cimt": "no" → "depends"). */
export interface ChangedOutcome {
  column: string;
  before: string | null;
  after: string | null;
}

/**
 * What followers need to know of a document event, captured when it happened (the document
 * may change again before anyone reads it). No private data: published content only.
 */
export interface DocumentEventPayload {
  title: string;
  slug: string;
  /** The document's kind (`advisory`, `offense_entry`, …). */
  kind: string;
  /** The revision's change note (the note editors write for readers of the history). */
  note: string;
  /** Headings of the sections a revision added, changed or removed. */
  changedSections: string[];
  /** Offense entries: consequence columns whose outcome changed. */
  changedOutcomes: ChangedOutcome[];
  /** Offense entries: the statute keys (and their sections' keys) a citation watch matches. */
  statuteKeys: string[];
  offenseTypes: string[];
  consequences: string[];
  jurisdictions: string[];
  publisher: string;
  /** superseded: the document that replaces it. */
  successor?: { id: string; slug: string; title: string } | null;
  /** needs_review: why (e.g. an authority it rests on was vacated). */
  reason?: string;
}

/**
 * Append-only log of what happened to published documents, written in the same transaction
 * as the change (the outbox pattern). Other modules (alerts) read it and keep their own
 * progress; rows are never updated or deleted by them.
 */
export const documentEvents = pgTable(
  'document_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: documentEventKindEnum('kind').notNull(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    /** The revision the event is about (the one published, the current one when flagged). */
    revisionId: uuid('revision_id').references(() => revisions.id, { onDelete: 'set null' }),
    /** revised: the revision readers saw before. */
    previousRevisionId: uuid('previous_revision_id').references(() => revisions.id, { onDelete: 'set null' }),
    payload: jsonb('payload').$type<DocumentEventPayload>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('document_events_document_idx').on(t.documentId, t.id)],
);
