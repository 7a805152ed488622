import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  dataDirMasterKey,
  freePort,
  killWithOwner,
  type RunningMeilisearch,
  type RunningPostgres,
  startMeilisearch,
  startPostgres,
} from '@kb/embedded';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface BenchServices {
  postgres: RunningPostgres;
  meili: RunningMeilisearch;
  meiliKey: string;
  meiliDir: string;
  stop(): Promise<void>;
}

/** The embedded PostgreSQL and Meilisearch of the app, with their data in the bench's own folder. */
export async function startServices(
  dataDir: string,
  options: { meiliMaxIndexingMemory?: string } = {},
): Promise<BenchServices> {
  mkdirSync(dataDir, { recursive: true });
  const meiliKey = dataDirMasterKey(dataDir);
  const postgres = await startPostgres(path.join(dataDir, 'postgres'), { database: 'advisory_kb_bench' });
  const meiliDir = path.join(dataDir, 'meilisearch');
  let meili: RunningMeilisearch;
  try {
    meili = await startMeilisearch(meiliDir, meiliKey, { maxIndexingMemory: options.meiliMaxIndexingMemory });
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  return {
    postgres,
    meili,
    meiliKey,
    meiliDir,
    async stop() {
      await meili.stop();
      await postgres.stop();
    },
  };
}

export interface ChildServer {
  url: string;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

async function waitUntilAnswering(url: string, child: ChildProcess, logFile: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const log = readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
  child.kill('SIGKILL');
  throw new Error(`${url} did not answer (exit code ${child.exitCode}); last log lines:\n${log}`);
}

/**
 * Runs a repo script with tsx as its own process (so its memory is its own), output to a log
 * file rather than a pipe (so reading it costs the load generator nothing), and waits until
 * `readyPath` answers 200.
 */
export async function spawnServer(
  script: string,
  env: Record<string, string>,
  options: { port: number; readyPath: string; logFile: string; timeoutMs?: number; nodeArgs?: string[] },
): Promise<ChildServer> {
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = openSync(options.logFile, 'w');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', path.join(repoRoot, script)], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  // A bench that dies (killed on a test's timeout, Ctrl-C) takes its servers with it.
  if (child.pid) killWithOwner(child.pid, 'TERM');
  const url = `http://127.0.0.1:${options.port}`;
  await waitUntilAnswering(`${url}${options.readyPath}`, child, options.logFile, options.timeoutMs ?? 120_000);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    url,
    pid: child.pid ?? 0,
    logFile: options.logFile,
    async stop() {
      if (child.exitCode !== null) return;
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(force);
    },
  };
}

/** The real server (apps/api/src/server.ts) as `pnpm start` runs it, on the bench's services. */
export async function startApiServer(input: {
  dataDir: string;
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string;
  indexPrefix: string;
  jwtSecret: string;
  logLevel: string;
  /** Write a V8 CPU profile of the API process into this folder when it exits. */
  profileDir?: string;
  /** Its name in the logs folder (several API servers may run side by side). */
  name?: string;
  /** More environment: the design to count from, the cache. */
  env?: Record<string, string>;
}): Promise<ChildServer> {
  const port = await freePort();
  return spawnServer(
    'apps/api/src/server.ts',
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: path.join(input.dataDir, 'app'),
      DATABASE_URL: input.databaseUrl,
      MEILI_URL: input.meiliUrl,
      MEILI_MASTER_KEY: input.meiliKey,
      MEILI_INDEX_PREFIX: input.indexPrefix,
      JWT_SECRET: input.jwtSecret,
      NODE_ENV: 'production',
      SEED_DEMO: 'false',
      LOG_LEVEL: input.logLevel,
      // The mixes measure the engine: the cache of hot queries is measured on its own mix.
      SEARCH_CACHE: 'false',
      ...input.env,
    },
    {
      port,
      readyPath: '/api/ready',
      logFile: path.join(input.dataDir, 'logs', `${input.name ?? 'api'}.log`),
      nodeArgs: input.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${input.profileDir}`] : [],
    },
  );
}

/** The PostgreSQL baseline endpoint (pg-server.ts) in its own process. */
export async function startPgServer(input: { dataDir: string; databaseUrl: string; pool: number }) {
  const port = await freePort();
  return spawnServer(
    'bench/src/pg-server.ts',
    { BENCH_DATABASE_URL: input.databaseUrl, BENCH_PORT: String(port), BENCH_POOL: String(input.pool) },
    { port, readyPath: '/health', logFile: path.join(input.dataDir, 'logs', 'pg-server.log') },
  );
}

/**
 * Resident memory of a process in MiB, from /proc/<pid>/status: now (VmRSS), at its peak
 * (VmHWM), and now split into anonymous memory (heap) and file pages (Meilisearch's memory-
 * mapped index files count there).
 */
export function residentMemory(
  pid: number,
): { rssMiB: number; peakMiB: number; anonMiB: number; fileMiB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const mib = (field: string) => {
      const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
      return Math.round(kb / 102.4) / 10;
    };
    return { rssMiB: mib('VmRSS'), peakMiB: mib('VmHWM'), anonMiB: mib('RssAnon'), fileMiB: mib('RssFile') };
  } catch {
    return null;
  }
}
