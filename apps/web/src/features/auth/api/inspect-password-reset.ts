import type { PasswordResetDetails } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authKeys } from './get-auth-settings';

export const inspectPasswordReset = (token: string, signal?: AbortSignal) =>
  api<PasswordResetDetails>('/auth/password-resets/inspect', { method: 'POST', body: { token }, signal });

export const passwordResetQueryOptions = (token: string) =>
  queryOptions({
    queryKey: authKeys.passwordReset(token),
    queryFn: ({ signal }) => inspectPasswordReset(token, signal),
    retry: false,
    staleTime: Infinity,
  });

/** `active: false` once the link is used, so clearing the cache does not check it again. */
export const usePasswordReset = (token: string, active = true) =>
  useQuery({ ...passwordResetQueryOptions(token), enabled: Boolean(token) && active });
