import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cloneDatabase, createUser } from '@kb/api/testing';
import type { Role } from '@kb/contracts';
import { createDatabase, type Database } from '@kb/db';
import { freePort } from '@kb/embedded';
import { SearchIndex } from '@kb/search';
import { inject } from 'vitest';
import { testOrganizationId } from '../support/organizations';
import { type Spawned, spawnScript } from '../support/processes';

/** The API as a real process (server.ts), as production runs it: killable, measurable. */
export interface ApiProcess {
  baseUrl: string;
  pid: number;
  server: Spawned;
  /** Resident memory of the API process, in MiB (from /proc). */
  rssMiB(): number;
  stop(): Promise<void>;
}

export interface ApiEnv {
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string;
  indexPrefix?: string;
}

export async function startApiProcess(env: ApiEnv, extra: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kb-api-'));
  const server = spawnScript('apps/api/src/server.ts', [], {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: env.databaseUrl,
    MEILI_URL: env.meiliUrl,
    MEILI_MASTER_KEY: env.meiliKey,
    MEILI_INDEX_PREFIX: env.indexPrefix ?? `p${randomBytes(5).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    NODE_ENV: 'test',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'error',
    ...extra,
  });
  await server.waitFor(/ready at /, 180_000);
  const pid = server.child.pid ?? 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid,
    server,
    rssMiB: () => rssMiB(pid),
    async stop() {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGTERM');
        await server.exited();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A deployment under test, as production runs one behind a load balancer: API processes on a
 * clone of the seeded database, sharing one JWT secret (a session from one is valid on all)
 * and one search index of their own.
 */
export interface Deployment {
  databaseUrl: string;
  /** A small pool on the clone, for the test's own queries. */
  db: Database;
  /** The processes started so far, in order (a killed one stays in the list). */
  replicas: ApiProcess[];
  /** Starts one more process of this deployment: same database, index and secret. */
  startReplica(): Promise<ApiProcess>;
  /** The sections the deployment's index holds for each of these documents. */
  indexedSections(documentIds: string[]): Promise<Map<string, IndexedSection[]>>;
  /** Stops every process, drops the index and the database. */
  stop(): Promise<void>;
}

export async function startDeployment(options: {
  replicas: number;
  /** Starts the index prefix, so a leftover index names its test. */
  tag: string;
  /** Default: the Meilisearch the test run started. */
  meili?: { url: string; key: string };
  extra?: Record<string, string>;
  /** Runs on the clone before any process starts. */
  prepare?: (db: Database) => Promise<void>;
}): Promise<Deployment> {
  const services = inject('services');
  const meili = options.meili ?? { url: services.meiliUrl, key: services.meiliKey };
  const indexPrefix = `${options.tag}${randomBytes(4).toString('hex')}`;
  const extra = { JWT_SECRET: randomBytes(32).toString('hex'), ...options.extra };
  const index = new SearchIndex({ host: meili.url, apiKey: meili.key, prefix: indexPrefix, timeoutMs: 30_000 });
  const database = await cloneDatabase();
  const env: ApiEnv = { databaseUrl: database.url, meiliUrl: meili.url, meiliKey: meili.key, indexPrefix };
  const db = createDatabase(database.url, { max: 2 });
  const replicas: ApiProcess[] = [];
  const deployment: Deployment = {
    databaseUrl: database.url,
    db,
    replicas,
    async startReplica() {
      const replica = await startApiProcess(env, extra);
      replicas.push(replica);
      return replica;
    },
    indexedSections: (documentIds) => indexedSections(index, documentIds),
    async stop() {
      await Promise.all(replicas.map((replica) => replica.stop()));
      await db.$client.end();
      // Best effort: a drill may leave its Meilisearch stopped.
      await index.dropIndexes().catch(() => {});
      await database.drop();
    },
  };
  try {
    // Only the test's own documents go to the index: the seeded corpus is not indexed here.
    await db.$client.query('delete from search_outbox');
    await options.prepare?.(db);
    for (let i = 0; i < options.replicas; i++) await deployment.startReplica();
  } catch (error) {
    await deployment.stop().catch(() => {});
    throw error;
  }
  return deployment;
}

export interface IndexedSection {
  id: string;
  documentId: string;
  version: string;
}

/** The sections an index holds for each of these documents, with their versions. */
export async function indexedSections(
  index: SearchIndex,
  documentIds: string[],
): Promise<Map<string, IndexedSection[]>> {
  const found = new Map<string, IndexedSection[]>();
  for (let i = 0; i < documentIds.length; i += 100) {
    const chunk = documentIds.slice(i, i + 100);
    const page = await index.index().getDocuments<IndexedSection>({
      filter: `documentId IN [${chunk.map((id) => JSON.stringify(id)).join(', ')}]`,
      fields: ['id', 'documentId', 'version'],
      limit: 10_000,
    });
    for (const doc of page.results) found.set(doc.documentId, [...(found.get(doc.documentId) ?? []), doc]);
  }
  return found;
}

/** VmRSS of a process, in MiB. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

export interface Answer {
  status: number;
  body: unknown;
  text: string;
  ms: number;
}

/** One request to a real server; a network failure is status 0, so callers can count it. */
export async function call(
  baseUrl: string,
  urlPath: string,
  options: { method?: string; token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}${urlPath}`, {
      method: options.method ?? 'GET',
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, body, text, ms: performance.now() - started };
  } catch (error) {
    return { status: 0, body: null, text: String(error), ms: performance.now() - started };
  }
}

/** Creates an account directly in the database and signs it in through the API. */
export async function signedInUser(
  api: Pick<ApiProcess, 'baseUrl'>,
  databaseUrl: string,
  role: Role,
): Promise<{ id: string; email: string; token: string }> {
  const db = createDatabase(databaseUrl, { max: 1 });
  const email = `${role}-${randomBytes(4).toString('hex')}@faults.example.org`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  try {
    const organizationId = role === 'reader' ? null : await testOrganizationId(db);
    const user = await createUser(db, { email, password, role, name: `Fault ${role}`, organizationId });
    const login = await call(api.baseUrl, '/api/auth/login', { method: 'POST', body: { email, password } });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${login.text}`);
    return { id: user.id, email, token: (login.body as { accessToken: string }).accessToken };
  } finally {
    await db.$client.end();
  }
}

export interface SavedRows {
  users: number;
  documents: number;
  revisions: number;
  sections: number;
  folders: number;
  bookmarks: number;
}

/** What users saved, table by table: a fault test compares it before and after. */
export async function savedRows(db: Database): Promise<SavedRows> {
  const { rows } = await db.$client.query<Record<string, string>>(`
    select (select count(*) from users) as users,
           (select count(*) from documents) as documents,
           (select count(*) from revisions) as revisions,
           (select count(*) from document_sections) as sections,
           (select count(*) from folders) as folders,
           (select count(*) from bookmarks) as bookmarks`);
  return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)])) as unknown as SavedRows;
}

/** A minimal advisory body for editorial requests (content of the document's first revision). */
export function advisoryContent(title: string, body: string) {
  return {
    kind: 'advisory',
    title,
    summary: `Summary of ${title}.`,
    publisher: 'Fault Drill Legal Aid',
    authors: ['Test Author'],
    jurisdictions: ['federal'],
    audience: 'both',
    documentDate: '2024-05-01',
    lastReviewedAt: null,
    citations: ['8 U.S.C. § 1101(a)(43)(G)'],
    offenseTypes: [],
    consequences: [],
    body,
  };
}

/** A word no other generated word is within two typos of, so a search for it finds only its document. */
export function distinctWord(i: number): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  let n = i;
  let word = '';
  for (let k = 0; k < 4; k++) {
    word += letters[n % letters.length];
    n = Math.floor(n / letters.length);
  }
  // Each position repeated three times: two words differ in at least three characters.
  return `zq${[...word].map((c) => c.repeat(3)).join('')}`;
}
