import { FACET_ATTRIBUTES, type Facet } from './settings';

/** Quotes a value for a Meilisearch filter expression: nothing in it can end the string. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Filters by review: last reviewed (else dated) before / on or after a day (YYYY-MM-DD);
 * `orUndated` lets documents with neither date through `before` (they are overdue too).
 */
export interface ReviewFilter {
  before?: string;
  after?: string;
  orUndated?: boolean;
  needsReview?: boolean;
}

export type FacetFilters = Partial<Record<Facet, string[]>>;

/** The facets and the review filter of a search. */
export type SearchFilters = FacetFilters & { review?: ReviewFilter };

/** A YYYY-MM-DD day as the index stores it (seconds since the epoch); null for anything else. */
export function dayInSeconds(day: string | null | undefined): number | null {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const seconds = Date.parse(`${day}T00:00:00Z`) / 1000;
  return Number.isFinite(seconds) ? seconds : null;
}

/** The review filter as index expressions: numbers and booleans only, never text. */
export function reviewFilterExpressions(review: ReviewFilter | undefined): string[] {
  if (!review) return [];
  const expressions: string[] = [];
  const before = dayInSeconds(review.before);
  const after = dayInSeconds(review.after);
  if (before !== null) {
    expressions.push(review.orUndated ? `(reviewedOn < ${before} OR reviewedOn IS NULL)` : `reviewedOn < ${before}`);
  }
  if (after !== null) expressions.push(`reviewedOn >= ${after}`);
  if (review.needsReview !== undefined) expressions.push(`needsReview = ${review.needsReview ? 'true' : 'false'}`);
  return expressions;
}

/** `attribute IN ["a", "b"]` per facet, ANDed; values are always quoted, never interpolated raw. */
export function facetFilterExpressions(filters: SearchFilters, except?: Facet): string[] {
  const expressions: string[] = [];
  for (const [facet, values] of Object.entries(filters) as Array<[Facet, string[] | undefined]>) {
    if (facet === except || !Array.isArray(values) || values.length === 0) continue;
    expressions.push(`${FACET_ATTRIBUTES[facet]} IN [${values.map(quoteFilterValue).join(', ')}]`);
  }
  return expressions;
}

/** Every reader-facing query is restricted to published documents, whatever else is asked. */
export const PUBLISHED_ONLY = 'status = "published"';

export function buildFilter(filters: SearchFilters, except?: Facet): string[] {
  return [PUBLISHED_ONLY, ...facetFilterExpressions(filters, except), ...reviewFilterExpressions(filters.review)];
}
