import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually, seedTaxonomy } from '@kb/api/testing';
import { createDatabase, runMigrations } from '@kb/db';
import { freePort, type RunningPostgres, startPostgres } from '@kb/embedded';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { printFigures } from '../security/support';
import { type ApiProcess, advisoryContent, call, savedRows, signedInUser, startApiProcess } from './support';

/**
 * PostgreSQL (a cluster of this test's own) is stopped under a running API process and started
 * again. While it is down, requests must fail fast with 503 — no hang, no crash; once it is
 * back, the same API process must serve again without a restart, and nothing saved is lost.
 */
const DATABASE = 'kb_pg_fault';
/** "Fail fast": the pool gives up connecting after 3 s; anything much slower is a hang. */
const FAST_MS = 5_000;

let workDir: string;
let pgPort: number;
let postgres: RunningPostgres;
let api: ApiProcess;
let databaseUrl: string;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'kb-pg-stop-'));
  pgPort = await freePort();
  postgres = await startPostgres(path.join(workDir, 'postgres'), { database: DATABASE, port: pgPort });
  databaseUrl = postgres.url;
  // Migrated, with the vocabulary and no corpus: the documents this test needs it writes itself
  // (seeding the whole corpus into a fresh cluster would only cost time).
  const db = createDatabase(databaseUrl, { max: 4 });
  try {
    await runMigrations(db);
    await seedTaxonomy(db);
    await db.$client.query(`insert into app_meta (key, value) values ('seeded_at', now()::text)`);
  } finally {
    await db.$client.end();
  }
  const services = inject('services');
  api = await startApiProcess({ databaseUrl, meiliUrl: services.meiliUrl, meiliKey: services.meiliKey });
}, 300_000);

afterAll(async () => {
  await api?.stop();
  await postgres?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function countSaved() {
  const db = createDatabase(databaseUrl, { max: 1 });
  try {
    return await savedRows(db);
  } finally {
    await db.$client.end();
  }
}

describe('PostgreSQL stopped and started under the running API', () => {
  it('answers 503 fast while it is down, then recovers without a restart and loses nothing', async () => {
    const reader = await signedInUser(api, databaseUrl, 'reader');
    const editor = await signedInUser(api, databaseUrl, 'editor');
    for (let i = 0; i < 3; i++) {
      const created = await call(api.baseUrl, '/api/documents', {
        method: 'POST',
        token: editor.token,
        body: advisoryContent(`Outage advisory ${i}`, `# Overview\n\nAdvice number ${i}.\n`),
      });
      expect(created.status, created.text).toBe(201);
      const { id, revisionId } = created.body as { id: string; revisionId: string };
      const publish = await call(api.baseUrl, `/api/documents/${id}/publish`, {
        method: 'POST',
        token: editor.token,
        body: { revisionId },
      });
      expect(publish.status, publish.text).toBe(200);
    }
    const list = await call(api.baseUrl, '/api/documents?perPage=5', { token: reader.token });
    expect(list.status).toBe(200);
    const [first] = (list.body as { items: Array<{ id: string; slug: string }> }).items;
    expect(first).toBeDefined();
    const saved = await call(api.baseUrl, '/api/me/bookmarks', {
      method: 'POST',
      token: reader.token,
      body: { documentId: first?.id, note: 'client intake: 2019 theft conviction' },
    });
    expect([200, 201]).toContain(saved.status);
    const before = await countSaved();

    // The requests a lawyer's browser and the load balancer would keep sending.
    const requests: Array<{ name: string; path: string; method?: string; token?: string; body?: unknown }> = [
      { name: 'document list', path: '/api/documents', token: reader.token },
      { name: 'document page', path: `/api/documents/${first?.slug}`, token: reader.token },
      { name: 'who am I', path: '/api/me', token: reader.token },
      { name: 'bookmarks', path: '/api/me/bookmarks', token: reader.token },
      {
        name: 'save a bookmark',
        path: '/api/me/bookmarks',
        method: 'POST',
        token: reader.token,
        body: { documentId: first?.id, note: 'during the outage' },
      },
      { name: 'sign in', path: '/api/auth/login', method: 'POST', body: { email: reader.email, password: 'whatever' } },
      { name: 'readiness', path: '/api/ready' },
    ];

    const stopStarted = Date.now();
    await postgres.stop();
    const downAt = Date.now();

    const outage: Array<{ name: string; status: number; ms: number; code?: string }> = [];
    // Three rounds, each all at once (plus 20 extra concurrent page loads): the pool must not queue them into a hang.
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all([
        ...requests.map(async (r) => ({
          name: r.name,
          ...(await call(api.baseUrl, r.path, { ...r, timeoutMs: 30_000 })),
        })),
        ...Array.from({ length: 20 }, async () => ({
          name: 'concurrent document list',
          ...(await call(api.baseUrl, '/api/documents', { token: reader.token, timeoutMs: 30_000 })),
        })),
      ]);
      for (const a of answers) {
        outage.push({
          name: a.name,
          status: a.status,
          ms: Math.round(a.ms),
          code: (a.body as { error?: { code?: string } })?.error?.code,
        });
      }
    }
    const health = await call(api.baseUrl, '/api/health');
    expect(health.status).toBe(200);
    expect(api.server.child.exitCode).toBeNull();

    const slowOrWrong = outage.filter((a) => a.status !== 503 || a.ms > FAST_MS);
    expect(slowOrWrong, 'every request during the outage: 503 within 5 s').toEqual([]);
    expect(outage.every((a) => a.name === 'readiness' || a.code === 'unavailable')).toBe(true);

    postgres = await startPostgres(path.join(workDir, 'postgres'), { database: DATABASE, port: pgPort });
    const upAt = Date.now();
    // The same process serves again: no restart, the pool reconnects by itself.
    const recovered = await eventually(
      async () =>
        (await call(api.baseUrl, '/api/documents?perPage=1', { token: reader.token })).status === 200
          ? Date.now()
          : false,
      20_000,
      100,
    );
    for (const r of requests.filter((r) => r.method !== 'POST')) {
      const answer = await call(api.baseUrl, r.path, r);
      expect(answer.status, r.name).toBe(200);
    }
    expect((await call(api.baseUrl, '/api/ready')).status).toBe(200);

    // Its background worker recovered too: a document published now reaches the outbox and leaves it.
    const created = await call(api.baseUrl, '/api/documents', {
      method: 'POST',
      token: editor.token,
      body: advisoryContent(
        `After the outage ${randomBytes(3).toString('hex')}`,
        '# Overview\n\nWritten after PostgreSQL came back.\n',
      ),
    });
    expect(created.status).toBe(201);
    const { id, revisionId } = created.body as { id: string; revisionId: string };
    expect(
      (
        await call(api.baseUrl, `/api/documents/${id}/publish`, {
          method: 'POST',
          token: editor.token,
          body: { revisionId },
        })
      ).status,
    ).toBe(200);
    const db = createDatabase(databaseUrl, { max: 1 });
    try {
      await eventually(async () => {
        const { rows } = await db.$client.query<{ n: string }>(
          'select count(*) as n from search_outbox where document_id = $1',
          [id],
        );
        return Number(rows[0]?.n) === 0;
      }, 20_000);
    } finally {
      await db.$client.end();
    }

    // Nothing saved before the outage was lost; the one new document is all that changed.
    const after = await countSaved();
    expect(after).toEqual({
      ...before,
      documents: before.documents + 1,
      revisions: before.revisions + 1,
      sections: after.sections,
    });
    expect(after.sections).toBeGreaterThan(before.sections);
    const bookmarks = await call(api.baseUrl, '/api/me/bookmarks', { token: reader.token });
    expect(bookmarks.text).toContain('client intake: 2019 theft conviction');

    const byStatus: Record<number, number> = {};
    for (const a of outage) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    printFigures('PostgreSQL stopped and started', {
      'faults injected': 'PostgreSQL stopped (fast shutdown) and started again on the same port',
      'stop took (ms)': downAt - stopStarted,
      'requests during the outage': outage.length,
      'answers during the outage by status': byStatus,
      'slowest answer during the outage (ms)': Math.max(...outage.map((a) => a.ms)),
      'serving again (ms after PostgreSQL was up)': recovered - upAt,
      'API restarts': 0,
      'rows before → after': `${JSON.stringify(before)} → ${JSON.stringify(after)}`,
    });
  }, 240_000);
});
