import type { AuditListQuery, AuditListResponse } from '@kb/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './keys';

export const listAudit = (params: AuditListQuery, signal?: AbortSignal) =>
  api<AuditListResponse>('/admin/audit', { query: { ...params }, signal });

export const auditQueryOptions = (params: AuditListQuery) =>
  queryOptions({
    queryKey: adminKeys.auditList(params),
    queryFn: ({ signal }) => listAudit(params, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

export const useAudit = (params: AuditListQuery) => useQuery(auditQueryOptions(params));
