import { api } from '../../../lib/api-client';

/**
 * POST /search/clicks: a result of this query was opened. Counted for the editors' search
 * analytics (never linked to the reader); a failure is of no concern to the reader.
 */
export const recordClick = (q: string) => {
  const text = q.trim();
  if (!text) return;
  void api('/search/clicks', { method: 'POST', body: { q: text.slice(0, 500) } }).catch(() => {});
};
