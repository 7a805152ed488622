import type { SearchQueryStat } from '@kb/contracts';
import { type Database, searchFilterStats, searchQueryStats } from '@kb/db';
import { and, desc, gt, gte, lt, lte, sql } from 'drizzle-orm';

export interface QueryCounts {
  day: string;
  query: string;
  searches: number;
  zeroResults: number;
  clicks: number;
}

export interface FilterCounts {
  day: string;
  facet: string;
  value: string;
  uses: number;
}

/** Adds counts to the day's rows (one statement per table, whatever the number of rows). */
export async function addCounts(db: Database, queries: QueryCounts[], filters: FilterCounts[]): Promise<void> {
  if (queries.length > 0) {
    await db
      .insert(searchQueryStats)
      .values(queries)
      .onConflictDoUpdate({
        target: [searchQueryStats.day, searchQueryStats.query],
        set: {
          searches: sql`${searchQueryStats.searches} + excluded.searches`,
          zeroResults: sql`${searchQueryStats.zeroResults} + excluded.zero_results`,
          clicks: sql`${searchQueryStats.clicks} + excluded.clicks`,
        },
      });
  }
  if (filters.length > 0) {
    await db
      .insert(searchFilterStats)
      .values(filters)
      .onConflictDoUpdate({
        target: [searchFilterStats.day, searchFilterStats.facet, searchFilterStats.value],
        set: { uses: sql`${searchFilterStats.uses} + excluded.uses` },
      });
  }
}

/** Deletes the days before `firstKept` (YYYY-MM-DD). */
export async function deleteBefore(db: Database, firstKept: string): Promise<void> {
  await db.delete(searchQueryStats).where(lt(searchQueryStats.day, firstKept));
  await db.delete(searchFilterStats).where(lt(searchFilterStats.day, firstKept));
}

const LIMIT = 25;

/** Per-query totals between two days (inclusive), in the three orders the analytics page shows. */
export async function queryReport(db: Database, from: string, to: string) {
  const searches = sql<number>`sum(${searchQueryStats.searches})::int`;
  const zeroResults = sql<number>`sum(${searchQueryStats.zeroResults})::int`;
  const clicks = sql<number>`sum(${searchQueryStats.clicks})::int`;
  const base = () =>
    db
      .select({ query: searchQueryStats.query, searches, zeroResults, clicks })
      .from(searchQueryStats)
      .where(and(gte(searchQueryStats.day, from), lte(searchQueryStats.day, to)))
      .groupBy(searchQueryStats.query);
  const [top, zero, noClick, [total]] = await Promise.all([
    base().orderBy(desc(searches), searchQueryStats.query).limit(LIMIT),
    base().having(gt(zeroResults, 0)).orderBy(desc(zeroResults), searchQueryStats.query).limit(LIMIT),
    base()
      .having(and(sql`${clicks} = 0`, gt(searches, zeroResults)))
      .orderBy(desc(searches), searchQueryStats.query)
      .limit(LIMIT),
    db
      .select({ searches: sql<number>`coalesce(sum(${searchQueryStats.searches}), 0)::int` })
      .from(searchQueryStats)
      .where(and(gte(searchQueryStats.day, from), lte(searchQueryStats.day, to))),
  ]);
  const stat = (r: SearchQueryStat) => ({
    query: r.query,
    searches: Number(r.searches),
    zeroResults: Number(r.zeroResults),
    clicks: Number(r.clicks),
  });
  return {
    searches: Number(total?.searches ?? 0),
    topQueries: top.map(stat),
    zeroResultQueries: zero.map(stat),
    noClickQueries: noClick.map(stat),
  };
}

export async function filterReport(db: Database, from: string, to: string) {
  const uses = sql<number>`sum(${searchFilterStats.uses})::int`;
  const rows = await db
    .select({ facet: searchFilterStats.facet, value: searchFilterStats.value, uses })
    .from(searchFilterStats)
    .where(and(gte(searchFilterStats.day, from), lte(searchFilterStats.day, to)))
    .groupBy(searchFilterStats.facet, searchFilterStats.value)
    .orderBy(desc(uses), searchFilterStats.facet, searchFilterStats.value)
    .limit(50);
  return rows.map((r) => ({ ...r, uses: Number(r.uses) }));
}
