import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The suite in three parts, run one after the other on the run's one PostgreSQL and Meilisearch
 * (apps/api/src/testing/global-setup.ts, started once for all three):
 *
 * 1. `app`: unit tests and the API through app.inject — three files at a time.
 * 2. `processes`: files that start processes of their own (the API as a server with Chromium,
 *    replicas, their own PostgreSQL or Meilisearch, the bench) — two at a time: on two cores,
 *    three Chromiums beside three API servers made every one of them wait for the CPU.
 * 3. `timed`: files that assert a latency from an issue (publish → searchable within 1 s, a
 *    cached answer replaced within 1 s, one timeout and not a hang) — one at a time, at the end,
 *    so that what they time is the path, not the rest of the suite running beside them.
 */
const TIMED = [
  'apps/api/src/modules/offenses/offenses.publish.test.ts',
  'apps/api/src/modules/search/search.freshness.test.ts',
  'apps/api/src/modules/search/search.fallback.test.ts',
  'apps/api/src/modules/alerts/alerts.followers.test.ts',
  'tests/faults/search-cache.test.ts',
  'tests/faults/search-meilisearch-down.test.ts',
];
const PROCESSES = [
  'tests/e2e/**/*.test.ts',
  'tests/faults/**/*.test.ts',
  'tests/load/**/*.test.ts',
  'tests/security/xss.test.ts',
  'tests/bench-quick.test.ts',
  'tests/startup.test.ts',
  'tests/cli.test.ts',
];
const ALL = [
  'packages/**/*.test.ts',
  'apps/**/*.test.ts',
  'db/**/*.test.ts',
  'tests/**/*.test.ts',
  'bench/src/**/*.test.ts',
];
const IGNORED = ['**/node_modules/**', '**/dist/**'];

/**
 * The files that take minutes, started first in their part: started last (a clean clone has no
 * timings, and vitest then starts the largest files first), one of them ran alone at the end
 * while the other worker had nothing left to do.
 */
const LONGEST = [
  'tests/e2e/phone-a11y.test.ts',
  'tests/bench-quick.test.ts',
  'tests/faults/import-kill.test.ts',
  'tests/startup.test.ts',
  'tests/cli.test.ts',
  'tests/load/load.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const i = LONGEST.findIndex((name) => file.moduleId.endsWith(name));
      return i < 0 ? LONGEST.length : i;
    };
    const byProject = new Map<string, TestSpecification[]>();
    for (const file of await super.sort(files)) {
      byProject.set(file.project.name, [...(byProject.get(file.project.name) ?? []), file]);
    }
    // Stable: the rest keep vitest's order (its timings, when it has them).
    return [...byProject.values()].flatMap((list) =>
      list
        .map((file, i) => ({ file, i }))
        .sort((a, b) => rank(a.file) - rank(b.file) || a.i - b.i)
        .map(({ file }) => file),
    );
  }
}

/** What every part shares (projects do not inherit the root's test options). */
const shared = {
  testTimeout: 30_000,
  hookTimeout: 120_000,
  pool: 'forks',
} as const;

export default defineConfig({
  test: {
    // Once for the whole run: every project reads its services through inject('services').
    globalSetup: ['apps/api/src/testing/global-setup.ts'],
    sequence: { sequencer: LongestFirst },
    reporters: ['default', './tests/support/flaky-reporter.ts'],
    projects: [
      {
        test: {
          ...shared,
          name: 'app',
          include: ALL,
          exclude: [...IGNORED, ...PROCESSES, ...TIMED],
          maxWorkers: 3,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: 'processes',
          include: PROCESSES,
          exclude: [...IGNORED, ...TIMED],
          maxWorkers: 2,
          // A browser journey takes 5 s on a quiet machine and 15–30 s beside the rest of the
          // suite at a load of 16 (the reading journey hit 30 s): the limit catches a hang, not slowness.
          testTimeout: 120_000,
          // Whole processes on a shared two-core machine: one retry absorbs a rare timing failure
          // (the last CI failures were each a different journey that passed when rerun), and FlakyReporter
          // names every test that needed it. A failure that repeats still fails the run.
          retry: 1,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          ...shared,
          name: 'timed',
          include: TIMED,
          exclude: IGNORED,
          // One file at a time, after the others (vitest runs such a project last, on its own).
          fileParallelism: false,
        },
      },
    ],
  },
});
