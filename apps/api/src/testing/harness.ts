import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '@kb/contracts';
import { createDatabase, type Database, organizations, users } from '@kb/db';
import { APP_ROLE } from '@kb/embedded';
import type { CountingIndex } from '@kb/search';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { inject } from 'vitest';
import { type App, buildApp } from '../app';
import { createUser } from '../modules/auth';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  token: string;
  /** Authorization header for app.inject. */
  auth: { authorization: string };
}

export interface TestContext {
  app: App;
  db: Database;
  databaseUrl: string;
  indexPrefix: string;
  services: ReturnType<typeof inject<'services'>>;
  /**
   * Creates a user with a known password and a valid access token. Editors belong to the
   * context's test organization unless `organizationId` says otherwise (null: none).
   */
  user(
    role?: Role,
    overrides?: { email?: string; name?: string; organizationId?: string | null; orgAdmin?: boolean },
  ): Promise<TestUser>;
  /** Creates an organization (default policy `single`) and returns its id. */
  organization(options?: { name?: string; reviewPolicy?: 'single' | 'two_person' }): Promise<string>;
  /** The organization editors made by `user` belong to by default. */
  testOrganizationId(): Promise<string>;
  close(): Promise<void>;
}

/** A fresh database cloned from the seeded template (milliseconds, not a re-seed). */
export function cloneDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  return newDatabase(inject('services').template);
}

/** A fresh, empty database (not even migrated): for tests of the migrations themselves. */
export function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  return newDatabase('template0');
}

async function newDatabase(template: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const services = inject('services');
  const name = `kb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: services.adminUrl });
  await admin.connect();
  // Owned by the app role, as the app runs: the tests never connect as a superuser.
  await admin.query(`create database ${name} template ${template} owner ${APP_ROLE}`);
  await admin.end();
  return {
    url: services.templateUrl.replace(new RegExp(`/${services.template}$`), `/${name}`),
    drop: async () => {
      const client = new pg.Client({ connectionString: services.adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/**
 * Builds the real app against the run's real PostgreSQL (a fresh clone of the seeded
 * template) and real Meilisearch (an index of its own).
 */
export async function createTestContext(
  options: {
    searchSync?: boolean;
    indexAll?: boolean;
    logger?: unknown;
    /** Run the alerts worker (off by default: most tests follow nothing). */
    alerts?: boolean;
    /** Real e-mail: the URL of a test's SMTP server (startSmtpServer). */
    smtpUrl?: string;
    alertClock?: () => Date;
    alertDigestHour?: number;
    /** Where searches count from (the app's default: the counting index). */
    searchCountFrom?: CountingIndex;
  } = {},
): Promise<TestContext> {
  const services = inject('services');
  const database = await cloneDatabase();
  const indexPrefix = `t${randomBytes(5).toString('hex')}`;
  const app = await buildApp({
    databaseUrl: database.url,
    meiliUrl: services.meiliUrl,
    meiliMasterKey: services.meiliKey,
    meiliIndexPrefix: indexPrefix,
    jwtSecret: randomBytes(32).toString('hex'),
    secureCookies: false,
    // Tests stand in for a proxy: X-Forwarded-For picks the client address of a request.
    trustProxy: true,
    runSearchSync: options.searchSync ?? false,
    runAlerts: options.alerts ?? false,
    smtpUrl: options.smtpUrl,
    mailFrom: 'Advisory KB <alerts@kb.test>',
    alertClock: options.alertClock,
    alertDigestHour: options.alertDigestHour,
    searchCountFrom: options.searchCountFrom,
    logger: (options.logger as never) ?? false,
  });
  await app.ready();
  if (options.indexAll) await app.searchSync.drainAll();
  const db = app.db;
  const organization = async (options: { name?: string; reviewPolicy?: 'single' | 'two_person' } = {}) => {
    const suffix = randomUUID().slice(0, 8);
    const [row] = await db
      .insert(organizations)
      .values({
        name: options.name ?? `Test Organization ${suffix}`,
        slug: `test-org-${suffix}`,
        reviewPolicy: options.reviewPolicy ?? 'single',
      })
      .returning({ id: organizations.id });
    if (!row) throw new Error('organization not created');
    return row.id;
  };
  let testOrganization: Promise<string> | undefined;
  const testOrganizationId = () => {
    testOrganization ??= organization({ name: 'Test Organization' });
    return testOrganization;
  };
  return {
    app,
    db,
    databaseUrl: database.url,
    indexPrefix,
    services,
    async user(role = 'reader', overrides = {}) {
      const password = `pw-${randomBytes(8).toString('hex')}`;
      const email = overrides.email ?? `${role}-${randomUUID().slice(0, 8)}@test.example.org`;
      const row = await createUser(db, { email, password, role, name: overrides.name ?? `Test ${role}` });
      const organizationId =
        overrides.organizationId !== undefined
          ? overrides.organizationId
          : role === 'editor'
            ? await testOrganizationId()
            : null;
      await db
        .update(users)
        .set({ organizationId, orgAdmin: overrides.orgAdmin ?? false })
        .where(eq(users.id, row.id));
      const [fresh] = await db.select().from(users).where(eq(users.id, row.id));
      const token = app.jwt.sign({ sub: row.id, role, ver: fresh?.tokenVersion ?? 0 });
      return { id: row.id, email, password, role, token, auth: { authorization: `Bearer ${token}` } };
    },
    organization,
    testOrganizationId,
    async close() {
      await app.close();
      await app.searchIndex.dropIndexes();
      await database.drop();
    },
  };
}

/** Polls until `check` returns a truthy value or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 5_000,
  intervalMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export { createDatabase };
