import type { DocumentKind, ImportResponse } from '@kb/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { documentKeys } from '../../documents';

export const importDocument = (file: File, kind?: DocumentKind) => {
  const form = new FormData();
  if (kind) form.append('kind', kind);
  form.append('file', file, file.name);
  return api<ImportResponse>('/documents/import', { method: 'POST', rawBody: form });
};

export const useImportDocument = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, kind }: { file: File; kind?: DocumentKind }) => importDocument(file, kind),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: documentKeys.all }),
  });
};
