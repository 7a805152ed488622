import type { OneTimeLink } from '@kb/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './keys';

export const createPasswordReset = (userId: string) =>
  api<OneTimeLink>(`/admin/users/${encodeURIComponent(userId)}/password-reset`, { method: 'POST' });

export const useCreatePasswordReset = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPasswordReset,
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.audit }),
  });
};
