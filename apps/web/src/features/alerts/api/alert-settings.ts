import type { AlertSettings } from '@kb/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { alertKeys } from './keys';

export const getAlertSettings = (signal?: AbortSignal) => api<AlertSettings>('/me/alert-settings', { signal });

export const alertSettingsQueryOptions = () =>
  queryOptions({ queryKey: alertKeys.settings(), queryFn: ({ signal }) => getAlertSettings(signal) });

export const useAlertSettings = () => useQuery(alertSettingsQueryOptions());

export const updateAlertSettings = (input: AlertSettings) =>
  api<AlertSettings>('/me/alert-settings', { method: 'PUT', body: input });

export const useUpdateAlertSettings = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAlertSettings,
    onSuccess: (_, input) => queryClient.setQueryData(alertKeys.settings(), input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.settings() }),
  });
};
