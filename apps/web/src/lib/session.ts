import type { SessionResponse } from '@kb/contracts';
import { refreshSession } from './api-client';

// A hint (not a secret) that this browser has a refresh cookie, so that a first visit does not
// start with a failing refresh request.
// index.html reads it too (its inline script sends the refresh as the page loads).
const SESSION_HINT = 'kb.hasSession';
const hadSession = () => {
  try {
    return localStorage.getItem(SESSION_HINT) === '1';
  } catch {
    return true;
  }
};

export const rememberSession = (present: boolean) => {
  try {
    if (present) localStorage.setItem(SESSION_HINT, '1');
    else localStorage.removeItem(SESSION_HINT);
  } catch {
    // storage disabled: every load simply tries the refresh cookie
  }
};

let restoring: Promise<SessionResponse | null> | null = null;
let restored: { session: SessionResponse | null } | null = null;

/**
 * The session this page load starts with, from the refresh cookie (if any): asked once, by the
 * entry script before the app's code has even loaded (main.tsx), so that the first page's
 * requests need not wait for React. Free of React on purpose: the entry stays small.
 */
export function restoreSession(): Promise<SessionResponse | null> {
  restoring ??= (hadSession() ? refreshSession() : Promise.resolve(null)).then((session) => {
    restored = { session };
    return session;
  });
  return restoring;
}

/** What restoreSession answered, if it has (null: no session); undefined while it has not. */
export const restoredSession = (): SessionResponse | null | undefined => restored?.session;
