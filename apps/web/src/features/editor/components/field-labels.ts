import { AUDIENCE_LABELS, type Audience, type DocumentContent, JURISDICTIONS } from '@kb/contracts';
import { formatDate, kindLabel } from '../../../components/ui/labels';

/** Names of the metadata fields, as the form shows them (for conflicts and diffs). */
export const FIELD_LABELS: Record<Exclude<keyof DocumentContent, 'body'>, string> = {
  kind: 'Kind',
  title: 'Title',
  summary: 'Summary',
  publisher: 'Publisher',
  authors: 'Authors',
  jurisdictions: 'Jurisdictions',
  audience: 'Audience',
  documentDate: 'Date',
  lastReviewedAt: 'Last reviewed',
  citations: 'Citations',
  offenseTypes: 'Offense types',
  consequences: 'Consequences',
  offense: 'Chart row',
};

/** A field's value as text: lists joined, codes named, dates formatted. */
export function formatFieldValue(
  field: string,
  value: unknown,
  termLabel: (code: string) => string = (c) => c,
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    const named =
      field === 'jurisdictions'
        ? value.map((v) => JURISDICTIONS[v] ?? v)
        : field === 'offenseTypes' || field === 'consequences'
          ? value.map(termLabel)
          : value;
    return named.join('; ');
  }
  if (field === 'kind') return kindLabel(String(value));
  if (field === 'audience') return AUDIENCE_LABELS[value as Audience] ?? String(value);
  if (field === 'documentDate' || field === 'lastReviewedAt') return formatDate(String(value));
  return String(value);
}
