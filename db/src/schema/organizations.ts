import { pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const reviewPolicyEnum = pgEnum('review_policy', ['single', 'two_person']);

/**
 * A member of the publishing network: it owns documents and offense entries, has its own
 * editors and its own review policy (`two_person`: the author of a draft cannot publish it).
 */
export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  shortName: text('short_name').notNull().default(''),
  slug: text('slug').notNull().unique(),
  description: text('description').notNull().default(''),
  // How readers reach the organization ("intake@example.org · (555) 010-0100").
  contact: text('contact').notNull().default(''),
  reviewPolicy: reviewPolicyEnum('review_policy').notNull().default('single'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
