import type { TaxonomyResponse, TaxonomyTerm } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const taxonomyKeys = { all: ['taxonomy'] as const };

export const taxonomyQueryOptions = () =>
  queryOptions({
    queryKey: taxonomyKeys.all,
    queryFn: ({ signal }) => api<TaxonomyResponse>('/taxonomy', { signal }),
    staleTime: 5 * 60_000,
  });

export const useTaxonomy = () => useQuery(taxonomyQueryOptions());

/** code → label for both vocabularies, for facets, tags and chips. */
export function useTermLabels(): (code: string) => string {
  const { data } = useTaxonomy();
  const labels = new Map<string, string>();
  for (const term of [...(data?.offenseTypes ?? []), ...(data?.consequences ?? [])] as TaxonomyTerm[]) {
    for (const former of term.mergedCodes) if (!labels.has(former)) labels.set(former, term.label);
    labels.set(term.code, term.label);
  }
  return (code) => labels.get(code) ?? code;
}

/**
 * The code a term has now, for codes of terms merged into others (a search link saved before
 * the merge); undefined for codes that are current or unknown.
 */
export function currentCodeOf(terms: TaxonomyTerm[], code: string): string | undefined {
  if (terms.some((t) => t.code === code)) return undefined;
  return terms.find((t) => t.mergedCodes.includes(code))?.code;
}
