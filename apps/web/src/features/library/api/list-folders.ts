import type { FolderListResponse } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { libraryKeys } from './keys';

export const listFolders = (signal?: AbortSignal) => api<FolderListResponse>('/me/folders', { signal });

export const foldersQueryOptions = () =>
  queryOptions({ queryKey: libraryKeys.folders(), queryFn: ({ signal }) => listFolders(signal) });

export const useFolders = () => useQuery(foldersQueryOptions());
