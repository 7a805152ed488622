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
