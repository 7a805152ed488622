import type { SessionResponse } from '@kb/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setAccessToken } from '../../../lib/api-client';
import { readSearchState } from '../address';
import { answeredFirstSearch, getSearch, startFirstSearch } from './search-request';

const params = readSearchState(new URLSearchParams('q=aggravated+felony&jurisdiction=ca'));
const session = (token: string) => {
  setAccessToken(token);
  return Promise.resolve({ accessToken: token } as SessionResponse);
};

let requests: Array<{ url: string; token: string | undefined }>;
beforeEach(() => {
  requests = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      requests.push({ url, token: (init.headers as Record<string, string>).authorization });
      return Response.json({ answer: requests.length });
    }),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  setAccessToken(null);
});

describe('the first search of a page load', () => {
  it('goes out once the session is restored, and the page takes its answer once', async () => {
    startFirstSearch(session('token-a'), params);
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.url).toBe('/api/search?q=aggravated+felony&jurisdiction=ca&perPage=20');
    expect(requests[0]?.token).toBe('Bearer token-a');
    expect(await getSearch(params)).toEqual({ answer: 1 });
    expect(requests).toHaveLength(1);
    // A second ask (a refetch) is a new request.
    expect(await getSearch(params)).toEqual({ answer: 2 });
  });

  it('is not sent without a session', async () => {
    startFirstSearch(Promise.resolve(null), params);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(requests).toEqual([]);
  });

  it('is not used for another search, nor once the session changed (signed out, someone else in)', async () => {
    startFirstSearch(session('token-a'), params);
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    await getSearch({ ...params, page: 2 });
    expect(requests).toHaveLength(2);

    startFirstSearch(session('token-b'), params);
    await vi.waitFor(() => expect(requests).toHaveLength(3));
    setAccessToken('token-c');
    expect(await getSearch(params)).toEqual({ answer: 4 });
    expect(requests[3]?.token).toBe('Bearer token-c');
  });

  it('is given to the page as data once it has answered, once, and not to another search or session', async () => {
    startFirstSearch(session('token-a'), params);
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    expect(answeredFirstSearch({ ...params, page: 2 })).toBeUndefined();
    startFirstSearch(session('token-a'), params);
    await vi.waitFor(() => expect(answeredFirstSearch(params)).toEqual({ answer: 2 }));
    // Taken: the next ask is a request.
    expect(answeredFirstSearch(params)).toBeUndefined();
    expect(await getSearch(params)).toEqual({ answer: 3 });

    startFirstSearch(session('token-b'), params);
    await vi.waitFor(() => expect(requests).toHaveLength(4));
    await new Promise((resolve) => setTimeout(resolve, 0));
    setAccessToken('token-c');
    expect(answeredFirstSearch(params)).toBeUndefined();
  });
});
