import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './keys';

export const revokeInvitation = (id: string) =>
  api<{ ok: true }>(`/admin/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const useRevokeInvitation = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeInvitation,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.invitations });
      void queryClient.invalidateQueries({ queryKey: adminKeys.audit });
    },
  });
};
