import type { InvitationListResponse } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './keys';

export const listInvitations = (signal?: AbortSignal) => api<InvitationListResponse>('/admin/invitations', { signal });

export const invitationsQueryOptions = () =>
  queryOptions({ queryKey: adminKeys.invitations, queryFn: ({ signal }) => listInvitations(signal) });

export const useInvitations = () => useQuery(invitationsQueryOptions());
