import {
  SEARCH_ANALYTICS_RETENTION_DAYS,
  SEARCH_FACETS,
  type SearchAnalyticsResponse,
  type SearchQuery,
} from '@kb/contracts';
import type { Database } from '@kb/db';
import type { FastifyBaseLogger } from 'fastify';
import {
  addCounts,
  deleteBefore,
  type FilterCounts,
  filterReport,
  type QueryCounts,
  queryReport,
} from './search.analytics.repository';

/** Counts are written in batches: a search never waits for them. */
const FLUSH_MS = 5_000;
const DAY_MS = 86_400_000;
const MAX_QUERY_LENGTH = 200;

const today = (now = Date.now()) => new Date(now).toISOString().slice(0, 10);
const daysBefore = (day: string, days: number) => today(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS);

/** The form a query is counted under: "CMT  Theft" and "cmt theft" are one query. */
export function normalizeQuery(q: string): string {
  return q
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .slice(0, MAX_QUERY_LENGTH);
}

/**
 * Search analytics for editors: per day, how often each normalized query was searched, found
 * nothing, or had a result opened, and how often each filter value was used. Only counts:
 * nothing about who searched is kept, and days older than 90 are deleted.
 *
 * Counts gather in memory and are written every few seconds. Queries typed on the way to a
 * longer one ("cm", "cmt", "cmt th" before "cmt theft", as results follow the typing) are not
 * counted when the longer one arrives in the same batch.
 */
export class SearchAnalytics {
  private queries = new Map<string, QueryCounts>();
  private filters = new Map<string, FilterCounts>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private lastPurge = '';

  constructor(
    private readonly db: Database,
    private readonly log: Pick<FastifyBaseLogger, 'warn'>,
  ) {}

  /** A search's first page was served (later pages are the same search). */
  recordSearch(query: SearchQuery, total: number): void {
    if ((query.offset ?? 0) > 0 || (query.page ?? 1) > 1) return;
    const day = today();
    const q = normalizeQuery(query.q ?? '');
    if (q) {
      const row = this.queryRow(day, q);
      row.searches++;
      if (total === 0) row.zeroResults++;
    }
    for (const facet of SEARCH_FACETS) {
      for (const value of new Set(query[facet] ?? [])) {
        const key = `${day}\u0000${facet}\u0000${value}`;
        const row = this.filters.get(key) ?? { day, facet, value: value.slice(0, MAX_QUERY_LENGTH), uses: 0 };
        row.uses++;
        this.filters.set(key, row);
      }
    }
    this.schedule();
  }

  /** A result of this query was opened. */
  recordClick(q: string): void {
    const normalized = normalizeQuery(q);
    if (!normalized) return;
    this.queryRow(today(), normalized).clicks++;
    this.schedule();
  }

  private queryRow(day: string, query: string): QueryCounts {
    const key = `${day}\u0000${query}`;
    let row = this.queries.get(key);
    if (!row) {
      row = { day, query, searches: 0, zeroResults: 0, clicks: 0 };
      this.queries.set(key, row);
    }
    return row;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, FLUSH_MS);
    this.timer.unref();
  }

  /** Writes what was gathered; a failed write is logged and dropped (analytics never break search). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const rows = [...this.queries.values()];
      const filters = [...this.filters.values()];
      this.queries.clear();
      this.filters.clear();
      // "cm" on the way to "cmt theft" is not a search anyone meant; "cmt" (a whole word) is.
      const typedOnTheWay = (row: QueryCounts) =>
        row.clicks === 0 &&
        rows.some(
          (other) =>
            other.day === row.day &&
            other.query.length > row.query.length &&
            other.query.startsWith(row.query) &&
            other.query[row.query.length] !== ' ',
        );
      const kept = rows.filter((row) => !typedOnTheWay(row));
      try {
        await addCounts(this.db, kept, filters);
        const day = today();
        if (this.lastPurge !== day) {
          await deleteBefore(this.db, daysBefore(day, SEARCH_ANALYTICS_RETENTION_DAYS - 1));
          this.lastPurge = day;
        }
      } catch (error) {
        this.log.warn({ err: error }, 'search analytics: counts could not be written');
      }
    });
    return this.flushing;
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** The report of the last `days` days, today included (what is gathered is written first). */
  async report(days: number): Promise<SearchAnalyticsResponse> {
    await this.flush();
    const to = today();
    const from = daysBefore(to, days - 1);
    const [queries, filters] = await Promise.all([queryReport(this.db, from, to), filterReport(this.db, from, to)]);
    return { days, from, to, ...queries, filters, retentionDays: SEARCH_ANALYTICS_RETENTION_DAYS };
  }
}
