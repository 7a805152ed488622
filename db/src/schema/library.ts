import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { documents, revisions } from './documents';
import { users } from './users';

/** A reader's folders of bookmarks. */
export const folders = pgTable(
  'folders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('folders_user_name_idx').on(t.userId, t.name)],
);

export const bookmarks = pgTable(
  'bookmarks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    // '' bookmarks the whole document; keeps the uniqueness constraint simple.
    sectionAnchor: text('section_anchor').notNull().default(''),
    folderId: uuid('folder_id').references(() => folders.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    // The published revision the user saw, for "updated since you saved it".
    savedRevisionId: uuid('saved_revision_id').references(() => revisions.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bookmarks_user_document_section_idx').on(t.userId, t.documentId, t.sectionAnchor),
    index('bookmarks_folder_idx').on(t.folderId),
  ],
);
