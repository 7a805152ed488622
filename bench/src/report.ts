import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { LoadReport } from './corpus';
import type { LoadResult, PairedResult } from './http-load';
import { describeWork, type MeiliWorkSummary } from './meili-tasks';
import type { ProfileSummary } from './profile';
import type { PublishReport } from './publish';
import { round } from './stats';
import type { BrowserTiming, SpaSize } from './web';

export const SYSTEMS = ['meili', 'api', 'reference', 'postgres'] as const;
export type SystemId = (typeof SYSTEMS)[number];

export const SYSTEM_LABELS: Record<SystemId, string> = {
  meili: 'raw Meilisearch (floor)',
  api: 'GET /api/search',
  reference: 'GET /api/search, former design (reference)',
  postgres: 'PostgreSQL FTS',
};

/** The hot-query mix's two systems: the API without its cache and with it. */
export const HOT_SYSTEMS = ['api', 'cached'] as const;
export type HotSystemId = (typeof HOT_SYSTEMS)[number];
export const HOT_LABELS: Record<HotSystemId, string> = {
  api: 'GET /api/search, no cache',
  cached: 'GET /api/search, cache on',
};

/**
 * Every search of the mixes asked of the API (two-index design) and of the reference (the
 * former design): the same total, the same facet counts, the same hits in the same order?
 */
export interface Equivalence {
  searches: number;
  mismatches: Array<{ mix: string; path: string; what: string }>;
}

export interface HotMixResult {
  /** Distinct searches, and how many were drawn from them (Zipf) for each client's loop. */
  queries: number;
  draws: number;
  /** Distinct searches among the draws. */
  distinctDrawn: number;
  systems: Partial<Record<HotSystemId, SystemMixResult>>;
}

export interface SystemMixResult {
  /** The check pass: every request of the mix once, verified before the timed runs. */
  check: {
    requests: number;
    failed: number;
    /** Median hits found (the engines match differently: PostgreSQL knows no synonyms or citation forms). */
    medianTotal: number | null;
    /** Median time the system reports spending itself (`tookMs`, Meilisearch's `processingTimeMs`). */
    medianServerMs: number | null;
    firstError?: string;
  };
  sequential?: LoadResult;
  concurrent?: LoadResult;
  /** Why this system could not be measured on this mix. */
  error?: string;
}

export interface MixResult {
  id: string;
  label: string;
  cases: number;
  /** What the API asked Meilisearch for this mix's searches (captured once, before the timed runs). */
  apiMeiliCalls: { searchCalls: number; otherCalls: Record<string, number> };
  /** PostgreSQL round trips per API search (mean over the mix, counted in the capture). */
  apiPgQueriesPerSearch: number;
  /**
   * Where an API search's time goes, medians over the mix from the capture (one request at a
   * time, in-process, through a proxy in front of Meilisearch): the whole request, waiting for
   * PostgreSQL (summed), waiting for Meilisearch.
   */
  apiBreakdownMs?: { request: number; postgres: number; meilisearch: number };
  systems: Partial<Record<SystemId, SystemMixResult>>;
  /** Raw Meilisearch and the API measured in pairs (each search to both, back to back): the API's overhead. */
  paired?: PairedResult;
  ratios: {
    apiOverMeiliP50: number | null;
    apiMinusMeiliP50Ms: number | null;
    postgresOverApiP50: number | null;
    apiOverMeiliThroughput: number | null;
    postgresOverApiThroughput: number | null;
    /** The two-index design's throughput over the former design's (16 clients, both through the API). */
    apiOverReferenceThroughput: number | null;
  };
}

export interface Machine {
  /** The code measured: `git describe --always --dirty`. */
  commit: string;
  nproc: number;
  memoryGiB: number;
  cpuModel: string;
  os: string;
  node: string;
  meilisearch: string;
  postgres: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
}

export interface Target {
  id: string;
  label: string;
  goal: string;
  measured: string;
  met: boolean | null;
}

export interface BenchResults {
  version: 1;
  date: string;
  mode: 'quick' | 'full';
  durationSeconds: number;
  settings: Record<string, unknown>;
  machine: Machine;
  corpus: (LoadReport & { reused: false }) | { reused: true; documents: number; sections: number };
  /** Load averages (1 min) sampled before each measured phase: other work on the machine shows here. */
  loadAverages: Record<string, number>;
  /** CPU use measured just before each timed run, after waiting for the machine to settle. */
  cpuBusyBeforeRuns?: { runs: number; medianPercent: number; maxPercent: number } | null;
  mixes: MixResult[];
  equivalence?: Equivalence | null;
  hot?: HotMixResult | null;
  publish: PublishReport | { error: string } | null;
  /** Meilisearch's batches while loading the corpus and while publishing (searches create none). */
  meiliWork: { load: MeiliWorkSummary | null; publish: MeiliWorkSummary };
  resources: {
    apiRssMiB: number | null;
    apiPeakRssMiB: number | null;
    meiliRssMiB: number | null;
    meiliPeakRssMiB: number | null;
    meiliAnonMiB: number | null;
    meiliFileMiB: number | null;
    indexDiskMiB: number | null;
    databaseMiB: number | null;
  };
  spa: SpaSize | null;
  browser: BrowserTiming | { error: string } | null;
  /** With --api-profile: where the API process spent its CPU while the searches were timed. */
  apiProfile: ProfileSummary | null;
  targets: Target[];
  problems: string[];
}

export function machineInfo(versions: { meilisearch: string; postgres: string }): Machine {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux
  }
  let nproc = os.availableParallelism();
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    // no nproc
  }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['describe', '--always', '--dirty'], { encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return {
    commit,
    nproc,
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    cpuModel,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    meilisearch: versions.meilisearch,
    postgres: versions.postgres,
    loadAverageAtStart: os.loadavg().map((l) => round(l)),
  };
}

const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && b > 0 && Number.isFinite(a) ? round(a / b) : null;

export function mixRatios(systems: MixResult['systems']): MixResult['ratios'] {
  const p50 = (s: SystemId) => systems[s]?.sequential?.latency.p50;
  const tput = (s: SystemId) => systems[s]?.concurrent?.throughput;
  const api = p50('api');
  const meili = p50('meili');
  return {
    apiOverMeiliP50: ratio(api, meili),
    apiMinusMeiliP50Ms: api !== undefined && meili !== undefined ? round(api - meili) : null,
    postgresOverApiP50: ratio(p50('postgres'), api),
    apiOverMeiliThroughput: ratio(tput('api'), tput('meili')),
    postgresOverApiThroughput: ratio(tput('postgres'), tput('api')),
    apiOverReferenceThroughput: ratio(tput('api'), tput('reference')),
  };
}

/** The issue's targets, each met or not, with what was measured. */
export function evaluateTargets(results: Omit<BenchResults, 'targets'>): Target[] {
  const faceted = results.mixes.find((m) => m.id === 'faceted');
  const overheadOf = (m: MixResult) => m.paired?.differenceP50 ?? m.ratios.apiMinusMeiliP50Ms;
  const worstOverhead = results.mixes
    .map((m) => ({ id: m.id, ms: overheadOf(m) }))
    .filter((m): m is { id: string; ms: number } => m.ms !== null)
    .sort((a, b) => b.ms - a.ms)[0];
  const facetedApi = faceted?.systems.api;
  const byMix = results.mixes
    .filter((m) => m.systems.reference)
    .map((m) => ({ id: m.id, ratio: m.ratios.apiOverReferenceThroughput }));
  const worstRatio = [...byMix].sort((a, b) => (a.ratio ?? 0) - (b.ratio ?? 0))[0];
  const hotCached = results.hot?.systems.cached;
  const publish = results.publish && 'latency' in results.publish ? results.publish : null;
  const spa = results.spa;
  const fmt = (n: number | undefined | null, unit: string) => (n === undefined || n === null ? 'n/a' : `${n} ${unit}`);
  return [
    {
      id: 'api-overhead',
      label: 'API p50 within 2 ms of raw Meilisearch (sequential, measured in pairs, every mix)',
      goal: '≤ 2 ms',
      measured: worstOverhead
        ? `worst +${worstOverhead.ms} ms (${worstOverhead.id}); ${results.mixes.map((m) => `${m.id} +${overheadOf(m) ?? 'n/a'}`).join(', ')}`
        : 'n/a',
      met: worstOverhead ? worstOverhead.ms <= 2 : null,
    },
    {
      id: 'faceted-p95',
      label: 'Faceted search p95, sequential (API, text + filters + all facets + highlighting)',
      goal: '≤ 25 ms',
      measured: fmt(facetedApi?.sequential?.latency.p95, 'ms'),
      met: facetedApi?.sequential ? facetedApi.sequential.latency.p95 <= 25 : null,
    },
    {
      id: 'faceted-throughput',
      label: 'Faceted searches per second at 16 clients, zero errors (API)',
      goal: '≥ 180/s, 0 errors',
      measured: facetedApi?.concurrent
        ? `${facetedApi.concurrent.throughput}/s, ${facetedApi.concurrent.errors} errors`
        : 'n/a',
      met: facetedApi?.concurrent
        ? facetedApi.concurrent.throughput >= 180 && facetedApi.concurrent.errors === 0
        : null,
    },
    {
      id: 'reference-throughput',
      label: "Throughput over the former design's, 16 clients, both through the API (every mix)",
      goal: '≥ 2.5×',
      measured: byMix.length
        ? `worst ${worstRatio?.ratio ?? 'n/a'}× (${worstRatio?.id ?? '—'}); ${byMix.map((m) => `${m.id} ${m.ratio ?? 'n/a'}×`).join(', ')}`
        : 'n/a',
      met: byMix.length && byMix.every((m) => m.ratio !== null) ? byMix.every((m) => (m.ratio ?? 0) >= 2.5) : null,
    },
    {
      id: 'equivalence',
      label: 'Same totals, facet counts and top 20 as the former design, every search of the mixes',
      goal: '0 mismatches',
      measured: results.equivalence
        ? `${results.equivalence.mismatches.length} mismatches in ${results.equivalence.searches} searches`
        : 'n/a',
      met: results.equivalence ? results.equivalence.mismatches.length === 0 : null,
    },
    {
      id: 'hot-throughput',
      label: 'Hot-query mix (Zipf over 500 searches) with the cache, 16 clients, zero errors',
      goal: '≥ 1,000/s, 0 errors',
      measured: hotCached?.concurrent
        ? `${hotCached.concurrent.throughput}/s, ${hotCached.concurrent.errors} errors`
        : 'n/a',
      met: hotCached?.concurrent ? hotCached.concurrent.throughput >= 1000 && hotCached.concurrent.errors === 0 : null,
    },
    {
      id: 'publish-p95',
      label: `Publish → searchable p95 (${publish?.publishes ?? 0} publishes on the loaded index)`,
      goal: '≤ 150 ms',
      measured: publish
        ? `${publish.latency.p95} ms (p50 ${publish.latency.p50} ms, ${publish.timeouts} timeouts)`
        : 'n/a',
      met: publish ? publish.latency.p95 <= 150 && publish.timeouts === 0 : null,
    },
    {
      id: 'spa-size',
      label: 'SPA initial JavaScript, gzip',
      goal: '≤ 250 kB',
      measured: spa ? `${spa.initialJsGzipKB} kB (${spa.initialFiles.length} files)` : 'n/a',
      met: spa ? spa.initialJsGzipKB <= 250 : null,
    },
  ];
}

const cell = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits);

/** The Markdown summary: machine, corpus, the side-by-side table, the other measures, the targets. */
export function markdownReport(r: BenchResults): string {
  const lines: string[] = [];
  const m = r.machine;
  lines.push(
    `Run of ${r.date.slice(0, 10)} (${r.mode}, ${Math.round(r.durationSeconds / 6) / 10} min): ${m.nproc} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB RAM, ${m.os}; Node ${m.node}, Meilisearch ${m.meilisearch}, ${m.postgres.split(' on ')[0]}; code at ${m.commit}. Load average at start ${m.loadAverageAtStart.join(' / ')}, at end ${m.loadAverageAtEnd?.join(' / ') ?? '—'}.`,
    '',
    `Load average (1 min) before each phase — other work on the machine shows here: ${Object.entries(r.loadAverages)
      .map(([phase, load]) => `${phase} ${load}`)
      .join(', ')}.`,
    '',
  );
  if (r.cpuBusyBeforeRuns) {
    lines.push(
      `Before each of the ${r.cpuBusyBeforeRuns.runs} timed runs and phases the bench waited (up to 20 s) for the CPUs to fall under 20 % busy, so that work left from the previous run is not measured: busy then, median ${r.cpuBusyBeforeRuns.medianPercent} %, max ${r.cpuBusyBeforeRuns.maxPercent} %.`,
      '',
    );
  }
  const c = r.corpus;
  if (c.reused) {
    lines.push(`Corpus: ${c.documents} documents, ${c.sections} sections (loaded by an earlier run; not re-measured).`);
  } else {
    lines.push(
      `Corpus: ${c.documents} generated documents, ${c.sections} sections, loaded through the import path (${c.importConcurrency} streams) while the outbox worker indexed: database import ${c.importSeconds} s (${c.importDocumentsPerSecond} documents/s, ${c.importSectionsPerSecond} sections/s); all searchable ${c.untilSearchableSeconds} s after the import started (${c.searchableDocumentsPerSecond} documents/s, ${c.searchableSectionsPerSecond} sections/s end to end; the index caught up ${c.indexLagAfterImportSeconds} s after the import ended).`,
    );
  }
  if (r.meiliWork.load) lines.push('', `Meilisearch's work while loading: ${describeWork(r.meiliWork.load)}.`);
  lines.push('');
  lines.push(
    '| mix | system | sequential p50 / p95 / p99 (ms) | 16 clients p50 / p95 / p99 (ms) | searches/s (16 clients) | errors | median hits | median own time (ms) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const mix of r.mixes) {
    for (const id of SYSTEMS) {
      const s = mix.systems[id];
      if (!s) continue;
      if (s.error && !s.sequential) {
        lines.push(`| ${mix.label} | ${SYSTEM_LABELS[id]} | not measured: ${s.error.slice(0, 80)} | | | | | |`);
        continue;
      }
      const seq = s.sequential?.latency;
      const con = s.concurrent?.latency;
      const errors = (s.sequential?.errors ?? 0) + (s.concurrent?.errors ?? 0) + s.check.failed;
      lines.push(
        `| ${mix.label} | ${SYSTEM_LABELS[id]} | ${cell(seq?.p50)} / ${cell(seq?.p95)} / ${cell(seq?.p99)} | ${cell(con?.p50)} / ${cell(con?.p95)} / ${cell(con?.p99)} | ${cell(s.concurrent?.throughput, 0)} | ${errors} | ${s.check.medianTotal ?? '—'} | ${s.check.medianServerMs ?? '—'} |`,
      );
    }
  }
  lines.push('');
  lines.push(
    "| mix | API − raw Meilisearch, p50 | API − raw, paired: p50 / p95 of the differences | API / raw Meilisearch, p50 | PostgreSQL / API, p50 | API / raw Meilisearch, searches/s | API / former design, searches/s | PostgreSQL / API, searches/s | the API's round trips per search |",
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  const signed = (ms: number) => `${ms > 0 ? '+' : ''}${ms} ms`;
  for (const mix of r.mixes) {
    const x = mix.ratios;
    const paired = mix.paired
      ? `${signed(mix.paired.differenceP50)} / ${signed(mix.paired.differenceP95)} (${mix.paired.pairs} pairs)`
      : '—';
    lines.push(
      `| ${mix.label} | ${x.apiMinusMeiliP50Ms === null ? '—' : signed(x.apiMinusMeiliP50Ms)} | ${paired} | ${cell(x.apiOverMeiliP50, 2)}× | ${cell(x.postgresOverApiP50, 1)}× | ${cell(x.apiOverMeiliThroughput, 2)}× | ${cell(x.apiOverReferenceThroughput, 2)}× | ${cell(x.postgresOverApiThroughput, 3)}× | ${mix.apiPgQueriesPerSearch} PostgreSQL${mix.apiBreakdownMs ? ` (${mix.apiBreakdownMs.postgres} ms)` : ''}, ${round(mix.apiMeiliCalls.searchCalls / Math.max(1, mix.cases), 1)} Meilisearch${mix.apiBreakdownMs ? ` (${mix.apiBreakdownMs.meilisearch} ms) in ${mix.apiBreakdownMs.request} ms` : ''}${
        Object.keys(mix.apiMeiliCalls.otherCalls).length
          ? ` (+ ${Object.entries(mix.apiMeiliCalls.otherCalls)
              .map(([k, n]) => `${n}× ${k}`)
              .join(', ')})`
          : ''
      } |`,
    );
  }
  lines.push('');
  if (r.equivalence) {
    const e = r.equivalence;
    lines.push(
      `Equivalence with the former design: ${e.searches} searches of the mixes asked of both, ${e.mismatches.length} with a different total (below the reference's lower bound where it stopped counting at 1,000), facet count or top 20${
        e.mismatches.length
          ? `: ${e.mismatches
              .slice(0, 10)
              .map((m) => `${m.mix} ${m.path} (${m.what})`)
              .join('; ')}`
          : ''
      }.`,
      '',
    );
  }
  if (r.hot) {
    const h = r.hot;
    lines.push(
      `Hot queries: ${h.draws} searches drawn by Zipf's law (rank r with weight 1/r) from ${h.queries} distinct ones (${h.distinctDrawn} distinct among the draws), every client walking the draw; the cached API answered the draw once before the timed runs.`,
      '',
      '| system | sequential p50 / p95 / p99 (ms) | 16 clients p50 / p95 / p99 (ms) | searches/s (16 clients) | errors |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const id of HOT_SYSTEMS) {
      const s = h.systems[id];
      if (!s) continue;
      const seq = s.sequential?.latency;
      const con = s.concurrent?.latency;
      const errors = (s.sequential?.errors ?? 0) + (s.concurrent?.errors ?? 0) + s.check.failed;
      lines.push(
        `| ${HOT_LABELS[id]} | ${cell(seq?.p50)} / ${cell(seq?.p95)} / ${cell(seq?.p99)} | ${cell(con?.p50)} / ${cell(con?.p95)} / ${cell(con?.p99)} | ${cell(s.concurrent?.throughput, 0)} | ${errors} |`,
      );
    }
    lines.push('');
  }
  const p = r.publish;
  const res = r.resources;
  const b = r.browser;
  lines.push('| measure | value |', '| --- | --- |');
  if (p && 'latency' in p) {
    lines.push(
      `| publish → searchable (${p.publishes} publishes, via ${p.via}) | p50 ${p.latency.p50} ms, p95 ${p.latency.p95} ms, max ${p.latency.max} ms, ${p.timeouts} timeouts |`,
    );
    lines.push(`| Meilisearch's work for those publishes | ${describeWork(r.meiliWork.publish)} |`);
  } else if (p) {
    lines.push(`| publish → searchable | not measured: ${p.error} |`);
  }
  lines.push(
    `| resident memory, API process | ${cell(res.apiRssMiB)} MiB (peak ${cell(res.apiPeakRssMiB)} MiB) |`,
    `| resident memory, Meilisearch | ${cell(res.meiliRssMiB)} MiB (${cell(res.meiliAnonMiB)} MiB heap, ${cell(res.meiliFileMiB)} MiB mapped index pages; peak ${cell(res.meiliPeakRssMiB)} MiB) |`,
    `| index size on disk (Meilisearch data dir) | ${cell(res.indexDiskMiB)} MiB |`,
    `| PostgreSQL database size | ${cell(res.databaseMiB)} MiB |`,
  );
  if (r.spa) {
    lines.push(
      `| SPA initial JavaScript (entry + static imports) | ${r.spa.initialJsGzipKB} kB gzip (${r.spa.initialJsKB} kB raw, ${r.spa.initialFiles.length} files); all JS ${r.spa.allJsGzipKB} kB gzip; CSS ${r.spa.cssGzipKB} kB gzip |`,
    );
  }
  if (b && 'p50' in b) {
    lines.push(
      `| Chromium: navigation → first results (${b.page === 'search' ? 'search page' : 'home page document list — the search page was not built yet'}, ${b.runs.length} runs) | p50 ${b.p50} ms (runs: ${b.runs.join(', ')}) |`,
    );
    const phases = Object.entries(b.phases ?? {})
      .sort((x, y) => x[1].start - y[1].start)
      .map(([name, t]) => (t.start === t.end ? `${name} ${t.start}` : `${name} ${t.start}→${t.end}`));
    if (phases.length > 0) {
      lines.push(`| Chromium: the first load's waterfall (median ms since navigation) | ${phases.join(', ')} |`);
    }
  } else if (b) {
    lines.push(`| Chromium: navigation → first results | not measured: ${b.error} |`);
  }
  lines.push('');
  lines.push('| target | goal | measured | met |', '| --- | --- | --- | --- |');
  for (const t of r.targets) {
    lines.push(
      `| ${t.label} | ${t.goal} | ${t.measured} | ${t.met === null ? 'not measured' : t.met ? 'yes' : '**no**'} |`,
    );
  }
  if (r.problems.length > 0) {
    lines.push('', 'Problems during the run:', ...r.problems.map((p) => `- ${p}`));
  }
  return lines.join('\n');
}

export const RESULTS_START = '<!-- bench:results:start (written by `pnpm bench`; edit outside these markers) -->';
export const RESULTS_END = '<!-- bench:results:end -->';

/** Replaces the generated part of BENCHMARKS.md, keeping the hand-written analysis around it. */
export function updateBenchmarksDoc(file: string, markdown: string, resultsFile: string): boolean {
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(RESULTS_START);
  const end = text.indexOf(RESULTS_END);
  if (start < 0 || end < start) return false;
  const block = `${RESULTS_START}\n\nFrom \`${resultsFile}\`:\n\n${markdown}\n\n${RESULTS_END}`;
  writeFileSync(file, text.slice(0, start) + block + text.slice(end + RESULTS_END.length));
  return true;
}
