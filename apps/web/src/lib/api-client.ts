import type { SessionResponse } from '@kb/contracts';

/** An error answered by the API, in its `{ error: { code, message } }` shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let accessToken: string | null = null;
let refreshing: Promise<SessionResponse | null> | null = null;
/** True while this page signs out: nothing else is sent (see signOutOfServer). */
let signingOut = false;
/** The reads this page has in flight, which a sign-out cancels, and the writes, which it lets finish. */
const readsInFlight = new Set<AbortController>();
const writesInFlight = new Set<Promise<unknown>>();
const unauthorizedListeners = new Set<() => void>();
const sessionListeners = new Set<(session: SessionResponse | null) => void>();

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

/** The token requests go out with now (null signed out): an answer asked with another is not this user's. */
export const currentAccessToken = (): string | null => accessToken;

/** Called when the session cannot be renewed: the app sends the user to sign in. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Called whenever a refresh produced a new session (or ended it). */
export function onSession(listener: (session: SessionResponse | null) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

async function parseError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string; details?: unknown };
  } | null;
  return new ApiError(
    response.status,
    body?.error?.code ?? 'http_error',
    body?.error?.message ?? `The server answered ${response.status}.`,
    body?.error?.details,
  );
}

/**
 * The refresh index.html sent as the page loaded (when this browser had a session), taken once:
 * the page load's first refresh is that one.
 */
function takePageLoadRefresh(): Promise<Response> | undefined {
  const page = globalThis as { kbRefresh?: Promise<Response> };
  const sent = page.kbRefresh;
  delete page.kbRefresh;
  return sent;
}

/**
 * Ends the session on the server (the refresh cookie, and the access token for clients holding
 * only that). From the start, this page sends nothing else until the server has answered. Writes
 * in flight finish first (nothing the user saved is lost); reads in flight are cancelled
 * (`cancelQueries` first, the queries' own cancel, which keeps their data; then any read still
 * open): answered after the session ended, they would be refused (401, which the browser logs),
 * and a refresh that won the race would sign the page back in.
 */
export async function signOutOfServer(cancelQueries: () => Promise<void> = async () => {}): Promise<void> {
  signingOut = true;
  try {
    await cancelQueries().catch(() => {});
    for (const read of readsInFlight) read.abort();
    await Promise.allSettled([...writesInFlight]);
    const headers: Record<string, string> = accessToken ? { authorization: `Bearer ${accessToken}` } : {};
    await fetch('/api/auth/logout', { method: 'POST', headers, credentials: 'same-origin' });
  } catch {
    // offline: the page forgets the session all the same (the caller), the cookie ends on its own
  } finally {
    signingOut = false;
  }
}

const signedOutError = () => new ApiError(401, 'signed_out', 'You signed out.');

/** Renews the session with the refresh cookie; one request at a time however many callers. */
export function refreshSession(): Promise<SessionResponse | null> {
  if (signingOut) return Promise.resolve(null);
  refreshing ??= (async () => {
    try {
      const response =
        (await takePageLoadRefresh()) ??
        (await fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' }));
      const session = response.ok ? ((await response.json()) as SessionResponse) : null;
      accessToken = session?.accessToken ?? null;
      for (const listener of sessionListeners) listener(session);
      return session;
    } catch {
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export type Query = Record<string, string | number | boolean | undefined | null | Array<string | number>>;

function toSearchParams(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Raw body (e.g. FormData for uploads); sent as is. */
  rawBody?: BodyInit;
  /** Answer the body as a Blob (a PDF to download) instead of JSON or text. */
  blob?: boolean;
}

/** Calls the API with the session's token, renewing it once on 401. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  if (signingOut) throw signedOutError();
  if ((options.method ?? 'GET') !== 'GET') {
    const write = sendWithSession<T>(path, options, options.signal);
    writesInFlight.add(write);
    return write.finally(() => writesInFlight.delete(write));
  }
  const read = new AbortController();
  readsInFlight.add(read);
  try {
    return await sendWithSession<T>(
      path,
      options,
      options.signal ? AbortSignal.any([options.signal, read.signal]) : read.signal,
    );
  } finally {
    readsInFlight.delete(read);
  }
}

async function sendWithSession<T>(path: string, options: RequestOptions, signal: AbortSignal | undefined): Promise<T> {
  const send = () => {
    const headers: Record<string, string> = {};
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`/api${path}${toSearchParams(options.query)}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
      signal,
      credentials: 'same-origin',
    });
  };
  let response = await send();
  // Sent before a sign-out on this page and answered after it: nothing to renew.
  if (response.status === 401 && signingOut) throw signedOutError();
  if (response.status === 401 && !path.startsWith('/auth/')) {
    const session = await refreshSession();
    if (session) response = await send();
    if (response.status === 401) for (const listener of unauthorizedListeners) listener();
  }
  if (!response.ok) throw await parseError(response);
  if (response.status === 204) return undefined as T;
  if (options.blob) return (await response.blob()) as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('application/json') ? await response.json() : await response.text()) as T;
}
