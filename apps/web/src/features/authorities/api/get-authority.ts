import type { AuthorityCard } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authorityKeys } from './keys';

export const authorityQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: authorityKeys.card(slug),
    queryFn: ({ signal }) => api<AuthorityCard>(`/authorities/${encodeURIComponent(slug)}`, { signal }),
  });

export const useAuthority = (slug: string) => useQuery(authorityQueryOptions(slug));
