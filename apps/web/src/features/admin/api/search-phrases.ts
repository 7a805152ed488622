import type { CreateSearchPhraseBody, SearchPhraseChangeResponse, SearchPhrasesResponse } from '@kb/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { vocabularyKeys } from './vocabulary-keys';

export const phrasesQueryOptions = () =>
  queryOptions({
    queryKey: vocabularyKeys.phrases,
    queryFn: ({ signal }) => api<SearchPhrasesResponse>('/taxonomy/phrases', { signal }),
  });

export const usePhrases = () => useQuery(phrasesQueryOptions());

export type PhraseChange = { kind: 'create'; body: CreateSearchPhraseBody } | { kind: 'delete'; id: string };

/** POST /taxonomy/phrases, DELETE /taxonomy/phrases/:id. */
export const changePhrase = (change: PhraseChange) =>
  change.kind === 'create'
    ? api<SearchPhraseChangeResponse>('/taxonomy/phrases', { method: 'POST', body: change.body })
    : api<SearchPhraseChangeResponse>(`/taxonomy/phrases/${encodeURIComponent(change.id)}`, { method: 'DELETE' });

export const useChangePhrase = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePhrase,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: vocabularyKeys.phrases }),
  });
};
