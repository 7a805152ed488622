import type { RevisionDiff } from '@kb/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { alertKeys } from './keys';

/** `?diff=<from>..<to>`: the two revisions a notification's link compares. */
export function readDiffParam(value: string | null): { from: string; to: string } | null {
  const match = /^([0-9a-f-]{36})\.\.([0-9a-f-]{36})$/i.exec(value ?? '');
  return match?.[1] && match[2] ? { from: match[1], to: match[2] } : null;
}

/** The published change between two revisions (readers see published revisions only). */
export const useRevisionChange = (documentId: string, range: { from: string; to: string } | null) =>
  useQuery({
    queryKey: [...alertKeys.all, 'change', documentId, range?.from ?? '', range?.to ?? ''],
    queryFn: ({ signal }) =>
      api<RevisionDiff>(
        `/documents/${encodeURIComponent(documentId)}/revisions/${encodeURIComponent(range?.from ?? '')}/diff/${encodeURIComponent(range?.to ?? '')}`,
        { signal },
      ),
    enabled: Boolean(range),
    staleTime: Number.POSITIVE_INFINITY, // published revisions never change
  });
