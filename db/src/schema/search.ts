import { sql } from 'drizzle-orm';
import { date, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const searchPhraseKindEnum = pgEnum('search_phrase_kind', ['abbreviation', 'lay_term', 'offense_name']);

/**
 * The lawyer's vocabulary: what practitioners type ("CMT", "ICE hold", "green card holder",
 * "joyriding") and what the guidance calls it. Admins extend it; search reads it as synonyms.
 */
export const searchPhrases = pgTable(
  'search_phrases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: searchPhraseKindEnum('kind').notNull(),
    phrase: text('phrase').notNull(),
    /** The words of the guidance it means; a citation ("VC 10851") finds that provision. */
    meanings: text('meanings').array().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('search_phrases_phrase_idx').on(sql`lower(${t.phrase})`)],
);

/**
 * Search analytics, aggregated per day and normalized query: counts only, no user, no session,
 * no address. Rows older than 90 days are deleted.
 */
export const searchQueryStats = pgTable(
  'search_query_stats',
  {
    day: date('day').notNull(),
    query: text('query').notNull(),
    searches: integer('searches').notNull().default(0),
    zeroResults: integer('zero_results').notNull().default(0),
    clicks: integer('clicks').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.query] })],
);

/** How often each filter value was used, per day (aggregated like the queries). */
export const searchFilterStats = pgTable(
  'search_filter_stats',
  {
    day: date('day').notNull(),
    facet: text('facet').notNull(),
    value: text('value').notNull(),
    uses: integer('uses').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.facet, t.value] })],
);
