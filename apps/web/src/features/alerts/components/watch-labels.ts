import { SEARCH_FACETS, type WatchKind } from '@kb/contracts';
import { statuteKey } from '@kb/search/citations';

export const WATCH_KIND_LABELS: Record<WatchKind, string> = {
  offense: 'Chart row',
  citation: 'Statute',
  offenseType: 'Offense type',
  consequence: 'Consequence',
  jurisdiction: 'Jurisdiction',
  search: 'Saved search',
  document: 'Document',
};

const squeeze = (text: string) => text.trim().replace(/\s+/g, ' ');

/**
 * A search as a watch target: its words and filters in a fixed order (`q=…&consequence=…`),
 * so the same search found again matches the watch whatever the order it was built in.
 */
export function searchTarget(q: string, filters: Partial<Record<string, readonly string[]>>): string {
  const params = new URLSearchParams();
  if (squeeze(q)) params.set('q', squeeze(q));
  for (const facet of SEARCH_FACETS)
    for (const value of [...(filters[facet] ?? [])].sort()) params.append(facet, value);
  return params.toString();
}

const canonicalSearch = (target: string) => {
  const params = new URLSearchParams(target);
  const filters: Record<string, string[]> = {};
  for (const facet of SEARCH_FACETS) filters[facet] = params.getAll(facet);
  return searchTarget(params.get('q') ?? '', filters);
};

/** Whether a stored watch's target is the one a page shows (statutes and searches in any spelling of the same). */
export function sameTarget(kind: WatchKind, stored: string, shown: string): boolean {
  if (kind === 'search') return canonicalSearch(stored) === canonicalSearch(shown);
  if (kind === 'citation') return statuteKey(stored) === statuteKey(shown);
  return stored === shown;
}
