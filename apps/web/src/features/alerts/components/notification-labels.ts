import { CONSEQUENCE_COLUMN_SHORT, type ConsequenceColumn } from '@kb/contracts';

/** How each kind of event reads in a list (the API names them; an unknown one shows as it is). */
const EVENT_LABELS: Record<string, string> = {
  published: 'New',
  revised: 'Revised',
  superseded: 'Superseded',
  needs_review: 'Needs review',
};

export const eventLabel = (event: string) => EVENT_LABELS[event] ?? event.replace(/_/g, ' ');

/** A notification's link inside the app as a route path; null for a link elsewhere. */
export function appPath(url: string): string | null {
  try {
    const parsed = new URL(url, window.location.origin);
    if (parsed.origin !== window.location.origin) return null;
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return null;
  }
}

/**
 * A changed field as a reader says it: "offense.assessments.cimt.outcome" → "CIMT outcome",
 * "lastReviewedAt" → "last reviewed at".
 */
export function fieldName(field: string): string {
  const assessment = /^offense\.assessments\.([a-z_]+)\.(\w+)$/.exec(field);
  if (assessment?.[1] && assessment[2]) {
    const column = CONSEQUENCE_COLUMN_SHORT[assessment[1] as ConsequenceColumn] ?? assessment[1];
    return `${column} ${words(assessment[2])}`;
  }
  return words(
    field
      .replace(/^offense\./, '')
      .split('.')
      .join(' '),
  );
}
const words = (text: string) =>
  text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
