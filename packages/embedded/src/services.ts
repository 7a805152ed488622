import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startMeilisearch } from './meilisearch';
import { startPostgres } from './postgres';
import { dataDirMasterKey } from './secrets';
import { supervise } from './supervisor';

export interface ServiceEndpoints {
  databaseUrl: string;
  meiliUrl: string;
  meiliMasterKey: string;
}

export interface ProvidedServices extends ServiceEndpoints {
  /** Which servers this process started (and will stop). */
  started: { postgres: boolean; meilisearch: boolean };
  stop(): Promise<void>;
}

interface RuntimeFile {
  ownerPid: number;
  databaseUrl?: string;
  meiliUrl?: string;
}

const runtimeFile = (dataDir: string) => path.join(dataDir, 'services.json');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Servers already started for this data dir by a live process (the running app), if any. */
function runningFor(dataDir: string): RuntimeFile | undefined {
  try {
    const runtime = JSON.parse(readFileSync(runtimeFile(dataDir), 'utf8')) as RuntimeFile;
    return isAlive(runtime.ownerPid) ? runtime : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Gives the app its PostgreSQL and Meilisearch: the configured URLs when set; otherwise the
 * embedded servers of `dataDir` — reused when another live process (the running app) already
 * started them, started here when not.
 */
export async function provideServices(options: {
  dataDir: string;
  databaseUrl?: string;
  meiliUrl?: string;
  meiliMasterKey?: string;
  /** The embedded Meilisearch's `--max-indexing-memory`. */
  meiliMaxIndexingMemory?: string;
  /** The servers' own output. */
  log?: (line: string) => void;
  /** What the supervisor does: a server died, was restarted. */
  notice?: (line: string) => void;
}): Promise<ProvidedServices> {
  const dataDir = path.resolve(options.dataDir);
  const running = runningFor(dataDir);
  const stops: Array<() => Promise<void>> = [];
  const notice = options.notice ?? (() => {});
  const started = { postgres: false, meilisearch: false };

  let databaseUrl = options.databaseUrl ?? running?.databaseUrl;
  let meiliUrl = options.meiliUrl ?? running?.meiliUrl;
  const meiliMasterKey = options.meiliUrl ? (options.meiliMasterKey ?? '') : dataDirMasterKey(dataDir);

  try {
    if (!databaseUrl) {
      const dir = path.join(dataDir, 'postgres');
      const postgres = await startPostgres(dir, { log: options.log });
      databaseUrl = postgres.url;
      started.postgres = true;
      const restart = () => startPostgres(dir, { log: options.log, port: postgres.port });
      stops.push(supervise('embedded PostgreSQL', postgres, restart, notice).stop);
    }
    if (!meiliUrl) {
      const dir = path.join(dataDir, 'meilisearch');
      const meiliOptions = { log: options.log, maxIndexingMemory: options.meiliMaxIndexingMemory };
      const meili = await startMeilisearch(dir, meiliMasterKey, meiliOptions);
      meiliUrl = meili.url;
      started.meilisearch = true;
      const restart = () => startMeilisearch(dir, meiliMasterKey, { ...meiliOptions, port: meili.port });
      stops.push(supervise('embedded Meilisearch', meili, restart, notice).stop);
    }
  } catch (error) {
    await Promise.allSettled(stops.map((stop) => stop()));
    throw error;
  }

  if (started.postgres || started.meilisearch) {
    const record: RuntimeFile = {
      ownerPid: process.pid,
      databaseUrl: started.postgres ? databaseUrl : undefined,
      meiliUrl: started.meilisearch ? meiliUrl : undefined,
    };
    writeFileSync(runtimeFile(dataDir), JSON.stringify(record), { mode: 0o600 });
  }

  let stopping: Promise<void> | undefined;
  return {
    databaseUrl,
    meiliUrl,
    meiliMasterKey,
    started,
    stop: () => {
      stopping ??= (async () => {
        if (started.postgres || started.meilisearch) rmSync(runtimeFile(dataDir), { force: true });
        await Promise.allSettled(stops.reverse().map((stop) => stop()));
      })();
      return stopping;
    },
  };
}
