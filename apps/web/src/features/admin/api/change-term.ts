import type { CreateTermBody, MergeTermBody, TermChangeResponse, UpdateTermBody } from '@kb/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { taxonomyKeys } from '../../taxonomy';
import { adminKeys } from './keys';
import { vocabularyKeys } from './vocabulary-keys';

export type TermChange =
  | { kind: 'create'; body: CreateTermBody }
  | { kind: 'update'; id: string; body: UpdateTermBody }
  | { kind: 'merge'; id: string; body: MergeTermBody };

/** POST /taxonomy/terms, PATCH /taxonomy/terms/:id, POST /taxonomy/terms/:id/merge. */
export const changeTerm = (change: TermChange) =>
  change.kind === 'create'
    ? api<TermChangeResponse>('/taxonomy/terms', { method: 'POST', body: change.body })
    : change.kind === 'update'
      ? api<TermChangeResponse>(`/taxonomy/terms/${encodeURIComponent(change.id)}`, {
          method: 'PATCH',
          body: change.body,
        })
      : api<TermChangeResponse>(`/taxonomy/terms/${encodeURIComponent(change.id)}/merge`, {
          method: 'POST',
          body: change.body,
        });

export const useChangeTerm = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeTerm,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: vocabularyKeys.terms });
      // Pickers, facets and the audit log all show the vocabulary.
      void queryClient.invalidateQueries({ queryKey: taxonomyKeys.all });
      void queryClient.invalidateQueries({ queryKey: adminKeys.audit });
    },
  });
};
