import type { SessionResponse, SignUpRequest } from '@kb/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const signUp = (body: SignUpRequest) => api<SessionResponse>('/auth/sign-up', { method: 'POST', body });

export const useSignUp = () => useMutation({ mutationFn: signUp });
