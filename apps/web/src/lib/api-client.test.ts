import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, setAccessToken, signOutOfServer } from './api-client';

/** The network, held: each request waits until the test answers it (or the page cancels it). */
function heldNetwork() {
  const requests: Array<{ url: string; method: string; answer: (status: number, body?: unknown) => void }> = [];
  const fetch = (url: string, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(new DOMException('The request was aborted.', 'AbortError')));
      requests.push({
        url,
        method: init.method ?? 'GET',
        answer: (status, body) =>
          resolve(
            new Response(body === undefined ? null : JSON.stringify(body), {
              status,
              headers: { 'content-type': 'application/json' },
            }),
          ),
      });
    });
  return { requests, fetch };
}

afterEach(() => {
  vi.unstubAllGlobals();
  setAccessToken(null);
});

describe('signing out', () => {
  it('lets a write in flight finish, cancels a read in flight, and sends nothing else until the server has answered', async () => {
    const network = heldNetwork();
    vi.stubGlobal('fetch', network.fetch);
    setAccessToken('token-of-the-session');
    const read = api('/taxonomy');
    const write = api('/me/bookmarks', { method: 'POST', body: { slug: 'a-saved-section' } });
    let cancelled = false;
    const signingOut = signOutOfServer(async () => {
      cancelled = true;
    });

    await expect(read).rejects.toThrow(/aborted/);
    expect(cancelled).toBe(true);
    // Asked during the sign-out: refused here, never sent with the ending session's token.
    await expect(api('/search', { query: { q: 'cimt' } })).rejects.toMatchObject({ status: 401, code: 'signed_out' });
    // The write is still open: the sign-out waits for it (what the user saved is not lost).
    expect(network.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/taxonomy',
      'POST /api/me/bookmarks',
    ]);

    network.requests[1]?.answer(201, { saved: true });
    await expect(write).resolves.toEqual({ saved: true });
    await vi.waitFor(() => expect(network.requests.at(-1)?.url).toBe('/api/auth/logout'));
    network.requests.at(-1)?.answer(204);
    await signingOut;
    expect(network.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/taxonomy',
      'POST /api/me/bookmarks',
      'POST /api/auth/logout',
    ]);
  });
});
