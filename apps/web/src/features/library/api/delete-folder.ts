import type { FolderDeleteMode, FolderDeleteResponse } from '@kb/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { libraryKeys } from './keys';

export const deleteFolder = ({ id, bookmarks }: { id: string; bookmarks: FolderDeleteMode }) =>
  api<FolderDeleteResponse>(`/me/folders/${id}`, { method: 'DELETE', query: { bookmarks } });

export const useDeleteFolder = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteFolder,
    onSettled: () => queryClient.invalidateQueries({ queryKey: libraryKeys.all }),
  });
};
