import type { AuthorityListResponse } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authorityKeys } from './keys';

export const authoritiesQueryOptions = () =>
  queryOptions({
    queryKey: authorityKeys.list(),
    queryFn: ({ signal }) => api<AuthorityListResponse>('/authorities', { signal }),
  });

export const useAuthorities = () => useQuery(authoritiesQueryOptions());
