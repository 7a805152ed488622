import type { AdminTaxonomyResponse } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { vocabularyKeys } from './vocabulary-keys';

export const termsQueryOptions = () =>
  queryOptions({
    queryKey: vocabularyKeys.terms,
    queryFn: ({ signal }) => api<AdminTaxonomyResponse>('/taxonomy/terms', { signal }),
  });

export const useTerms = () => useQuery(termsQueryOptions());
