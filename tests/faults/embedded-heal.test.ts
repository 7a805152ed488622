import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually } from '@kb/api/testing';
import { createDatabase } from '@kb/db';
import { freePort } from '@kb/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Spawned, serverProcesses, spawnScript } from '../support/processes';
import { advisoryContent, call, distinctWord, signedInUser } from './support';

/**
 * The app on its embedded defaults, as `pnpm start` runs it: the embedded PostgreSQL has a
 * generated superuser password, and an embedded Meilisearch that dies is started again by the
 * app's supervisor — search heals by itself, without restarting the app.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'kb-heal-'));
let server: Spawned;
let baseUrl: string;
let databaseUrl: string;

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawnScript('apps/api/src/server.ts', [], {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    SEED_DEMO: 'false',
  });
  await server.waitFor(/ready at /);
  databaseUrl = (JSON.parse(readFileSync(path.join(dataDir, 'services.json'), 'utf8')) as { databaseUrl: string })
    .databaseUrl;
}, 240_000);

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited();
  }
  await eventually(async () => serverProcesses(dataDir).length === 0, 15_000).catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded servers', () => {
  it('refuse the old fixed PostgreSQL password; the generated ones are owner-only files and never printed', async () => {
    for (const file of ['postgres-superuser-password', 'postgres-app-password', 'meilisearch-master-key']) {
      expect(statSync(path.join(dataDir, file)).mode & 0o777, file).toBe(0o600);
      const secret = readFileSync(path.join(dataDir, file), 'utf8').trim();
      expect(server.output()).not.toContain(secret);
    }
    const port = Number(new URL(databaseUrl).port);
    const fixed = createDatabase(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`, { max: 1 });
    await expect(fixed.$client.query('select 1')).rejects.toMatchObject({ code: '28P01' });
    await fixed.$client.end();
    // The app itself connects as a role that is no superuser.
    const app = createDatabase(databaseUrl, { max: 1 });
    const { rows } = await app.$client.query('select rolsuper from pg_roles where rolname = current_user');
    await app.$client.end();
    expect(rows[0]).toEqual({ rolsuper: false });
  });

  it('restart a SIGKILLed Meilisearch: search is whole again within 15 s, and a publish made meanwhile is found', async () => {
    const editor = await signedInUser({ baseUrl }, databaseUrl, 'editor');
    const meiliPid = () =>
      serverProcesses(dataDir)
        .filter((line) => line.includes('meilisearch'))
        .map((line) => Number(line.trim().split(/\s+/)[0]));
    const [before] = meiliPid();
    expect(before).toBeGreaterThan(0);

    process.kill(before as number, 'SIGKILL');
    const killedAt = Date.now();
    const word = distinctWord(4242);
    const created = await call(baseUrl, '/api/documents', {
      method: 'POST',
      token: editor.token,
      body: advisoryContent(
        `Supervisor drill ${word}`,
        `# Overview\n\nPublished while the search server was down: ${word}.\n`,
      ),
    });
    expect(created.status).toBe(201);
    const { id, revisionId } = created.body as { id: string; revisionId: string };
    const published = await call(baseUrl, `/api/documents/${id}/publish`, {
      method: 'POST',
      token: editor.token,
      body: { revisionId },
    });
    expect(published.status).toBe(200);

    // Whole again: ready, and a search answered by Meilisearch itself (not the degraded fallback).
    await eventually(
      async () => {
        const ready = await call(baseUrl, '/api/ready');
        const search = await call(baseUrl, '/api/search?q=aggravated%20felony', { token: editor.token });
        return ready.status === 200 && search.status === 200 && !(search.body as { degraded?: boolean }).degraded;
      },
      15_000 - (Date.now() - killedAt),
      200,
    );
    const healedMs = Date.now() - killedAt;
    expect(meiliPid()).toHaveLength(1);
    expect(meiliPid()[0]).not.toBe(before);
    const found = await eventually(async () => {
      const search = await call(baseUrl, `/api/search?q=${word}`, { token: editor.token });
      const body = search.body as { degraded?: boolean; total?: number; groups?: Array<{ documentId: string }> };
      return search.status === 200 && !body.degraded && JSON.stringify(body).includes(id) ? body : undefined;
    }, 10_000);
    expect(found).toBeTruthy();
    expect(server.output()).toMatch(/embedded Meilisearch stopped unexpectedly; restarting it/);
    expect(server.output()).toMatch(/embedded Meilisearch restarted/);
    console.log(`embedded Meilisearch SIGKILLed: search whole again after ${healedMs} ms`);
  }, 60_000);
});
