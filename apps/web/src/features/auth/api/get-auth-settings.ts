import type { AuthSettings } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const authKeys = {
  settings: ['auth', 'settings'] as const,
  invitation: (token: string) => ['auth', 'invitation', token] as const,
  passwordReset: (token: string) => ['auth', 'password-reset', token] as const,
};

export const getAuthSettings = (signal?: AbortSignal) => api<AuthSettings>('/auth/settings', { signal });

export const authSettingsQueryOptions = () =>
  queryOptions({ queryKey: authKeys.settings, queryFn: ({ signal }) => getAuthSettings(signal), staleTime: Infinity });

export const useAuthSettings = () => useQuery(authSettingsQueryOptions());
