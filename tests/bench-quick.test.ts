import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRaw, generateRecord, unknownGeneratorCodes } from '../bench/src/generator';
import type { BenchResults } from '../bench/src/report';
import { percentile } from '../bench/src/stats';
import { splitSections } from '../packages/markdown/src/sections';
import { type Spawned, spawnScript } from './support/processes';

const repoRoot = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'kb-bench-'));
/** The bench run, stopped here if it outlives its test (its servers die with it). */
let run: Spawned | undefined;
afterAll(async () => {
  if (run && run.child.exitCode === null && run.child.signalCode === null) {
    run.child.kill('SIGTERM');
    await run.exited();
  }
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
});
/** How long the quick run may take; the test's own timeout leaves time to stop it and report. */
const BENCH_DEADLINE_MS = 780_000;

/** The script `pnpm bench` runs, checked so that this test runs the same entry point. */
function benchScript(): string {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const match = /^node --import tsx (\S+)$/.exec(pkg.scripts.bench ?? '');
  if (!match?.[1]) throw new Error(`unexpected bench script: ${pkg.scripts.bench}`);
  return match[1];
}

describe('the benchmark corpus generator', () => {
  it('is deterministic per document, whatever else is generated', () => {
    expect(generateRaw(7, 123)).toEqual(generateRaw(7, 123));
    expect(generateRaw(7, 123)).not.toEqual(generateRaw(8, 123));
    expect(generateRaw(7, 123)).not.toEqual(generateRaw(7, 124));
  });

  it('writes valid import records of 5–40 sections, tagged from the vocabulary with a realistic skew', () => {
    expect(unknownGeneratorCodes()).toEqual([]);
    const offenseCounts = new Map<string, number>();
    let sections = 0;
    const n = 400;
    for (let i = 0; i < n; i++) {
      const { content } = generateRecord(1, i);
      const count = splitSections(content.body).length;
      expect(count).toBeGreaterThanOrEqual(5);
      expect(count).toBeLessThanOrEqual(40);
      sections += count;
      for (const code of content.offenseTypes) offenseCounts.set(code, (offenseCounts.get(code) ?? 0) + 1);
      expect(content.consequences.length).toBeGreaterThan(0);
      expect(content.citations.length).toBeGreaterThan(0);
    }
    // About ten sections per document: 10,000 documents ≈ 100,000 sections.
    expect(sections / n).toBeGreaterThan(8.5);
    expect(sections / n).toBeLessThan(11.5);
    const ranked = [...offenseCounts.entries()].sort((a, b) => b[1] - a[1]).map(([code]) => code);
    expect(ranked[0]).toBe('controlled-substances');
    expect(offenseCounts.get('money-laundering') ?? 0).toBeLessThan(
      (offenseCounts.get('controlled-substances') ?? 0) / 5,
    );
  });

  it('computes interpolated percentiles', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([5], 99)).toBe(5);
    expect(
      percentile(
        Array.from({ length: 101 }, (_, i) => i),
        95,
      ),
    ).toBe(95);
  });
});

describe('pnpm bench --quick', () => {
  it('measures raw Meilisearch, GET /api/search (and the former design) and PostgreSQL on the same mixes, with no errors; both designs answer alike', async () => {
    const out = path.join(dir, 'results.json');
    // Its own data dir and results file: a quick run never touches bench/results or BENCHMARKS.md.
    // (The data dir is the temp folder itself: embedded PostgreSQL, run as root, needs to reach it.)
    const bench = spawnScript(benchScript(), ['--quick', '--data-dir', dir, '--out', out], {});
    run = bench;
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      bench.exited(),
      new Promise<'deadline'>((resolve) => {
        timer = setTimeout(() => resolve('deadline'), BENCH_DEADLINE_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    const tail = bench.output().slice(-4000);
    expect(code, code === 'deadline' ? `still running after ${BENCH_DEADLINE_MS / 1000} s:\n${tail}` : tail).toBe(0);

    const results = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
    expect(results.mode).toBe('quick');
    expect(results.corpus.documents).toBeGreaterThanOrEqual(200);
    // 5–40 sections per document.
    expect(results.corpus.sections).toBeGreaterThan(results.corpus.documents * 5);
    if (!results.corpus.reused) expect(results.corpus.importErrors).toBe(0);

    expect(results.mixes.map((m) => m.id)).toEqual(['plain', 'filtered', 'faceted', 'browse']);
    for (const mix of results.mixes) {
      for (const system of ['meili', 'api', 'reference', 'postgres'] as const) {
        const measured = mix.systems[system];
        const where = `${mix.id} / ${system}: ${measured?.error ?? measured?.check.firstError ?? ''}`;
        expect(measured?.error, where).toBeUndefined();
        expect(measured?.check.failed, where).toBe(0);
        for (const timed of [measured?.sequential, measured?.concurrent]) {
          expect(timed?.latency.requests, where).toBeGreaterThan(0);
          expect(timed?.latency.p50, where).toBeGreaterThan(0);
          expect(timed?.latency.p99, where).toBeGreaterThanOrEqual(timed?.latency.p50 ?? Number.POSITIVE_INFINITY);
          expect(timed?.throughput, where).toBeGreaterThan(0);
          // The former design is the slower one: on an overloaded machine it may time out (and
          // be answered by the fallback); it is measured for comparison, not held to zero errors.
          if (system !== 'reference') expect(timed?.errors, where).toBe(0);
        }
      }
      expect(mix.ratios.apiOverMeiliP50).toBeGreaterThan(0);
      expect(mix.ratios.postgresOverApiP50).toBeGreaterThan(0);
    }

    // The two designs answer every search of the mixes alike.
    expect(results.equivalence?.searches).toBe(results.mixes.reduce((n, m) => n + m.cases, 0));
    expect(results.equivalence?.mismatches).toEqual([]);
    // The hot-query mix, without and with the cache.
    for (const system of ['api', 'cached'] as const) {
      const measured = results.hot?.systems[system];
      expect(measured?.check.failed, system).toBe(0);
      expect(measured?.concurrent?.errors, system).toBe(0);
      expect(measured?.concurrent?.throughput, system).toBeGreaterThan(0);
    }

    expect(results.publish && 'latency' in results.publish ? results.publish.timeouts : 'not measured').toBe(0);
    expect(results.resources.apiRssMiB).toBeGreaterThan(0);
    expect(results.resources.meiliRssMiB).toBeGreaterThan(0);
    expect(results.resources.indexDiskMiB).toBeGreaterThan(0);
    expect(results.targets.map((t) => t.id)).toEqual([
      'api-overhead',
      'faceted-p95',
      'faceted-throughput',
      'reference-throughput',
      'equivalence',
      'hot-throughput',
      'publish-p95',
      'spa-size',
    ]);
    // Three API processes (the former design and the cache among them) beside their own PostgreSQL
    // and Meilisearch: about two minutes on two quiet cores, over seven at a load average of 28.
  }, 840_000);
});
