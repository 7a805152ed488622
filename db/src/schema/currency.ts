import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { documents } from './documents';
import { users } from './users';

/**
 * The citation graph: each citation of each published document (its published revision),
 * resolved to the document the library holds for it, else kept external under its normalized
 * key. Rewritten in the publish transaction; rebuilt whole when the resolution rules change.
 */
export const citationLinks = pgTable(
  'citation_links',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    citation: text('citation').notNull(),
    // Reporter citation ("559|us|356"), statute key ("usc8s1101pap43z"), case name, or lower-cased text.
    normalized: text('normalized').notNull(),
    // The case name ("padilla v kentucky"), when the citation names a case: authority cards match on it too.
    caseName: text('case_name'),
    // The primary source the library holds for it (null: external).
    targetDocumentId: uuid('target_document_id').references(() => documents.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.position] }),
    index('citation_links_target_idx').on(t.targetDocumentId),
    index('citation_links_normalized_idx').on(t.normalized),
    index('citation_links_case_name_idx').on(t.caseName),
  ],
);

/** Authority cards: the cases lawyers cite that the library does not hold in full (db/seed/authorities.json). */
export const authorityCards = pgTable(
  'authority_cards',
  {
    slug: text('slug').primaryKey(),
    name: text('name').notNull(),
    citation: text('citation').notNull(),
    court: text('court').notNull(),
    decidedOn: date('decided_on'),
    summary: text('summary').notNull(),
    // The card's normalized citation (a reporter key) and case name: what citations match it by.
    normalized: text('normalized').notNull(),
    caseName: text('case_name'),
  },
  (t) => [
    index('authority_cards_normalized_idx').on(t.normalized),
    index('authority_cards_case_name_idx').on(t.caseName),
  ],
);

/**
 * Authority status history, append-only: the latest entry per authority is its status
 * (`good`: flag cleared). `authority_key` names the authority as the graph does:
 * `doc:<uuid>` (a held document), `card:<slug>` (an authority card) or `cite:<normalized>`.
 */
export const authorityStatusEntries = pgTable(
  'authority_status_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    authorityKey: text('authority_key').notNull(),
    citation: text('citation').notNull(),
    status: text('status').notNull(),
    date: date('date').notNull(),
    by: text('by').notNull().default(''),
    note: text('note').notNull().default(''),
    setBy: uuid('set_by').references(() => users.id, { onDelete: 'set null' }),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('authority_status_entries_key_idx').on(t.authorityKey, t.setAt)],
);

/** How often and how lately readers open a document (the review queue's second key). */
export const documentReads = pgTable('document_reads', {
  documentId: uuid('document_id')
    .primaryKey()
    .references(() => documents.id, { onDelete: 'cascade' }),
  readCount: bigint('read_count', { mode: 'number' }).notNull().default(0),
  lastReadAt: timestamp('last_read_at', { withTimezone: true }).notNull().defaultNow(),
});
