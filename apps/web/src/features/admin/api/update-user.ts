import type { UpdateUserRequest, User } from '@kb/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './keys';

export const updateUser = ({ id, ...change }: UpdateUserRequest & { id: string }) =>
  api<User>(`/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: change });

export const useUpdateUser = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.users });
      void queryClient.invalidateQueries({ queryKey: adminKeys.audit });
    },
  });
};
