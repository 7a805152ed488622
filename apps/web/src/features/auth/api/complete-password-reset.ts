import type { CompletePasswordResetRequest, SessionResponse } from '@kb/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const completePasswordReset = (body: CompletePasswordResetRequest) =>
  api<SessionResponse>('/auth/password-resets/complete', { method: 'POST', body });

export const useCompletePasswordReset = () => useMutation({ mutationFn: completePasswordReset });
