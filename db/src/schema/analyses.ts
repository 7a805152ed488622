import type { AnalysisRequest, AnalysisResult } from '@kb/contracts';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * A lawyer's saved plea analysis: the inputs and the findings as computed when saved (with the
 * entry revisions they rest on), so the memo stays the contemporaneous record even after the
 * entries change. Private to its owner; deleted for good on request.
 */
export const analyses = pgTable(
  'analyses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    matter: text('matter').notNull(),
    advice: text('advice').notNull().default(''),
    request: jsonb('request').$type<AnalysisRequest>().notNull(),
    result: jsonb('result').$type<AnalysisResult>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('analyses_user_created_idx').on(t.userId, t.createdAt)],
);
