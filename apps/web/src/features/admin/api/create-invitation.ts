import type { CreatedInvitation, CreateInvitationRequest } from '@kb/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './keys';

export const createInvitation = (body: CreateInvitationRequest) =>
  api<CreatedInvitation>('/admin/invitations', { method: 'POST', body });

export const useCreateInvitation = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createInvitation,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.invitations });
      void queryClient.invalidateQueries({ queryKey: adminKeys.audit });
    },
  });
};
