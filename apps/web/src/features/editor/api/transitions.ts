import type { EditorDocument, SaveDraftResponse } from '@kb/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { chartKeys } from '../../charts';
import { documentKeys } from '../../documents';
import { editorKeys } from './keys';

export type Transition =
  | { action: 'submit' | 'withdraw' | 'archive' | 'reopen'; note?: string }
  | { action: 'publish'; revisionId?: string; note?: string }
  | { action: 'supersede'; successorId: string | null };

export const runTransition = (id: string, { action, ...body }: Transition) =>
  api<EditorDocument>(`/documents/${encodeURIComponent(id)}/${action}`, { method: 'POST', body });

export const restoreRevision = (id: string, revisionId: string) =>
  api<SaveDraftResponse>(`/documents/${encodeURIComponent(id)}/restore`, { method: 'POST', body: { revisionId } });

/** Status changes; the answer is the new editor state, put straight into the cache. */
export const useTransition = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (transition: Transition) => runTransition(id, transition),
    onSuccess: (doc) => queryClient.setQueryData(editorKeys.document(id), doc),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: editorKeys.revisions(id) });
      void queryClient.invalidateQueries({ queryKey: documentKeys.all });
      // A published, archived or superseded chart row changes its chart and its page.
      void queryClient.invalidateQueries({ queryKey: chartKeys.all });
    },
  });
};
