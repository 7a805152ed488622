import { type AnyPgColumn, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const vocabularyEnum = pgEnum('vocabulary', ['offense_type', 'consequence']);

/** The controlled vocabulary: offense types and immigration consequences, editable by admins. */
export const taxonomyTerms = pgTable(
  'taxonomy_terms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vocabulary: vocabularyEnum('vocabulary').notNull(),
    code: text('code').notNull(),
    label: text('label').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => taxonomyTerms.id, { onDelete: 'set null' }),
    synonyms: text('synonyms').array().notNull().default([]),
    position: integer('position').notNull().default(0),
    /** Codes of terms merged into this one: saved links and imports that use them mean this term. */
    mergedCodes: text('merged_codes').array().notNull().default([]),
  },
  (t) => [uniqueIndex('taxonomy_terms_vocab_code_idx').on(t.vocabulary, t.code)],
);
