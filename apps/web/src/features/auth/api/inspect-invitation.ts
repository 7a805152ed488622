import type { InvitationDetails } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authKeys } from './get-auth-settings';

/** What the invitation is for; the token goes in the body, never in a URL the server logs. */
export const inspectInvitation = (token: string, signal?: AbortSignal) =>
  api<InvitationDetails>('/auth/invitations/inspect', { method: 'POST', body: { token }, signal });

export const invitationQueryOptions = (token: string) =>
  queryOptions({
    queryKey: authKeys.invitation(token),
    queryFn: ({ signal }) => inspectInvitation(token, signal),
    retry: false,
    staleTime: Infinity,
  });

/** `active: false` once the link is used, so clearing the cache does not check it again. */
export const useInvitation = (token: string, active = true) =>
  useQuery({ ...invitationQueryOptions(token), enabled: Boolean(token) && active });
