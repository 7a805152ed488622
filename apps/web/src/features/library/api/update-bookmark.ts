import type { Bookmark, BookmarkUpdate } from '@kb/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { libraryKeys } from './keys';

export const updateBookmark = ({ id, ...changes }: BookmarkUpdate & { id: string }) =>
  api<Bookmark>(`/me/bookmarks/${id}`, { method: 'PATCH', body: changes });

export const useUpdateBookmark = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateBookmark,
    onSettled: () => queryClient.invalidateQueries({ queryKey: libraryKeys.all }),
  });
};
