import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ROLE, startPostgres } from './postgres';

const dataDirs: string[] = [];
/** A fresh DATA_DIR (its own temp folder: the server, run as `postgres` under root, must reach it). */
function freshDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-embedded-pg-'));
  dataDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** The error code of connecting as postgres/postgres, or 'connected'. */
async function fixedPasswordAnswer(port: number): Promise<string> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: 'postgres',
    database: 'postgres',
  });
  try {
    await client.connect();
    await client.end();
    return 'connected';
  } catch (error) {
    return String((error as { code?: string }).code);
  }
}

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('the embedded PostgreSQL', () => {
  it('has a generated superuser password (owner-only file), an app role that is no superuser, and the loopback only', async () => {
    const dataDir = freshDataDir();
    const server = await startPostgres(path.join(dataDir, 'postgres'), { database: 'kb_fresh' });
    try {
      expect(modeOf(path.join(dataDir, 'postgres-superuser-password'))).toBe(0o600);
      expect(modeOf(path.join(dataDir, 'postgres-app-password'))).toBe(0o600);
      expect(await fixedPasswordAnswer(server.port)).toBe('28P01');

      const me = await query(
        server.url,
        'select current_user, rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname = current_user',
      );
      expect(me.rows[0]).toEqual({ current_user: APP_ROLE, rolsuper: false, rolcreaterole: false, rolcreatedb: false });
      // The app role owns its database: migrations can create and alter tables.
      await query(server.url, 'create table probe (id int primary key); alter table probe add column note text');
      const listen = await query(server.adminUrl, 'show listen_addresses');
      expect(listen.rows[0].listen_addresses).toBe('127.0.0.1');
      expect(new URL(server.url).hostname).toBe('127.0.0.1');
    } finally {
      await server.stop();
    }
    // The next start reuses the same secrets.
    const again = await startPostgres(path.join(dataDir, 'postgres'), { database: 'kb_fresh' });
    try {
      expect((await query(again.url, 'select count(*)::int as n from probe')).rows[0].n).toBe(0);
    } finally {
      await again.stop();
    }
  }, 120_000);

  it('moves a data dir made with the old fixed password to generated secrets and hands its database to the app role', async () => {
    const dataDir = freshDataDir();
    const dir = path.join(dataDir, 'postgres');
    const first = await startPostgres(dir, { database: 'kb_legacy' });
    // Make it what older versions left behind: postgres/postgres, everything owned by the superuser.
    const legacyDb = first.adminUrl.replace(/\/postgres$/, '/kb_legacy');
    await query(
      legacyDb,
      `reassign owned by ${APP_ROLE} to postgres;
       create type legacy_kind as enum ('a', 'b');
       create table legacy (id serial primary key, kind legacy_kind, body text);
       insert into legacy (kind, body) values ('a', 'kept');`,
    );
    await query(first.adminUrl, `drop role ${APP_ROLE}; alter role postgres password 'postgres'`);
    await first.stop();
    rmSync(path.join(dataDir, 'postgres-superuser-password'));
    rmSync(path.join(dataDir, 'postgres-app-password'));

    const migrated = await startPostgres(dir, { database: 'kb_legacy' });
    try {
      expect(await fixedPasswordAnswer(migrated.port)).toBe('28P01');
      expect(modeOf(path.join(dataDir, 'postgres-superuser-password'))).toBe(0o600);
      const rows = await query(migrated.url, `insert into legacy (kind, body) values ('b', 'new') returning id`);
      expect(rows.rows[0].id).toBe(2);
      await query(migrated.url, 'alter table legacy add column note text');
      expect((await query(migrated.url, 'select body from legacy order by id')).rows.map((r) => r.body)).toEqual([
        'kept',
        'new',
      ]);
    } finally {
      await migrated.stop();
    }
  }, 120_000);
});
