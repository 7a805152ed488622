import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { libraryKeys } from './keys';

export const deleteBookmark = (id: string) => api<void>(`/me/bookmarks/${id}`, { method: 'DELETE' });

export const useDeleteBookmark = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteBookmark,
    onSettled: () => queryClient.invalidateQueries({ queryKey: libraryKeys.all }),
  });
};
