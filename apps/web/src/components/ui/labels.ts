import { DOCUMENT_KINDS, JURISDICTIONS } from '@kb/contracts';

export const kindLabel = (kind: string) => DOCUMENT_KINDS[kind as keyof typeof DOCUMENT_KINDS] ?? kind;
export const jurisdictionLabel = (code: string) => JURISDICTIONS[code] ?? code;

// Dates and counts are written out here rather than by Intl: the first Intl formatter a page
// makes loads the locale's data (~10 ms of Chromium's main thread, and each call of
// `toLocaleDateString` with options builds a new formatter), paid before the first search
// results are on screen. The text is the same as Intl's for en-US (labels.test.ts).
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mar 5, 2024": a date (or a time's day, in UTC) as the app shows it, in en-US. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

/** "12,345": a count (a whole number) with en-US digit grouping. */
export const formatCount = (count: number): string => String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
