import type {
  AnalysisRequest,
  AnalysisResult,
  SavedAnalysis,
  SavedAnalysisCreate,
  SavedAnalysisListResponse,
  SavedAnalysisUpdate,
} from '@kb/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Query keys of the analyzer; every change to a saved analysis invalidates `analysisKeys.all`. */
export const analysisKeys = {
  all: ['analyses'] as const,
  list: () => ['analyses', 'list'] as const,
  one: (id: string) => ['analyses', 'one', id] as const,
};

export const previewAnalysis = (request: AnalysisRequest) =>
  api<AnalysisResult>('/analyses/preview', { method: 'POST', body: request });

export const usePreviewAnalysis = () => useMutation({ mutationFn: previewAnalysis });

export const savedAnalysesQueryOptions = () =>
  queryOptions({
    queryKey: analysisKeys.list(),
    queryFn: ({ signal }) => api<SavedAnalysisListResponse>('/analyses', { signal }),
  });
export const useSavedAnalyses = () => useQuery(savedAnalysesQueryOptions());

export const savedAnalysisQueryOptions = (id: string) =>
  queryOptions({
    queryKey: analysisKeys.one(id),
    queryFn: ({ signal }) => api<SavedAnalysis>(`/analyses/${encodeURIComponent(id)}`, { signal }),
  });
export const useSavedAnalysis = (id: string) => useQuery(savedAnalysisQueryOptions(id));

export const useSaveAnalysis = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SavedAnalysisCreate) => api<SavedAnalysis>('/analyses', { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: analysisKeys.all }),
  });
};

export const useUpdateAnalysis = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SavedAnalysisUpdate) =>
      api<SavedAnalysis>(`/analyses/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: (saved) => queryClient.setQueryData(analysisKeys.one(id), saved),
    onSettled: () => queryClient.invalidateQueries({ queryKey: analysisKeys.list() }),
  });
};

export const useDeleteAnalysis = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ ok: true }>(`/analyses/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: analysisKeys.all }),
  });
};

/** Downloads the advisal memo PDF (it needs the session's token, so not a plain link). */
export async function downloadMemoPdf(id: string, matter: string): Promise<void> {
  const blob = await api<Blob>(`/analyses/${encodeURIComponent(id)}/memo.pdf`, { blob: true });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `advisal-memo-${
    matter
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'analysis'
  }.pdf`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
