import type { Folder } from '@kb/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api-client';
import { libraryKeys } from './keys';

export const createFolder = (name: string) => api<Folder>('/me/folders', { method: 'POST', body: { name } });

/**
 * The id of the folder with this name: created, or the existing one when the user already
 * has it (typing an existing name while bookmarking files into that folder).
 */
export async function ensureFolder(name: string): Promise<string> {
  try {
    return (await createFolder(name)).id;
  } catch (error) {
    const existing = (error as ApiError).details as { folderId?: string } | undefined;
    if (error instanceof ApiError && error.status === 409 && existing?.folderId) return existing.folderId;
    throw error;
  }
}

export const useCreateFolder = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createFolder,
    onSettled: () => queryClient.invalidateQueries({ queryKey: libraryKeys.all }),
  });
};

/** `ensureFolder` as a mutation: the folder list refreshes after. */
export const useEnsureFolder = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ensureFolder,
    onSettled: () => queryClient.invalidateQueries({ queryKey: libraryKeys.all }),
  });
};
