import type { AdminUserListQuery, AdminUserListResponse } from '@kb/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './keys';

export const listUsers = (params: AdminUserListQuery, signal?: AbortSignal) =>
  api<AdminUserListResponse>('/admin/users', { query: { ...params }, signal });

export const usersQueryOptions = (params: AdminUserListQuery) =>
  queryOptions({
    queryKey: adminKeys.userList(params),
    queryFn: ({ signal }) => listUsers(params, signal),
    placeholderData: keepPreviousData,
  });

export const useUsers = (params: AdminUserListQuery) => useQuery(usersQueryOptions(params));
