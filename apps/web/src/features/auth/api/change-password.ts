import type { ChangePasswordRequest, SessionResponse } from '@kb/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Answers a fresh session: the other sessions of the account end, this one goes on. */
export const changePassword = (body: ChangePasswordRequest) =>
  api<SessionResponse>('/me/password', { method: 'POST', body });

export const useChangePassword = () => useMutation({ mutationFn: changePassword });
