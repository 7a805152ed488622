import type { AuditActionsResponse } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './keys';

export const listAuditActions = (signal?: AbortSignal) => api<AuditActionsResponse>('/admin/audit/actions', { signal });

export const auditActionsQueryOptions = () =>
  queryOptions({ queryKey: adminKeys.auditActions, queryFn: ({ signal }) => listAuditActions(signal) });

export const useAuditActions = () => useQuery(auditActionsQueryOptions());
