/** Query keys of the editor; mutations invalidate the document they change (and the lists). */
export const editorKeys = {
  all: ['editor'] as const,
  document: (id: string) => ['editor', 'document', id] as const,
  revisions: (id: string) => ['editor', 'document', id, 'revisions'] as const,
  revision: (id: string, revisionId: string) => ['editor', 'document', id, 'revision', revisionId] as const,
  diff: (id: string, a: string, b: string) => ['editor', 'document', id, 'diff', a, b] as const,
  comments: (id: string) => ['editor', 'document', id, 'comments'] as const,
  requests: ['editor', 'supersession-requests'] as const,
};
