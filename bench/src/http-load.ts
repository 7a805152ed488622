import type { EventEmitter } from 'node:events';
import autocannon, { type RequestSpec } from 'autocannon';
import { type LatencySummary, round, summarize } from './stats';

/** One HTTP request, as sent to one system. */
export interface HttpRequestSpec {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One search: the HTTP calls a client makes for it, one after the other (usually one). */
export type SearchCalls = HttpRequestSpec[];

export interface LoadResult {
  connections: number;
  seconds: number;
  /** Per search: the sum of its calls' latencies. */
  latency: LatencySummary;
  /** Searches answered successfully per second. */
  throughput: number;
  ok: number;
  /** Failed searches (a non-2xx answer, a lost connection, a timeout) and answers failing `verifyBody`. */
  errors: number;
  statusCodes: Record<string, number>;
  /** HTTP calls per search, when a search needs more than one. */
  callsPerSearch: number;
}

interface Entry {
  spec: HttpRequestSpec;
  search: number;
  last: boolean;
}

/**
 * Drives `baseUrl` with autocannon: `connections` clients, each sending its next request as
 * soon as the previous one is answered (closed loop), for `seconds` or until `amount` calls
 * were answered. Each client walks the whole mix in order, starting at a different search,
 * so every search is exercised evenly and the calls of one search stay together; a search's
 * latency is the sum of its calls' (from autocannon's high-resolution timer). `headersFor(k)`
 * gives client k its headers (a reader's token).
 */
export async function runLoad(
  baseUrl: string,
  searches: SearchCalls[],
  options: {
    connections: number;
    seconds?: number;
    amount?: number;
    headersFor?: (client: number) => Record<string, string>;
    /** A cheap check of each answer's body; a failed check counts as an error. */
    verifyBody?: (body: string) => boolean;
  },
): Promise<LoadResult> {
  if (searches.length === 0 || searches.some((s) => s.length === 0)) throw new Error('no requests to send');
  const flat: Entry[] = searches.flatMap((calls, search) =>
    calls.map((spec, k) => ({ spec, search, last: k === calls.length - 1 })),
  );
  const firstCallOf = new Map<number, number>();
  flat.forEach((entry, i) => {
    if (!firstCallOf.has(entry.search)) firstCallOf.set(entry.search, i);
  });

  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let clients = 0;
  const setupClient = (client: EventEmitter & { setRequests(requests: RequestSpec[]): void }) => {
    const k = clients++;
    const start = firstCallOf.get(Math.floor((k * searches.length) / options.connections)) ?? 0;
    const order = [...flat.slice(start), ...flat.slice(0, start)];
    const headers = options.headersFor?.(k) ?? {};
    client.setRequests(
      order.map(({ spec }) => ({
        method: spec.method,
        path: spec.path,
        headers: { ...spec.headers, ...headers },
        body: spec.body ?? '',
      })),
    );
    // One request in flight per client (no pipelining): each answer is for the last request sent.
    let sent = 0;
    let inFlight: Entry | null = null;
    let searchMs = 0;
    let searchFailed = false;
    const finish = (entry: Entry) => {
      if (!entry.last) return;
      if (searchFailed) failed++;
      else {
        ok++;
        latencies.push(searchMs);
      }
      searchMs = 0;
      searchFailed = false;
    };
    client.on('request', () => {
      inFlight = order[sent++ % order.length] ?? null;
    });
    client.on('response', (status: number, _bytes: number, ms: number) => {
      const entry = inFlight;
      inFlight = null;
      if (!entry) return;
      searchMs += ms;
      if (status < 200 || status > 299) searchFailed = true;
      finish(entry);
    });
    const lost = () => {
      const entry = inFlight;
      inFlight = null;
      if (!entry) return;
      searchFailed = true;
      finish(entry);
    };
    client.on('timeout', lost);
    client.on('connError', lost);
  };

  const instance = autocannon({
    url: baseUrl,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 1 }),
    pipelining: 1,
    timeout: 10,
    setupClient,
    ...(options.verifyBody ? { verifyBody: options.verifyBody } : {}),
  });
  const started = performance.now();
  const result = await instance;
  const elapsed = (performance.now() - started) / 1000;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  return {
    connections: options.connections,
    seconds: round(elapsed),
    latency: summarize(latencies),
    throughput: round(ok / elapsed, 1),
    ok,
    errors: failed + result.mismatches,
    statusCodes,
    callsPerSearch: round(flat.length / searches.length),
  };
}

/** One search's calls, one after the other, stopping at a failure: the last answer and the time. */
async function sendSearch(baseUrl: string, calls: SearchCalls, headers: Record<string, string> = {}) {
  const started = performance.now();
  let status = 0;
  let text = '';
  for (const spec of calls) {
    const response = await fetch(new URL(spec.path, baseUrl), {
      method: spec.method,
      // fetch asks for gzip by default; autocannon, and the API of Meilisearch, do not.
      headers: { ...spec.headers, ...headers, 'accept-encoding': 'identity' },
      body: spec.method === 'GET' ? undefined : spec.body,
    });
    text = await response.text();
    status = response.status;
    if (!response.ok) break;
  }
  return { status, text, ms: performance.now() - started };
}

/** Sends each search's calls once and returns the last answer of each, parsed (the check before the timed runs). */
export async function sendEach(
  baseUrl: string,
  searches: SearchCalls[],
  headersFor?: (client: number) => Record<string, string>,
): Promise<Array<{ status: number; body: unknown; ms: number }>> {
  const answers = [];
  for (const calls of searches) {
    const { status, text, ms } = await sendSearch(baseUrl, calls, headersFor?.(0));
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // kept as text
    }
    answers.push({ status, body, ms });
  }
  return answers;
}

export interface PairedResult {
  /** Searches sent to both systems. */
  pairs: number;
  /** p50 of each system's latencies within the pairs. */
  firstP50: number;
  secondP50: number;
  /** Per pair, the second system's latency minus the first's: its p50 and p95. */
  differenceP50: number;
  differenceP95: number;
}

/**
 * Two systems measured side by side, one client: each search goes to both back to back (which
 * one first alternates), for `seconds`. Drift of the machine between two separate runs (another
 * process waking up, Meilisearch's background work) is larger than a few milliseconds; within
 * a pair it touches both halves alike, so the difference is what the second system adds.
 */
export async function runPaired(
  first: { baseUrl: string; searches: SearchCalls[]; headers?: Record<string, string> },
  second: { baseUrl: string; searches: SearchCalls[]; headers?: Record<string, string> },
  seconds: number,
): Promise<PairedResult> {
  const time = async (system: typeof first, k: number) => {
    const { status, ms } = await sendSearch(system.baseUrl, system.searches[k] ?? [], system.headers);
    if (status < 200 || status > 299) throw new Error(`${system.baseUrl} answered ${status} to search ${k}`);
    return ms;
  };
  const a: number[] = [];
  const b: number[] = [];
  const differences: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  for (let n = 0; performance.now() < deadline || n < first.searches.length; n++) {
    const k = n % first.searches.length;
    const firstFirst = Math.floor(n / first.searches.length) % 2 === 0;
    let msA: number;
    let msB: number;
    if (firstFirst) {
      msA = await time(first, k);
      msB = await time(second, k);
    } else {
      msB = await time(second, k);
      msA = await time(first, k);
    }
    a.push(msA);
    b.push(msB);
    differences.push(msB - msA);
  }
  return {
    pairs: differences.length,
    firstP50: summarize(a).p50,
    secondP50: summarize(b).p50,
    differenceP50: summarize(differences).p50,
    differenceP95: summarize(differences).p95,
  };
}
