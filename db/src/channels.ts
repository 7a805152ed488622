/**
 * PostgreSQL NOTIFY channels the API processes listen on (one LISTEN connection per process).
 * A notification is a wake-up, never the data: whoever receives one reads the tables.
 */

/** A row was added to search_outbox: the outbox worker drains it now instead of at its next poll. */
export const SEARCH_OUTBOX_CHANNEL = 'kb_search_outbox';

/** The search indexes changed (a write applied, a reindex swapped, settings replaced): cached answers are stale. */
export const SEARCH_INDEX_CHANNEL = 'kb_search_index';
