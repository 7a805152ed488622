import type { Bookmark, BookmarkCreate } from '@kb/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { libraryKeys } from './keys';

export const createBookmark = (input: BookmarkCreate) =>
  api<Bookmark>('/me/bookmarks', { method: 'POST', body: input });

export const useCreateBookmark = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBookmark,
    onSettled: () => queryClient.invalidateQueries({ queryKey: libraryKeys.all }),
  });
};
