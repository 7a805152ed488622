import type { CreateWatchBody, CreateWatchResponse, Watch, WatchListResponse } from '@kb/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { useAuth } from '../../../lib/auth';
import { alertKeys } from './keys';

export const listWatches = (signal?: AbortSignal) => api<WatchListResponse>('/me/watches', { signal });

export const watchesQueryOptions = () =>
  queryOptions({ queryKey: alertKeys.watches(), queryFn: ({ signal }) => listWatches(signal) });

/**
 * The user's watches: one request answers every Follow button on a page (a chart of a
 * hundred rows asks once). Nobody signed in follows anything: no request.
 */
export const useWatches = () => {
  const { state } = useAuth();
  return useQuery({ ...watchesQueryOptions(), enabled: state.status === 'signed-in' });
};

export const createWatch = (input: CreateWatchBody) =>
  api<CreateWatchResponse>('/me/watches', { method: 'POST', body: input });
export const deleteWatch = (id: string) => api<void>(`/me/watches/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** Follows: the button shows it pressed at once, and the list is asked again after. */
export const useCreateWatch = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWatch,
    onSuccess: ({ id }, input) =>
      queryClient.setQueryData<WatchListResponse>(alertKeys.watches(), (list) =>
        list
          ? {
              ...list,
              // Shown pressed at once; the list asked again brings the API's name and link.
              items: [
                ...list.items,
                {
                  id,
                  kind: input.kind,
                  target: input.target,
                  name: input.name ?? '',
                  url: '',
                  createdAt: new Date().toISOString(),
                } satisfies Watch,
              ],
            }
          : list,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.watches() }),
  });
};

export const useDeleteWatch = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteWatch,
    onSuccess: (_, id) =>
      queryClient.setQueryData<WatchListResponse>(alertKeys.watches(), (list) =>
        list ? { ...list, items: list.items.filter((w) => w.id !== id) } : list,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.watches() }),
  });
};
