import {
  AUDIENCE_LABELS,
  type Audience,
  CONSEQUENCE_COLUMN_SHORT,
  type DocumentContent,
  JURISDICTIONS,
} from '@kb/contracts';
import { formatDate, kindLabel } from './labels';

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

/** The parts of a chart row's field path (`offense.assessments.cimt.outcome`) in words. */
const OFFENSE_PARTS: Record<string, string> = {
  ...CONSEQUENCE_COLUMN_SHORT,
  jurisdiction: 'jurisdiction',
  statutes: 'statutes',
  offenseName: 'offense name',
  grade: 'grade',
  maxSentenceDays: 'maximum sentence (days)',
  saferAlternatives: 'safer alternatives',
  practiceNotes: 'practice notes',
  advisories: 'advisories',
  outcome: 'outcome',
  summary: 'summary',
  subparagraphs: 'INA § 101(a)(43) subparagraphs',
  condition: 'condition',
  sentenceDaysAtLeast: 'sentence at least (days)',
  lossOver: 'loss over ($)',
  quantityGramsOver: 'quantity over (g)',
  circuitNotes: 'circuit notes',
  authorities: 'authorities',
};

/** A changed field's name: the form's label, or for a chart row "Chart row: CIMT › outcome". */
export function fieldLabel(field: string): string {
  if (field.startsWith('offense.')) {
    const parts = field
      .split('.')
      .slice(1)
      .filter((part) => part !== 'assessments');
    return `Chart row: ${parts.map((part) => OFFENSE_PARTS[part] ?? part).join(' › ')}`;
  }
  return FIELD_LABELS[field as keyof typeof FIELD_LABELS] ?? field;
}

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
  if (field === 'offense' && typeof value === 'object') {
    const row = value as { statutes?: string[]; offenseName?: string };
    return `${(row.statutes ?? []).join('; ')} — ${row.offenseName ?? ''} (see the chart row's fields)`;
  }
  if (field === 'kind') return kindLabel(String(value));
  if (field === 'audience') return AUDIENCE_LABELS[value as Audience] ?? String(value);
  if (field === 'documentDate' || field === 'lastReviewedAt') return formatDate(String(value));
  return String(value);
}
