import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createUser, seedTaxonomy, syncAuthorities } from '@kb/api/testing';
import { createDatabase, runMigrations } from '@kb/db';
import { sql } from 'drizzle-orm';
import { type CapturedSearch, captureMeiliCalls } from './capture';
import {
  databaseSizeMiB,
  type LoadReport,
  loadCorpus,
  loadedCorpus,
  markSeeded,
  publishedSectionCount,
} from './corpus';
import { differences, type SearchAnswer } from './equivalence';
import { type PairedResult, runLoad, runPaired, type SearchCalls, sendEach } from './http-load';
import { describeWork, summarizeMeiliWork, waitForMeiliIdle, workSince } from './meili-tasks';
import { hotQueries, MIXES, searchQueryString, zipfDraw } from './mixes';
import { type ProfileSummary, summarizeProfile } from './profile';
import { measurePublishLatency } from './publish';
import {
  type BenchResults,
  type Equivalence,
  evaluateTargets,
  HOT_LABELS,
  HOT_SYSTEMS,
  type HotMixResult,
  type MixResult,
  machineInfo,
  markdownReport,
  mixRatios,
  SYSTEM_LABELS,
  SYSTEMS,
  type SystemId,
  type SystemMixResult,
  updateBenchmarksDoc,
} from './report';
import { type ChildServer, repoRoot, residentMemory, startApiServer, startPgServer, startServices } from './services';
import { settle } from './settle';
import { round, summarize } from './stats';
import { buildWeb, measureFirstResults, measureSpaSize } from './web';

const HELP = `pnpm bench [--quick] [options]

Loads a generated corpus into the app's embedded PostgreSQL and Meilisearch (own data dir) through
the real import path, then measures raw Meilisearch, GET /api/search and a PostgreSQL full-text
baseline with the same query mixes, sequentially and with 16 clients; publish → searchable; memory;
index size; the SPA's JavaScript and its first results in Chromium.

  --quick                a few hundred documents, short runs, no browser (the test suite runs this)
  --documents N          corpus size (default 10000; quick 200)
  --seed N               generator seed (default 1)
  --data-dir DIR         where the servers keep their data (default bench/.data/<full|quick>)
  --reuse                keep an already loaded corpus of the same seed and size (skips the import)
  --seq-seconds S        length of each sequential run (default 6; quick: each search once)
  --seconds S            length of each 16-client run (default 8; quick: 3 searches per client)
  --connections N        concurrent clients (default 16)
  --publishes N          publish → searchable samples (default 50; quick 3)
  --import-concurrency N documents imported side by side (default 2)
  --browser-runs N       Chromium navigations (default 10; quick 0)
  --no-build             measure the SPA already built in apps/web/dist (quick never builds)
  --out FILE             results file (default bench/results/<date>.json for a run with the default
                         settings, which also updates BENCHMARKS.md; bench/.data/ for quick runs and
                         experiments)
  --log-level L          the API's LOG_LEVEL (default info, as in production)
  --api-profile          record a V8 CPU profile of the API process while the searches are timed
                         and summarize where its time goes (profiling slows it a little)
  --report FILE          only re-render FILE's results into BENCHMARKS.md (no measuring)
  --meili-max-indexing-memory SIZE
                         experiment: start Meilisearch with this indexing memory (e.g. 256Mb)
                         instead of the app's default (256Mb; Meilisearch's own default is 2/3
                         of the RAM)
`;

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      documents: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'data-dir': { type: 'string' },
      reuse: { type: 'boolean', default: false },
      'seq-seconds': { type: 'string' },
      seconds: { type: 'string' },
      connections: { type: 'string', default: '16' },
      publishes: { type: 'string' },
      'import-concurrency': { type: 'string', default: '2' },
      'browser-runs': { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      out: { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      'meili-max-indexing-memory': { type: 'string' },
      'api-profile': { type: 'boolean', default: false },
      report: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  if (values.report) {
    // Re-renders a results file's table (after a change of the report's wording) without measuring.
    const file = path.resolve(values.report);
    const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
    const markdown = markdownReport(results);
    console.log(markdown);
    if (updateBenchmarksDoc(path.join(repoRoot, 'BENCHMARKS.md'), markdown, path.relative(repoRoot, file))) {
      console.log('BENCHMARKS.md updated');
    }
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const number = (name: string, value: string | undefined, fallback: number) => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number, got "${value}"`);
    return n;
  };
  const date = new Date().toISOString().slice(0, 10);
  const documents = number('documents', values.documents, quick ? 200 : 10_000);
  const settings = {
    quick,
    documents: Math.max(10, Math.floor(documents)),
    seed: number('seed', values.seed, 1),
    dataDir: path.resolve(values['data-dir'] ?? path.join(repoRoot, 'bench', '.data', quick ? 'quick' : 'full')),
    reuse: values.reuse ?? false,
    sequentialSeconds: number('seq-seconds', values['seq-seconds'], 6),
    concurrentSeconds: number('seconds', values.seconds, 8),
    connections: Math.max(1, number('connections', values.connections, 16)),
    publishes: number('publishes', values.publishes, quick ? 3 : 50),
    importConcurrency: Math.max(1, number('import-concurrency', values['import-concurrency'], 2)),
    browserRuns: number('browser-runs', values['browser-runs'], quick ? 0 : 10),
    buildWeb: !quick && !values['no-build'],
    logLevel: values['log-level'] ?? 'info',
    meiliMaxIndexingMemory: values['meili-max-indexing-memory'],
    apiProfile: values['api-profile'] ?? false,
    readers: quick ? 2 : 16,
  };
  // The run that BENCHMARKS.md and bench/results/ describe: full scale, fresh corpus, default
  // settings. Any other full run is an experiment and keeps its results in bench/.data/.
  const s = settings;
  const canonical =
    !quick &&
    !values.out &&
    s.documents === 10_000 &&
    s.seed === 1 &&
    s.sequentialSeconds === 6 &&
    s.concurrentSeconds === 8 &&
    s.connections === 16 &&
    s.publishes === 50 &&
    s.importConcurrency === 2 &&
    s.browserRuns === 10 &&
    s.logLevel === 'info' &&
    !s.reuse &&
    s.buildWeb &&
    !s.apiProfile &&
    !s.meiliMaxIndexingMemory;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = path.resolve(
    values.out ??
      (quick
        ? path.join(repoRoot, 'bench', '.data', 'quick-results.json')
        : canonical
          ? path.join(repoRoot, 'bench', 'results', `${date}.json`)
          : path.join(repoRoot, 'bench', '.data', `experiment-${stamp}.json`)),
  );
  return { ...settings, canonical, out };
}

const say = (line: string) => console.log(line);

/** How busy the CPUs were when the timed runs started (after settling), in percent. */
function summarizeBusy(shares: Array<number | null>): NonNullable<BenchResults['cpuBusyBeforeRuns']> | null {
  const known = shares.filter((s): s is number => s !== null).map((s) => s * 100);
  if (known.length === 0) return null;
  const summary = summarize(known);
  return { runs: known.length, medianPercent: round(summary.p50, 1), maxPercent: round(summary.max, 1) };
}
const load1 = () => round(os.loadavg()[0] ?? 0);

function median(values: number[]): number | null {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.length ? (sorted[Math.floor(sorted.length / 2)] ?? null) : null;
}

interface MeiliAnswer {
  results?: Array<{ totalHits?: number; estimatedTotalHits?: number; processingTimeMs?: number }>;
  totalHits?: number;
  estimatedTotalHits?: number;
  processingTimeMs?: number;
}

/**
 * The median number of hits found, and the median time the system itself says it spent
 * (the API's and the PostgreSQL endpoint's `tookMs`; Meilisearch's `processingTimeMs`, summed
 * over the queries of a multi-search) — what is left of the latency is transport and framing.
 */
function describeAnswers(
  system: SystemId,
  bodies: unknown[],
): { medianTotal: number | null; medianServerMs: number | null } {
  if (system === 'meili') {
    const answers = bodies as MeiliAnswer[];
    // The exact total: the counting query's (the hits query runs in limit/offset mode).
    const main = (a: MeiliAnswer) => a?.results?.find((r) => r.totalHits !== undefined) ?? a?.results?.[0] ?? a;
    return {
      medianTotal: median(answers.map((a) => Number(main(a)?.totalHits ?? main(a)?.estimatedTotalHits))),
      medianServerMs: median(
        answers.map((a) => (a?.results ?? [a]).reduce((sum, r) => sum + Number(r?.processingTimeMs), 0)),
      ),
    };
  }
  const answers = bodies as Array<{ total?: number; tookMs?: number } | null>;
  return {
    medianTotal: median(answers.map((a) => Number(a?.total))),
    medianServerMs: median(answers.map((a) => Number(a?.tookMs))),
  };
}

function looksLikeSearchAnswer(system: SystemId, body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  if (system === 'meili') {
    const results = (body as { results?: unknown[] }).results;
    return Array.isArray(results) || Array.isArray((body as { hits?: unknown[] }).hits);
  }
  const b = body as { hits?: unknown; total?: unknown; facets?: unknown; degraded?: boolean };
  // A degraded answer came from the API's PostgreSQL fallback, not from Meilisearch: not what is measured.
  return Array.isArray(b.hits) && typeof b.total === 'number' && typeof b.facets === 'object' && b.degraded !== true;
}

/**
 * The raw-Meilisearch requests of a mix: for each API search, the search calls the API made to
 * Meilisearch, replayed with the master key. A string says why the floor cannot be measured.
 */
function floorRequests(
  apiPaths: string[],
  captured: Map<string, CapturedSearch>,
  meiliKey: string,
): SearchCalls[] | string {
  const searches: SearchCalls[] = [];
  for (const p of apiPaths) {
    const c = captured.get(p);
    if (c?.status !== 200) {
      return `the API answered ${c?.status ?? 'nothing'} to ${p}: ${JSON.stringify(c?.body).slice(0, 200)}`;
    }
    if (c.meiliCalls.length === 0) return `the API made no Meilisearch search for ${p}`;
    searches.push(
      c.meiliCalls.map((call) => ({ ...call, headers: { ...call.headers, authorization: `Bearer ${meiliKey}` } })),
    );
  }
  return searches;
}

/**
 * The hot-query mix (a Zipf draw from 500 searches) on the API without its cache and on an
 * API process with it (started for this phase, stopped after).
 */
async function measureHotMix(input: {
  opts: ReturnType<typeof options>;
  api: ChildServer;
  bearer: (i: number) => Record<string, string>;
  startCached: () => Promise<ChildServer>;
  signIn: (account: { email: string; password: string }, server?: ChildServer) => Promise<string>;
  readers: Array<{ email: string; password: string }>;
  cpuBusyBefore: Array<number | null>;
  problems: string[];
}): Promise<HotMixResult | null> {
  const { opts } = input;
  const queries = hotQueries(500);
  const draws = zipfDraw(queries, opts.quick ? 40 : 1000, opts.seed);
  const searches: SearchCalls[] = draws.map((c) => [{ method: 'GET', path: `/api/search?${searchQueryString(c)}` }]);
  const result: HotMixResult = {
    queries: queries.length,
    draws: draws.length,
    distinctDrawn: new Set(draws).size,
    systems: {},
  };
  say(`hot queries (${draws.length} draws from ${queries.length} searches, ${result.distinctDrawn} distinct):`);
  let cached: ChildServer | undefined;
  try {
    cached = await input.startCached();
    const cachedTokens = await Promise.all(input.readers.map((r) => input.signIn(r, cached)));
    const targets: Record<
      (typeof HOT_SYSTEMS)[number],
      { url: string; headersFor: (i: number) => Record<string, string> }
    > = {
      api: { url: input.api.url, headersFor: input.bearer },
      cached: {
        url: cached.url,
        headersFor: (i) => ({ authorization: `Bearer ${cachedTokens[i % cachedTokens.length]}` }),
      },
    };
    const verifyBody = (body: string) => !body.includes('"degraded":true');
    for (const system of HOT_SYSTEMS) {
      const { url, headersFor } = targets[system];
      const answers = await sendEach(url, searches, headersFor);
      const bad = answers.filter((a) => a.status !== 200 || !looksLikeSearchAnswer('api', a.body));
      const measured: SystemMixResult = {
        check: {
          requests: answers.length,
          failed: bad.length,
          ...describeAnswers(
            'api',
            answers.map((a) => a.body),
          ),
          firstError: bad[0] ? `${bad[0].status} ${JSON.stringify(bad[0].body).slice(0, 300)}` : undefined,
        },
      };
      if (bad.length > 0) input.problems.push(`${HOT_LABELS[system]}, hot: ${bad.length} bad answers`);
      if (!opts.quick) input.cpuBusyBefore.push(await settle());
      measured.sequential = await runLoad(url, searches, {
        connections: 1,
        ...(opts.quick ? { amount: searches.length } : { seconds: opts.sequentialSeconds }),
        headersFor,
        verifyBody,
      });
      if (!opts.quick) input.cpuBusyBefore.push(await settle());
      measured.concurrent = await runLoad(url, searches, {
        connections: opts.connections,
        ...(opts.quick ? { amount: 3 * opts.connections } : { seconds: opts.concurrentSeconds }),
        headersFor,
        verifyBody,
      });
      result.systems[system] = measured;
      const seq = measured.sequential.latency;
      const con = measured.concurrent;
      say(
        `  ${HOT_LABELS[system].padEnd(26)} seq p50 ${seq.p50} p95 ${seq.p95} ms | ${opts.connections} clients p50 ${con.latency.p50} p95 ${con.latency.p95} ms, ${con.throughput}/s, ${measured.sequential.errors + con.errors} errors`,
      );
    }
    return result;
  } catch (error) {
    input.problems.push(`hot queries: ${(error as Error).message}`);
    return result;
  } finally {
    await cached?.stop().catch(() => {});
  }
}

async function main() {
  const opts = options();
  const runStarted = performance.now();
  say(`advisory-kb bench: ${opts.quick ? 'quick' : 'full'} run, ${opts.documents} documents, data in ${opts.dataDir}`);
  say(
    `  load average now ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${os.availableParallelism()} CPUs`,
  );

  const reusing = opts.reuse;
  const profileDir = path.join(opts.dataDir, 'profile');
  rmSync(profileDir, { recursive: true, force: true });
  if (!reusing) {
    for (const part of ['postgres', 'meilisearch', 'app', 'logs']) {
      rmSync(path.join(opts.dataDir, part), { recursive: true, force: true });
    }
  }
  mkdirSync(opts.dataDir, { recursive: true });

  const problems: string[] = [];
  const loadAverages: Record<string, number> = { start: load1() };
  const cpuBusyBefore: Array<number | null> = [];

  // The SPA is built before the API starts: the server serves what is in apps/web/dist at start.
  if (opts.buildWeb) {
    say('building the SPA (apps/web) …');
    try {
      await buildWeb();
    } catch (error) {
      problems.push(`SPA build failed: ${(error as Error).message}`);
    }
  }

  say('starting PostgreSQL and Meilisearch …');
  const services = await startServices(opts.dataDir, { meiliMaxIndexingMemory: opts.meiliMaxIndexingMemory });
  const servers: ChildServer[] = [];
  const indexPrefix = 'bench';
  const meili = {
    url: services.meili.url,
    key: services.meiliKey,
    uid: `${indexPrefix}-sections`,
    documentsUid: `${indexPrefix}-documents`,
  };
  const db = createDatabase(services.postgres.url, { max: opts.importConcurrency + 2 });
  try {
    await runMigrations(db);
    await seedTaxonomy(db);
    await markSeeded(db);
    // As the server does at start (the authority cards, the citation graph's version), but before
    // the import, which writes each document's citation links as it publishes: the API processes
    // started below then find nothing to rebuild. A rebuild at their start queued every published
    // document for indexing again (a reindex of the corpus during the timed phases), and the
    // second process, waiting on the rebuild's lock, failed to start past the statement timeout.
    const graph = await syncAuthorities(db);
    if (graph.rebuilt !== null && reusing && graph.rebuilt > 0) {
      problems.push(
        `the reused corpus's citation graph was rebuilt (${graph.rebuilt} documents, an older key scheme): every published document was queued for indexing again; load the corpus afresh`,
      );
    }
    const versions = {
      meilisearch: (
        (await (await fetch(`${meili.url}/version`, { headers: { authorization: `Bearer ${meili.key}` } })).json()) as {
          pkgVersion: string;
        }
      ).pkgVersion,
      postgres: String(((await db.execute(sql`select version() as v`)).rows[0] as { v: string }).v),
    };
    const machine = machineInfo(versions);

    // 1. The corpus, through the real import path, then the outbox into the index.
    let corpus: BenchResults['corpus'];
    const wanted = `${opts.seed}:${opts.documents}`;
    if (reusing && (await loadedCorpus(db)) === wanted) {
      corpus = { reused: true, documents: opts.documents, sections: await publishedSectionCount(db) };
      say(`reusing the loaded corpus (${corpus.sections} sections)`);
    } else {
      if (reusing) throw new Error(`--reuse: ${opts.dataDir} holds no corpus ${wanted}; run without --reuse`);
      say(`generating and importing ${opts.documents} documents …`);
      loadAverages.import = load1();
      const report: LoadReport = await loadCorpus(
        db,
        { host: meili.url, apiKey: meili.key, prefix: indexPrefix },
        { seed: opts.seed, documents: opts.documents, concurrency: opts.importConcurrency, progress: say },
      );
      corpus = { ...report, reused: false };
      say(
        `  imported in ${report.importSeconds} s (${report.importDocumentsPerSecond} docs/s, ${report.importSectionsPerSecond} sections/s); all ${report.sections} sections searchable after ${report.untilSearchableSeconds} s`,
      );
      if (report.importErrors > 0) problems.push(`${report.importErrors} documents failed to import`);
      if (report.importRetries > 0) {
        problems.push(
          `${report.importRetries} import transactions failed when run side by side and were retried: ${report.importRetryReasons.join('; ')}`,
        );
      }
      if (report.syncFailures > 0)
        problems.push(`${report.syncFailures} outbox rows failed at least once while indexing`);
    }

    const meiliWorkAfterLoad = await summarizeMeiliWork(meili);
    if (!corpus.reused) say(`  Meilisearch work while loading: ${describeWork(meiliWorkAfterLoad)}`);

    // 2. Accounts: readers for the searches (tokens spread over the clients), an editor for publishing.
    const runId = randomBytes(4).toString('hex');
    const password = `bench-${randomBytes(12).toString('base64url')}`;
    const readers: Array<{ email: string; password: string }> = [];
    for (let i = 0; i < opts.readers; i++) {
      const email = `bench-reader-${runId}-${i}@bench.example.org`;
      await createUser(db, { email, password, name: `Bench reader ${i}`, role: 'reader' });
      readers.push({ email, password });
    }
    const editorEmail = `bench-editor-${runId}@bench.example.org`;
    const editorRow = await createUser(db, { email: editorEmail, password, name: 'Bench editor', role: 'editor' });
    const firstReader = readers[0] as { email: string; password: string };

    // 3. What the API asks Meilisearch for each search of each mix (the floor replays it).
    const casesByMix = MIXES.map((mix) => mix.cases.map((c) => `/api/search?${searchQueryString(c)}`));
    say('capturing the Meilisearch requests the API makes …');
    const captured = await captureMeiliCalls({
      databaseUrl: services.postgres.url,
      meiliUrl: meili.url,
      meiliKey: meili.key,
      indexPrefix,
      reader: firstReader,
      apiPaths: casesByMix.flat(),
    });
    const capturedByPath = new Map(captured.map((c) => [c.apiPath, c]));

    // 4. The real server and the PostgreSQL endpoint, each in its own process.
    say('starting the API server and the PostgreSQL baseline endpoint …');
    // The API, and the former design (everything counted from the sections index) as the
    // reference, started side by side.
    const started = await Promise.allSettled([
      startApiServer({
        dataDir: opts.dataDir,
        databaseUrl: services.postgres.url,
        meiliUrl: meili.url,
        meiliKey: meili.key,
        indexPrefix,
        jwtSecret: randomBytes(32).toString('hex'),
        logLevel: opts.logLevel,
        profileDir: opts.apiProfile ? profileDir : undefined,
      }),
      startApiServer({
        dataDir: opts.dataDir,
        databaseUrl: services.postgres.url,
        meiliUrl: meili.url,
        meiliKey: meili.key,
        indexPrefix,
        jwtSecret: randomBytes(32).toString('hex'),
        logLevel: opts.logLevel,
        name: 'api-reference',
        env: { SEARCH_COUNT_FROM: 'sections' },
      }),
    ]);
    // Whatever started is stopped at the end, even when the other did not start.
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    const [api, reference] = started.map((s) => {
      if (s.status === 'rejected') throw s.reason;
      return s.value;
    }) as [ChildServer, ChildServer];
    const pgServer = await startPgServer({
      dataDir: opts.dataDir,
      databaseUrl: services.postgres.url,
      pool: opts.connections,
    });
    servers.push(pgServer);

    const signIn = async (account: { email: string; password: string }, server: ChildServer = api) => {
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(account),
      });
      if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    };
    // Access tokens live 15 minutes, and a run on a busy machine lasts longer: before a mix, tokens
    // older than 10 minutes are renewed (not at every mix: sign-in is rate limited per address).
    // Each server has its own JWT secret (as separate deployments would).
    let tokens: string[] = [];
    let referenceTokens: string[] = [];
    let signedInAt = 0;
    const TOKEN_RENEWAL_MS = 10 * 60_000;
    const renewTokens = async (servers: 'both' | 'api' = 'both') => {
      if (Date.now() - signedInAt < TOKEN_RENEWAL_MS) return;
      [tokens, referenceTokens] = await Promise.all([
        Promise.all(readers.map((r) => signIn(r))),
        servers === 'both' ? Promise.all(readers.map((r) => signIn(r, reference))) : referenceTokens,
      ]);
      signedInAt = Date.now();
    };
    await renewTokens();
    // Nothing may be indexing while searches are timed (the server applies the index settings at start).
    await waitForMeiliIdle(meili);
    const bearer = (i: number) => ({ authorization: `Bearer ${tokens[i % tokens.length]}` });
    const referenceBearer = (i: number) => ({
      authorization: `Bearer ${referenceTokens[i % referenceTokens.length]}`,
    });
    const equivalence: Equivalence = { searches: 0, mismatches: [] };

    // 5. The same mixes on the three systems, mix by mix (so background load hits all three alike).
    const mixes: MixResult[] = [];
    const timedFromUs = Number(process.hrtime.bigint() / 1000n);
    for (const [m, mix] of MIXES.entries()) {
      const apiPaths = casesByMix[m] ?? [];
      const requests: Record<SystemId, SearchCalls[] | string> = {
        api: apiPaths.map((p) => [{ method: 'GET', path: p }]),
        reference: apiPaths.map((p) => [{ method: 'GET', path: p }]),
        postgres: apiPaths.map((p) => [{ method: 'GET', path: p.replace('/api/search?', '/search?') }]),
        meili: floorRequests(apiPaths, capturedByPath, meili.key),
      };
      const base: Record<SystemId, string> = {
        api: api.url,
        reference: reference.url,
        postgres: pgServer.url,
        meili: meili.url,
      };
      const systems: MixResult['systems'] = {};
      const checked: Partial<Record<SystemId, unknown[]>> = {};
      say(`mix "${mix.label}" (${apiPaths.length} searches):`);
      await renewTokens();
      loadAverages[mix.id] = load1();
      for (const system of SYSTEMS) {
        const spec = requests[system];
        if (typeof spec === 'string') {
          systems[system] = { check: { requests: 0, failed: 0, medianTotal: null, medianServerMs: null }, error: spec };
          problems.push(`${SYSTEM_LABELS[system]}, ${mix.id}: ${spec}`);
          say(`  ${SYSTEM_LABELS[system]}: not measured — ${spec}`);
          continue;
        }
        const throughApi = system === 'api' || system === 'reference';
        const headersFor = system === 'api' ? bearer : system === 'reference' ? referenceBearer : undefined;
        // The API answers from its PostgreSQL fallback when Meilisearch fails: such answers are errors here.
        const verifyBody = throughApi ? (body: string) => !body.includes('"degraded":true') : undefined;
        // The check pass (also the warm-up): every request once, answers verified.
        const answers = await sendEach(base[system], spec, headersFor);
        checked[system] = answers.map((a) => a.body);
        const bad = answers.filter((a) => a.status !== 200 || !looksLikeSearchAnswer(system, a.body));
        const result: SystemMixResult = {
          check: {
            requests: answers.length,
            failed: bad.length,
            ...describeAnswers(
              system,
              answers.map((a) => a.body),
            ),
            firstError: bad[0] ? `${bad[0].status} ${JSON.stringify(bad[0].body).slice(0, 300)}` : undefined,
          },
        };
        if (bad.length > 0)
          problems.push(
            `${SYSTEM_LABELS[system]}, ${mix.id}: ${bad.length} bad answers, e.g. ${result.check.firstError}`,
          );
        // A run lasts its seconds, unless that would leave too few samples for a slow system
        // (judged from the check pass) — then it runs until it has them: one pass over the mix
        // sequentially, three searches per client concurrently. Quick runs always count answers.
        const callsPerSearch = spec.flat().length / spec.length;
        const checkSeconds = answers.reduce((sum, a) => sum + a.ms, 0) / 1000 / Math.max(1, answers.length);
        const sequentialTooFew = opts.sequentialSeconds / Math.max(checkSeconds, 1e-6) < spec.length;
        if (!opts.quick) cpuBusyBefore.push(await settle());
        result.sequential = await runLoad(base[system], spec, {
          connections: 1,
          ...(opts.quick || sequentialTooFew ? { amount: spec.flat().length } : { seconds: opts.sequentialSeconds }),
          headersFor,
          verifyBody,
        });
        const concurrentTooFew = opts.concurrentSeconds / Math.max(checkSeconds, 1e-6) < 3;
        if (!opts.quick) cpuBusyBefore.push(await settle());
        result.concurrent = await runLoad(base[system], spec, {
          connections: opts.connections,
          ...(opts.quick || concurrentTooFew
            ? { amount: Math.ceil(3 * opts.connections * callsPerSearch) }
            : { seconds: opts.concurrentSeconds }),
          headersFor,
          verifyBody,
        });
        systems[system] = result;
        const s = result.sequential.latency;
        const c = result.concurrent;
        say(
          `  ${SYSTEM_LABELS[system].padEnd(24)} seq p50 ${s.p50} p95 ${s.p95} p99 ${s.p99} ms | ${opts.connections} clients p50 ${c.latency.p50} p95 ${c.latency.p95} ms, ${c.throughput}/s, ${result.sequential.errors + c.errors} errors`,
        );
      }
      // The two designs, search by search: the same total, facet counts and page of hits.
      for (const [i, path] of apiPaths.entries()) {
        const now = checked.api?.[i] as SearchAnswer | undefined;
        const before = checked.reference?.[i] as SearchAnswer | undefined;
        if (!now || !before) continue;
        equivalence.searches++;
        const what = differences(now, before);
        if (what) equivalence.mismatches.push({ mix: mix.id, path, what });
      }
      // The API's overhead, measured in pairs so that the machine's drift cancels out.
      let paired: PairedResult | undefined;
      const floor = requests.meili;
      if (typeof floor !== 'string' && systems.meili?.sequential && systems.api?.sequential) {
        if (!opts.quick) cpuBusyBefore.push(await settle());
        paired = await runPaired(
          { baseUrl: meili.url, searches: floor },
          { baseUrl: api.url, searches: apiPaths.map((p) => [{ method: 'GET', path: p }]), headers: bearer(0) },
          opts.quick ? 0 : opts.sequentialSeconds,
        );
        say(
          `  API − raw Meilisearch, in ${paired.pairs} pairs: p50 ${paired.differenceP50} ms, p95 ${paired.differenceP95} ms`,
        );
      }
      const apiMeiliCalls: MixResult['apiMeiliCalls'] = { searchCalls: 0, otherCalls: {} };
      for (const p of apiPaths) {
        const c = capturedByPath.get(p);
        apiMeiliCalls.searchCalls += c?.meiliCalls.length ?? 0;
        for (const other of c?.otherCalls ?? []) {
          apiMeiliCalls.otherCalls[other] = (apiMeiliCalls.otherCalls[other] ?? 0) + 1;
        }
      }
      mixes.push({
        id: mix.id,
        label: mix.label,
        cases: apiPaths.length,
        apiMeiliCalls,
        apiBreakdownMs: {
          request: round(median(apiPaths.map((p) => capturedByPath.get(p)?.requestMs ?? Number.NaN)) ?? Number.NaN, 1),
          postgres: round(median(apiPaths.map((p) => capturedByPath.get(p)?.pgMs ?? Number.NaN)) ?? Number.NaN, 1),
          meilisearch: round(
            median(apiPaths.map((p) => capturedByPath.get(p)?.meiliMs ?? Number.NaN)) ?? Number.NaN,
            1,
          ),
        },
        apiPgQueriesPerSearch: round(
          apiPaths.reduce((sum, p) => sum + (capturedByPath.get(p)?.pgQueries ?? 0), 0) / Math.max(1, apiPaths.length),
          1,
        ),
        systems,
        ...(paired ? { paired } : {}),
        ratios: mixRatios(systems),
      });
    }

    // The reference's own outbox worker would race the API's for the publishes measured below.
    await reference.stop();
    say(
      `equivalence with the former design: ${equivalence.mismatches.length} mismatches in ${equivalence.searches} searches`,
    );
    for (const m of equivalence.mismatches.slice(0, 20)) say(`  ${m.mix} ${m.path}: ${m.what}`);
    if (equivalence.mismatches.length > 0) {
      problems.push(`${equivalence.mismatches.length} searches answered differently by the two designs`);
    }

    // The hot-query mix: the API without and with its cache of Meilisearch's answers.
    await renewTokens('api'); // the reference has stopped
    const hot = await measureHotMix({
      opts,
      api,
      bearer,
      startCached: () =>
        startApiServer({
          dataDir: opts.dataDir,
          databaseUrl: services.postgres.url,
          meiliUrl: meili.url,
          meiliKey: meili.key,
          indexPrefix,
          jwtSecret: randomBytes(32).toString('hex'),
          logLevel: opts.logLevel,
          name: 'api-cached',
          env: { SEARCH_CACHE: 'true' },
        }),
      signIn,
      readers,
      cpuBusyBefore,
      problems,
    });
    loadAverages.hot = load1();

    const timedToUs = Number(process.hrtime.bigint() / 1000n);

    // 6. Publish → searchable, through the running API's outbox worker.
    await waitForMeiliIdle(meili);
    say(`publishing ${opts.publishes} revisions and waiting for each to be searchable …`);
    if (!opts.quick) cpuBusyBefore.push(await settle());
    loadAverages.publish = load1();
    let publish: BenchResults['publish'] = null;
    if (opts.publishes > 0) {
      try {
        const editorToken = await signIn({ email: editorEmail, password });
        publish = await measurePublishLatency({
          db,
          meili,
          seed: opts.seed,
          corpusSize: opts.documents,
          count: opts.publishes,
          editor: { id: editorRow.id, token: editorToken },
          apiUrl: api.url,
        });
        say(
          `  via ${publish.via}: p50 ${publish.latency.p50} ms, p95 ${publish.latency.p95} ms, ${publish.timeouts} timeouts`,
        );
      } catch (error) {
        publish = { error: (error as Error).message };
        problems.push(`publish → searchable: ${(error as Error).message}`);
      }
    }

    const meiliWork: BenchResults['meiliWork'] = {
      load: corpus.reused ? null : meiliWorkAfterLoad,
      publish: workSince(meiliWorkAfterLoad, await summarizeMeiliWork(meili)),
    };
    say(`  Meilisearch work while publishing: ${describeWork(meiliWork.publish)}`);

    // 7. Memory, sizes.
    const apiMemory = residentMemory(api.pid);
    const meiliMemory = residentMemory(services.meili.pid);
    let indexDiskMiB: number | null = null;
    try {
      const kib = Number(execFileSync('du', ['-sk', services.meiliDir], { encoding: 'utf8' }).split(/\s/)[0]);
      indexDiskMiB = round(kib / 1024, 1);
    } catch (error) {
      problems.push(`du failed: ${(error as Error).message}`);
    }
    const resources = {
      apiRssMiB: apiMemory?.rssMiB ?? null,
      apiPeakRssMiB: apiMemory?.peakMiB ?? null,
      meiliRssMiB: meiliMemory?.rssMiB ?? null,
      meiliPeakRssMiB: meiliMemory?.peakMiB ?? null,
      meiliAnonMiB: meiliMemory?.anonMiB ?? null,
      meiliFileMiB: meiliMemory?.fileMiB ?? null,
      indexDiskMiB,
      databaseMiB: await databaseSizeMiB(db),
    };

    // 8. The SPA: its JavaScript, and the first results in Chromium.
    const spa = measureSpaSize();
    if (!spa) problems.push('the SPA is not built (apps/web/dist): its size was not measured');
    let browser: BenchResults['browser'] = null;
    if (opts.browserRuns > 0 && spa) {
      say(`Chromium: ${opts.browserRuns} navigations to the search page …`);
      cpuBusyBefore.push(await settle());
      loadAverages.browser = load1();
      try {
        browser = await measureFirstResults({
          baseUrl: api.url,
          reader: firstReader,
          runs: opts.browserRuns,
          query: 'aggravated felony',
          screenshot: path.join(opts.dataDir, 'logs', 'sign-in-failure.png'),
        });
        say(`  ${browser.page}: p50 ${browser.p50} ms`);
      } catch (error) {
        browser = { error: (error as Error).message.split('\n')[0] ?? 'failed' };
        problems.push(`Chromium: ${(error as Error).message.split('\n')[0]}`);
      }
    }

    // 9. With --api-profile: the API process writes its CPU profile when it exits.
    let apiProfile: ProfileSummary | null = null;
    if (opts.apiProfile) {
      await api.stop();
      apiProfile = summarizeProfile(profileDir, { fromUs: timedFromUs, toUs: timedToUs });
      if (apiProfile) {
        say(
          `API CPU profile: busy ${apiProfile.busyPercent}% of ${apiProfile.sampledMs} ms sampled while searches were timed; shares of the busy time:`,
        );
        for (const f of apiProfile.topFunctions.slice(0, 12)) say(`  ${f.percent}%  ${f.name}  ${f.where}`);
        say(`  by source: ${apiProfile.topSources.map((s) => `${s.where} ${s.percent}%`).join(', ')}`);
      } else {
        problems.push(`no CPU profile found in ${profileDir}`);
      }
    }

    machine.loadAverageAtEnd = os.loadavg().map((l) => round(l));
    const partial: Omit<BenchResults, 'targets'> = {
      version: 1,
      date: new Date().toISOString(),
      mode: opts.quick ? 'quick' : 'full',
      durationSeconds: round((performance.now() - runStarted) / 1000, 1),
      settings: {
        documents: opts.documents,
        seed: opts.seed,
        sequentialRun: opts.quick ? 'each search of the mix once' : `${opts.sequentialSeconds} s`,
        concurrentRun: opts.quick ? `${3 * opts.connections} answers` : `${opts.concurrentSeconds} s`,
        connections: opts.connections,
        publishes: opts.publishes,
        importConcurrency: opts.importConcurrency,
        browserRuns: opts.browserRuns,
        apiLogLevel: opts.logLevel,
        meiliMaxIndexingMemory: opts.meiliMaxIndexingMemory ?? "the app's default (256Mb)",
        perPage: 20,
      },
      machine,
      corpus,
      loadAverages,
      cpuBusyBeforeRuns: summarizeBusy(cpuBusyBefore),
      mixes,
      equivalence,
      hot,
      publish,
      meiliWork,
      resources,
      spa,
      browser,
      apiProfile,
      problems,
    };
    const results: BenchResults = { ...partial, targets: evaluateTargets(partial) };
    mkdirSync(path.dirname(opts.out), { recursive: true });
    writeFileSync(opts.out, `${JSON.stringify(results, null, 2)}\n`);
    const markdown = markdownReport(results);
    say(`\n${markdown}\n`);
    say(`results written to ${path.relative(repoRoot, opts.out)}`);
    if (opts.canonical) {
      const doc = path.join(repoRoot, 'BENCHMARKS.md');
      if (updateBenchmarksDoc(doc, markdown, path.relative(repoRoot, opts.out))) say('BENCHMARKS.md updated');
    }
  } finally {
    for (const server of servers.reverse()) await server.stop().catch(() => {});
    await db.$client.end().catch(() => {});
    await services.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`bench failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
