import { type Database, documents, revisions, SEARCH_INDEX_CHANNEL, searchOutbox, type Tx, users } from '@kb/db';
import type { ReviewFilter } from '@kb/search';
import { and, eq, ilike, inArray, Placeholder, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { type CurrentUserRow, currentUserFields } from '../../plugins/auth.repository';

export async function outboxStatus(db: Database) {
  const [row] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${searchOutbox.attempts} = 0)`,
      failing: sql<number>`count(*) filter (where ${searchOutbox.attempts} > 0)`,
      oldest: sql<Date | null>`min(${searchOutbox.enqueuedAt})`,
      lastError: sql<
        string | null
      >`(array_agg(${searchOutbox.lastError} order by ${searchOutbox.id} desc) filter (where ${searchOutbox.lastError} is not null))[1]`,
    })
    .from(searchOutbox);
  return {
    pending: Number(row?.pending ?? 0),
    failing: Number(row?.failing ?? 0),
    oldestEnqueuedAt: row?.oldest ? new Date(row.oldest) : null,
    lastError: row?.lastError ?? null,
  };
}

export interface FallbackSearchParams {
  q: string;
  /**
   * The query as groups of alternatives (fallbackTerms of @kb/search): every group must match,
   * any alternative of a group may. Empty: `q` is searched as typed.
   */
  terms: string[][];
  filters: Partial<Record<'offenseType' | 'consequence' | 'jurisdiction' | 'kind' | 'publisher', string[]>> & {
    review?: ReviewFilter;
  };
  offset: number;
  limit: number;
  sort: 'relevance' | 'newest' | 'reviewed';
  /** Stop the query after this long: a degraded answer must still be a quick one. */
  timeoutMs: number;
}

export interface FallbackHitRow {
  id: string;
  slug: string;
  external_id: string | null;
  title: string;
  kind: string;
  publisher: string;
  jurisdictions: string[];
  document_date: string | null;
  superseded: boolean;
  anchor: string | null;
  heading: string | null;
  snippet: string | null;
  summary: string;
}

export interface FallbackSearchResult {
  total: number;
  hits: FallbackHitRow[];
  facets: Record<'offenseType' | 'consequence' | 'jurisdiction' | 'kind' | 'publisher', Record<string, number>>;
}

// Highlight markers of ts_headline: the same control characters the index uses, so one
// function (toSnippet) turns both into structured snippets.
const HEADLINE_OPTIONS = 'StartSel=\u0002, StopSel=\u0003, MaxWords=40, MinWords=20, MaxFragments=1';

/**
 * Full-text search in PostgreSQL, for when Meilisearch is unavailable: the published revisions'
 * sections (GIN index on their tsvector) and titles, one hit per document with its best
 * section, the same filters, and facet counts by GROUP BY — disjunctive like the index's
 * (a facet's own filter is left out of its counts). Tags count with their ancestors, as in
 * the index: a document tagged "AF (G)" counts under "aggravated felony" too.
 */
export async function fallbackSearch(db: Database, params: FallbackSearchParams): Promise<FallbackSearchResult> {
  const q = params.q.trim();
  const array = (values: string[] | undefined) => sql`${sql.param(values ?? [])}::text[]`;
  const conditions = {
    offenseType: params.filters.offenseType?.length
      ? sql`m.offense_types && ${array(params.filters.offenseType)}`
      : null,
    consequence: params.filters.consequence?.length
      ? sql`m.consequences && ${array(params.filters.consequence)}`
      : null,
    jurisdiction: params.filters.jurisdiction?.length
      ? sql`m.jurisdictions && ${array(params.filters.jurisdiction)}`
      : null,
    kind: params.filters.kind?.length ? sql`m.kind = any(${array(params.filters.kind)})` : null,
    publisher: params.filters.publisher?.length ? sql`m.publisher = any(${array(params.filters.publisher)})` : null,
  };
  // By review: not a facet, so every count keeps it (as in the index).
  const review = params.filters.review;
  const reviewConditions = [
    review?.before
      ? review.orUndated
        ? sql`(m.reviewed_on < ${review.before}::date or m.reviewed_on is null)`
        : sql`m.reviewed_on < ${review.before}::date`
      : null,
    review?.after ? sql`m.reviewed_on >= ${review.after}::date` : null,
    review?.needsReview !== undefined ? sql`m.needs_review = ${review.needsReview}` : null,
  ].filter((c): c is SQL => c !== null);
  const where = (except?: keyof typeof conditions) => {
    const parts = Object.entries(conditions)
      .filter(([facet, condition]) => facet !== except && condition !== null)
      .map(([, condition]) => condition as SQL)
      .concat(reviewConditions);
    return parts.length > 0 ? sql.join(parts, sql` and `) : sql`true`;
  };
  const firstSection = sql`(select s.id from document_sections s where s.revision_id = docs.revision_id order by s.position limit 1)`;
  const tsquery =
    params.terms.length > 0
      ? sql.join(
          params.terms.map(
            (group) =>
              sql`(${sql.join(
                group.map((alternative) => sql`plainto_tsquery('english', ${alternative})`),
                sql` || `,
              )})`,
          ),
          sql` && `,
        )
      : sql`websearch_to_tsquery('english', ${q})`;
  const matches = q
    ? sql`
      params as (select ${tsquery} as query),
      best as (
        select distinct on (s.revision_id) s.revision_id, s.id as section_id, ts_rank(s.search_vector, p.query) as rank
        from document_sections s cross join params p
        where s.search_vector @@ p.query and s.revision_id in (select revision_id from docs)
        order by s.revision_id, rank desc, s.position
      ),
      matches as materialized (
        select docs.*, coalesce(best.section_id, ${firstSection}) as section_id,
          coalesce(best.rank, 0) + case when to_tsvector('english', docs.title) @@ p.query then 1 else 0 end as rank
        from docs cross join params p left join best on best.revision_id = docs.revision_id
        where best.section_id is not null or to_tsvector('english', docs.title) @@ p.query
      )`
    : sql`
      params as (select null::tsquery as query),
      matches as materialized (select docs.*, ${firstSection} as section_id, 0::real as rank from docs)`;
  const order =
    params.sort === 'reviewed'
      ? sql`m.reviewed_on desc nulls last, m.rank desc, m.id`
      : params.sort === 'newest' || !q
        ? sql`m.document_date desc nulls last, m.rank desc, m.id`
        : sql`m.rank desc, m.document_date desc nulls last, m.id`;
  const snippet = q ? sql`ts_headline('english', s.body, p.query, ${HEADLINE_OPTIONS})` : sql`left(s.body, 300)`;
  const facetCounts = (facet: keyof typeof conditions, values: SQL) => sql`
    (select coalesce(json_object_agg(f.v, f.n), '{}'::json) from (
      select t.v, count(*) as n from matches m cross join lateral ${values} as t(v)
      where ${where(facet)} and t.v <> '' group by t.v order by n desc limit 100
    ) f)`;
  const statement = sql`
    with recursive ancestry(vocabulary, code, ancestor, parent_id, depth) as (
      select t.vocabulary::text, t.code, t.code, t.parent_id, 0 from taxonomy_terms t
      union all
      select a.vocabulary, a.code, p.code, p.parent_id, a.depth + 1
      from ancestry a join taxonomy_terms p on p.id = a.parent_id where a.depth < 10
    ),
    docs as materialized (
      select d.id, d.slug, d.external_id, d.superseded_by_id, r.id as revision_id, r.title, r.kind, r.publisher,
        r.jurisdictions, r.document_date, r.summary,
        coalesce(r.last_reviewed_at, r.document_date) as reviewed_on,
        exists (select 1 from document_review_reasons rr where rr.document_id = d.id) as needs_review,
        array(select distinct a.ancestor from unnest(r.offense_types) c join ancestry a
              on a.code = c and a.vocabulary = 'offense_type') as offense_types,
        array(select distinct a.ancestor from unnest(r.consequences) c join ancestry a
              on a.code = c and a.vocabulary = 'consequence') as consequences
      from documents d join revisions r on r.id = d.published_revision_id
      where d.status = 'published'
    ),
    ${matches}
    select
      (select count(*) from matches m where ${where()})::int as total,
      (select coalesce(json_agg(h), '[]'::json) from (
        select m.id, m.slug, m.external_id, m.title, m.kind, m.publisher, m.jurisdictions, m.document_date,
          m.summary, m.superseded_by_id is not null as superseded, s.anchor, s.heading, ${snippet} as snippet
        from matches m cross join params p left join document_sections s on s.id = m.section_id
        where ${where()} order by ${order} limit ${params.limit} offset ${params.offset}
      ) h) as hits,
      ${facetCounts('offenseType', sql`unnest(m.offense_types)`)} as offense_type,
      ${facetCounts('consequence', sql`unnest(m.consequences)`)} as consequence,
      ${facetCounts('jurisdiction', sql`unnest(m.jurisdictions)`)} as jurisdiction,
      ${facetCounts('kind', sql`(values (m.kind))`)} as kind,
      ${facetCounts('publisher', sql`(values (m.publisher))`)} as publisher`;
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local statement_timeout = ${Math.max(100, Math.floor(params.timeoutMs))}`));
    const result = await tx.execute(statement);
    const row = result.rows[0] as Record<string, unknown> | undefined;
    const counts = (value: unknown) =>
      Object.fromEntries(Object.entries((value ?? {}) as Record<string, number>).map(([k, n]) => [k, Number(n)]));
    return {
      total: Number(row?.total ?? 0),
      hits: (row?.hits ?? []) as FallbackHitRow[],
      facets: {
        offenseType: counts(row?.offense_type),
        consequence: counts(row?.consequence),
        jurisdiction: counts(row?.jurisdiction),
        kind: counts(row?.kind),
        publisher: counts(row?.publisher),
      },
    };
  });
}

const successor = alias(documents, 'successor');
const successorRevision = alias(revisions, 'successor_revision');
const ownRevision = alias(revisions, 'own_revision');

/** What PostgreSQL says of a hit's document now. */
export interface PublishedState {
  superseded: boolean;
  supersededBy: { slug: string; title: string } | null;
  lastReviewedAt: string | null;
  revisionNumber: number | null;
  needsReview: boolean;
}

const stateFields = {
  id: documents.id,
  supersededById: documents.supersededById,
  successorSlug: successor.slug,
  successorTitle: successorRevision.title,
  lastReviewedAt: ownRevision.lastReviewedAt,
  revisionNumber: ownRevision.number,
  // Asked first, once per statement: is any authority flagged now? Usually none is, and then no
  // hit's citations need walking (per hit, that walk was half of PostgreSQL's time on a cached search).
  needsReview: sql<boolean>`((select exists (select 1 from current_authority_statuses s where s.status <> 'good')) and exists (select 1 from document_review_reasons rr where rr.document_id = ${documents.id}))`,
};

/** Only published documents: the index may lag a moment behind an archive. */
const publishedAmong = () =>
  and(sql`${documents.id} = any(${sql.placeholder('ids')}::uuid[])`, eq(documents.status, 'published'));

/** Every search asks this for its page of hits: prepared once per database handle. */
const publishedStatesQuery = (db: Tx) =>
  db
    .select(stateFields)
    .from(documents)
    .leftJoin(ownRevision, eq(ownRevision.id, documents.publishedRevisionId))
    .leftJoin(successor, and(eq(successor.id, documents.supersededById), eq(successor.status, 'published')))
    .leftJoin(successorRevision, eq(successorRevision.id, successor.publishedRevisionId))
    .where(publishedAmong())
    .prepare('search_published_states');
const preparedStates = new WeakMap<Tx, ReturnType<typeof publishedStatesQuery>>();

/**
 * The same, with the check of the signed-in user in the same statement (one round trip for a
 * search answered from the cache): a row per published hit, or one without a document; none
 * when the user does not exist.
 */
const statesAndUserQuery = (db: Tx) =>
  db
    .select({ user: currentUserFields, state: stateFields })
    .from(users)
    .leftJoin(documents, publishedAmong())
    .leftJoin(ownRevision, eq(ownRevision.id, documents.publishedRevisionId))
    .leftJoin(successor, and(eq(successor.id, documents.supersededById), eq(successor.status, 'published')))
    .leftJoin(successorRevision, eq(successorRevision.id, successor.publishedRevisionId))
    .where(eq(users.id, sql.placeholder('id')));

type StateRow = Awaited<ReturnType<ReturnType<typeof publishedStatesQuery>['execute']>>[number];

const toState = (r: StateRow): PublishedState => ({
  superseded: r.supersededById !== null,
  supersededBy:
    r.successorSlug && r.successorTitle !== null ? { slug: r.successorSlug, title: r.successorTitle } : null,
  lastReviewedAt: r.lastReviewedAt ?? null,
  revisionNumber: r.revisionNumber ?? null,
  needsReview: r.needsReview === true,
});

/**
 * What PostgreSQL says now about the documents of a page of hits: only those still published
 * (the index may lag by a moment), with the published successor of superseded ones.
 */
export async function publishedStates(db: Tx, ids: string[]): Promise<Map<string, PublishedState>> {
  if (ids.length === 0) return new Map();
  let query = preparedStates.get(db);
  if (!query) {
    query = publishedStatesQuery(db);
    preparedStates.set(db, query);
  }
  const rows = await query.execute({ ids });
  return new Map(rows.map((r) => [r.id, toState(r)]));
}

/**
 * `statesAndUserQuery` as pg runs it: drizzle's builder writes the SQL once (one definition of
 * the columns), pg executes it as a named prepared statement and returns rows as arrays, read
 * by position below. Drizzle's own execution mapped every field of every row (20 rows per
 * search) and was a twelfth of a cached search's CPU.
 */
interface RawStatement {
  text: string;
  params: unknown[];
}
const statesAndUserStatements = new WeakMap<Database, RawStatement>();
const USER_FIELDS = Object.keys(currentUserFields) as (keyof typeof currentUserFields)[];
const STATE_FIELDS = Object.keys(stateFields) as (keyof typeof stateFields)[];
/** A `date` column as its text (YYYY-MM-DD), as drizzle's `date()` gives it; the rest as pg parses them. */
const DATE_OID = 1082;
const rawDates = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID
      ? (value: string) => value
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** `publishedStates` and the signed-in user (`user` undefined: no such user), in one round trip. */
export async function publishedStatesAndUser(
  db: Database,
  ids: string[],
  who: { id: string; sid: string | null },
): Promise<{ user: CurrentUserRow | undefined; states: Map<string, PublishedState> }> {
  let statement = statesAndUserStatements.get(db);
  if (!statement) {
    const query = statesAndUserQuery(db).toSQL();
    statement = { text: query.sql, params: query.params };
    statesAndUserStatements.set(db, statement);
  }
  const placeholders: Record<string, unknown> = { ids, id: who.id, sid: who.sid };
  const { rows } = await db.$client.query<unknown[]>({
    name: 'search_published_states_and_user',
    text: statement.text,
    values: statement.params.map((p) => (p instanceof Placeholder ? placeholders[p.name] : p)),
    rowMode: 'array',
    types: rawDates,
  });
  const states = new Map<string, PublishedState>();
  for (const row of rows) {
    const state = {} as Record<string, unknown>;
    for (let i = 0; i < STATE_FIELDS.length; i++) state[STATE_FIELDS[i] as string] = row[USER_FIELDS.length + i];
    if (state.id) states.set(state.id as string, toState(state as unknown as StateRow));
  }
  const first = rows[0];
  const user = first && (Object.fromEntries(USER_FIELDS.map((k, i) => [k, first[i]])) as unknown as CurrentUserRow);
  return { user, states };
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Published titles containing the typed text (the suggestion fallback when Meilisearch is down). */
export async function suggestPublishedTitles(db: Tx, text: string, limit: number) {
  return db
    .select({ slug: documents.slug, title: revisions.title, kind: revisions.kind })
    .from(documents)
    .innerJoin(revisions, eq(revisions.id, documents.publishedRevisionId))
    .where(and(eq(documents.status, 'published'), ilike(revisions.title, likePattern(text))))
    .orderBy(sql`${revisions.documentDate} desc nulls last`)
    .limit(limit);
}

export async function countPublished(db: Tx): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(documents)
    .where(eq(documents.status, 'published'));
  return Number(row?.n ?? 0);
}

/** Claims a batch of outbox rows that are due (SKIP LOCKED: several replicas may drain at once). */
export async function claimOutboxBatch(tx: Tx, limit: number) {
  return tx
    .select({ id: searchOutbox.id, documentId: searchOutbox.documentId, attempts: searchOutbox.attempts })
    .from(searchOutbox)
    .where(sql`${searchOutbox.availableAt} <= now()`)
    .orderBy(searchOutbox.id)
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function deleteOutboxRows(tx: Tx, ids: number[]): Promise<void> {
  await tx.delete(searchOutbox).where(inArray(searchOutbox.id, ids));
}

/** Counts a failed attempt on the rows; with `retryInMs`, they wait that long before the next. */
export async function failOutboxRows(tx: Tx, ids: number[], error: string, retryInMs?: number): Promise<void> {
  await tx
    .update(searchOutbox)
    .set({
      attempts: sql`${searchOutbox.attempts} + 1`,
      lastError: error,
      ...(retryInMs === undefined ? {} : { availableAt: sql`now() + ${`${retryInMs} milliseconds`}::interval` }),
    })
    .where(inArray(searchOutbox.id, ids));
}

/** Advisory-lock namespace of "this document is being indexed" (any constant unique to it). */
const INDEXING_LOCK_NAMESPACE = 0x5ea4c4;

/**
 * Of `ids`, the documents this transaction may index now: each gets a transaction-scoped
 * advisory lock, and a document another worker (another replica) is indexing is left out, to
 * be indexed after it. One writer per document at a time, holding the lock from reading its
 * state until Meilisearch has applied the write: Meilisearch applies tasks in the order they
 * were sent, so the state read last is the state written last, and an older state can never
 * overwrite a newer one, whichever worker finishes first.
 */
export async function lockDocumentsForIndexing(tx: Tx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await tx.execute<{ id: string }>(
    sql`select id from unnest(${sql.param(ids)}::text[]) as id
        where pg_try_advisory_xact_lock(${INDEXING_LOCK_NAMESPACE}, hashtext(id))`,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Tells every API process that the search indexes changed (their cached answers are stale).
 * Inside a transaction it is sent when the transaction commits.
 */
export async function notifyIndexChanged(db: Tx): Promise<void> {
  await db.execute(sql`select pg_notify(${SEARCH_INDEX_CHANNEL}, '')`);
}
