import { DOCUMENT_KINDS, JURISDICTIONS } from '@kb/contracts';

export const kindLabel = (kind: string) => DOCUMENT_KINDS[kind as keyof typeof DOCUMENT_KINDS] ?? kind;
export const jurisdictionLabel = (code: string) => JURISDICTIONS[code] ?? code;

export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}
