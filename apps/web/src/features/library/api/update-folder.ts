import type { Folder } from '@kb/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { libraryKeys } from './keys';

export const renameFolder = ({ id, name }: { id: string; name: string }) =>
  api<Folder>(`/me/folders/${id}`, { method: 'PATCH', body: { name } });

export const useRenameFolder = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: renameFolder,
    onSettled: () => queryClient.invalidateQueries({ queryKey: libraryKeys.all }),
  });
};
