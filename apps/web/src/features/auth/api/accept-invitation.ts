import type { AcceptInvitationRequest, SessionResponse } from '@kb/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const acceptInvitation = (body: AcceptInvitationRequest) =>
  api<SessionResponse>('/auth/invitations/accept', { method: 'POST', body });

export const useAcceptInvitation = () => useMutation({ mutationFn: acceptInvitation });
