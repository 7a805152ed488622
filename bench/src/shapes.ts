/**
 * `pnpm bench:shapes`: what each part of the API's Meilisearch request costs Meilisearch itself,
 * on the corpus a full `pnpm bench` loaded (bench/.data/full). It builds each search of the
 * mixes exactly as the API does (`SearchIndex.search`, its request recorded), then times
 * variants of those requests, one at a time and uncompressed, so the costs can be compared:
 * the API's request as is, without highlighting, without facets, in limit/offset mode
 * (estimated totals, facets counted per section instead of per document), and with the
 * disjunctive facet queries sent side by side instead of in one multi-search.
 *
 * The variants are of the former design (everything from the sections index, #18's
 * reference), where they were measured; the two-index request is timed as the API asks it.
 *
 * An experiment for BENCHMARKS.md, not a measurement of the app: no API, no authentication.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SEARCH_FACETS } from '@kb/contracts';
import { SearchIndex } from '@kb/search';
import { MIXES, PER_PAGE } from './mixes';
import { repoRoot, startServices } from './services';
import { round, summarize } from './stats';

interface MultiSearch {
  queries: Array<Record<string, unknown>>;
}

const withoutPaging = ({ page, hitsPerPage, ...rest }: Record<string, unknown>) =>
  page === undefined
    ? rest
    : {
        ...rest,
        offset: ((page as number) - 1) * (hitsPerPage as number),
        limit: hitsPerPage,
      };

type Recorded = { now: MultiSearch; before: MultiSearch };

/** Each variant turns the API's multi-search into the requests to send (several: side by side). */
const VARIANTS: Record<string, (request: Recorded) => MultiSearch[]> = {
  'as the API asks (two indexes)': (r) => [r.now],
};
/** Variants of the former design's request (#18's reference). */
const FORMER_VARIANTS: Record<string, (request: MultiSearch) => MultiSearch[]> = {
  'no highlighting or cropping': (r) => [
    { queries: r.queries.map((q) => ({ ...q, attributesToHighlight: undefined, attributesToCrop: undefined })) },
  ],
  'hits only (no facet queries)': (r) => [{ queries: [{ ...r.queries[0], facets: [] }] }],
  'limit/offset (estimated totals, per-section facets)': (r) => [{ queries: r.queries.map(withoutPaging) }],
  'facet queries side by side': (r) => r.queries.map((q) => ({ queries: [q] })),
};
for (const [name, variant] of Object.entries(FORMER_VARIANTS)) {
  VARIANTS[`former design, ${name}`] = (r) => variant(r.before);
}

async function main() {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, passes: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log('pnpm bench:shapes [--data-dir DIR] [--passes N]   (after a full `pnpm bench`)');
    return;
  }
  const dataDir = path.resolve(values['data-dir'] ?? path.join(repoRoot, 'bench/.data/full'));
  if (!existsSync(path.join(dataDir, 'meilisearch'))) {
    throw new Error(`no loaded corpus in ${dataDir}: run \`pnpm bench\` first`);
  }
  const passes = Number(values.passes ?? 3);
  const services = await startServices(dataDir);
  try {
    const { url } = services.meili;
    const index = new SearchIndex({ host: url, apiKey: services.meiliKey, prefix: 'bench' });
    // Record the multi-search SearchIndex sends for each search of the mixes.
    const recorded = new Map<string, Recorded[]>();
    const realFetch = globalThis.fetch;
    let last: MultiSearch | null = null;
    globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      if (String(input).endsWith('/multi-search') && typeof init?.body === 'string') last = JSON.parse(init.body);
      return realFetch(input, init);
    }) as typeof fetch;
    try {
      for (const mix of MIXES) {
        const requests: Recorded[] = [];
        for (const c of mix.cases) {
          const request = {
            q: c.q ?? '',
            filters: c.filters,
            offset: ((c.page ?? 1) - 1) * PER_PAGE,
            limit: PER_PAGE,
            sort: c.sort ?? ('relevance' as const),
            facets: SEARCH_FACETS,
          };
          const record = async (countFrom: 'documents' | 'sections') => {
            last = null;
            await index.search(request, countFrom);
            if (!last) throw new Error('SearchIndex.search sent no multi-search');
            return last as MultiSearch;
          };
          requests.push({ now: await record('documents'), before: await record('sections') });
        }
        recorded.set(mix.label, requests);
      }
    } finally {
      globalThis.fetch = realFetch;
    }
    const send = async (body: MultiSearch) => {
      const response = await fetch(`${url}/multi-search`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${services.meiliKey}`,
          'accept-encoding': 'identity',
        },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`Meilisearch answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    };
    console.log(`Meilisearch's time per search (ms, one client, ${passes} passes over each mix)\n`);
    console.log('| mix | request | p50 | p95 |\n| --- | --- | --- | --- |');
    for (const [mix, requests] of recorded) {
      for (const [variant, shape] of Object.entries(VARIANTS)) {
        const times: number[] = [];
        for (let pass = 0; pass < passes; pass++) {
          for (const request of requests) {
            const started = performance.now();
            await Promise.all(shape(request).map(send));
            times.push(performance.now() - started);
          }
        }
        const summary = summarize(times);
        console.log(`| ${mix} | ${variant} | ${round(summary.p50, 1)} | ${round(summary.p95, 1)} |`);
      }
    }
  } finally {
    await services.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
