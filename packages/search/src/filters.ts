import { FACET_ATTRIBUTES, type Facet } from './settings';

/** Quotes a value for a Meilisearch filter expression: nothing in it can end the string. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export type FacetFilters = Partial<Record<Facet, string[]>>;

/** `attribute IN ["a", "b"]` per facet, ANDed; values are always quoted, never interpolated raw. */
export function facetFilterExpressions(filters: FacetFilters, except?: Facet): string[] {
  const expressions: string[] = [];
  for (const [facet, values] of Object.entries(filters) as Array<[Facet, string[] | undefined]>) {
    if (facet === except || !values || values.length === 0) continue;
    expressions.push(`${FACET_ATTRIBUTES[facet]} IN [${values.map(quoteFilterValue).join(', ')}]`);
  }
  return expressions;
}

/** Every reader-facing query is restricted to published documents, whatever else is asked. */
export const PUBLISHED_ONLY = 'status = "published"';

export function buildFilter(filters: FacetFilters, except?: Facet): string[] {
  return [PUBLISHED_ONLY, ...facetFilterExpressions(filters, except)];
}
