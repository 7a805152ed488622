import { dataDirSecret, provideServices, StartupError } from '@kb/embedded';
import pg from 'pg';
import type { Config } from './config';

export interface Runtime {
  databaseUrl: string;
  meiliUrl: string;
  meiliMasterKey: string;
  jwtSecret: string;
  stop(): Promise<void>;
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

async function checkPostgres(url: string, configured: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new StartupError(
      configured
        ? `DATABASE_URL: cannot connect to ${redactUrl(url)} (${reason}) — check the URL, or unset DATABASE_URL to use the embedded PostgreSQL`
        : `embedded PostgreSQL does not answer (${reason})`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

async function checkMeilisearch(url: string, key: string, configured: boolean): Promise<void> {
  const name = configured ? 'MEILI_URL' : 'embedded Meilisearch';
  let response: Response;
  try {
    response = await fetch(new URL('/version', url), {
      headers: { authorization: `Bearer ${key}` },
      signal: AbortSignal.timeout(5_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new StartupError(
      `${name}: cannot reach ${url} (${cause}) — check the URL, or unset MEILI_URL to use the bundled Meilisearch`,
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new StartupError(`MEILI_MASTER_KEY is not accepted by ${url} — set the master key of that Meilisearch`);
  }
  if (!response.ok) throw new StartupError(`${name}: ${url} answered ${response.status} — is it Meilisearch 1.21?`);
}

/**
 * Connects the configuration to running servers: the configured ones, or the embedded ones of
 * DATA_DIR (started here, or reused from the running app). Fails with one clear line.
 */
export async function startRuntime(
  config: Config,
  /** The embedded servers' supervisor: a server died, was restarted. */
  notice: (line: string) => void = () => {},
): Promise<Runtime> {
  const services = await provideServices({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    meiliUrl: config.meiliUrl,
    meiliMasterKey: config.meiliMasterKey,
    meiliMaxIndexingMemory: config.meiliMaxIndexingMemory,
    notice,
  });
  try {
    await checkPostgres(services.databaseUrl, Boolean(config.databaseUrl));
    await checkMeilisearch(services.meiliUrl, services.meiliMasterKey, Boolean(config.meiliUrl));
  } catch (error) {
    await services.stop();
    throw error;
  }
  return {
    databaseUrl: services.databaseUrl,
    meiliUrl: services.meiliUrl,
    meiliMasterKey: services.meiliMasterKey,
    jwtSecret: config.jwtSecret ?? dataDirSecret(config.dataDir, 'jwt-secret', 48),
    stop: services.stop,
  };
}
