import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually } from '@kb/api/testing';
import { freePort } from '@kb/embedded';
import { afterAll, describe, expect, it } from 'vitest';
import { serverProcesses, spawnScript } from './support/processes';

const dataDir = mkdtempSync(path.join(tmpdir(), 'kb-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function startServer(port: number) {
  const server = spawnScript('apps/api/src/server.ts', [], {
    DATA_DIR: dataDir,
    PORT: String(port),
    NODE_ENV: 'production',
    PUBLIC_URL: `http://localhost:${port}`,
  });
  await server.waitFor(/ready at http:\/\/localhost:\d+/);
  return server;
}

describe('the start command on the embedded defaults', () => {
  it('starts, serves the app with demo content, stops cleanly and restarts without seeding twice', async () => {
    const port = await freePort();
    const server = await startServer(port);
    const base = `http://127.0.0.1:${port}`;
    expect(server.output()).toMatch(/seeded \d+ vocabulary terms, 98 public-domain documents and \d+ demo documents/);
    // No SMTP_URL: alerts stay in the app, and the start says so once.
    expect(server.output().match(/SMTP_URL is not set/g)).toHaveLength(1);

    const ready = await fetch(`${base}/api/ready`);
    expect(ready.status).toBe(200);
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<div id="root">');
    const deepLink = await fetch(`${base}/documents/anything`);
    expect(await deepLink.text()).toContain('<div id="root">');

    // The demo credentials are printed and work.
    const [, email, password] = server.output().match(/reader\s+(\S+@\S+)\s+password: (\S+)/) ?? [];
    expect(email).toBeTruthy();
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const list = await fetch(`${base}/api/documents?perPage=5`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const documents = (await list.json()) as { total: number; items: Array<{ title: string }> };
    expect(documents.total).toBeGreaterThan(120);

    // The CLI reuses the running servers of the same DATA_DIR instead of starting a second PostgreSQL.
    const before = serverProcesses(dataDir).length;
    const cli = spawnScript('apps/api/src/cli.ts', ['sync'], { DATA_DIR: dataDir });
    expect(await cli.exited()).toBe(0);
    expect(serverProcesses(dataDir).length).toBe(before);

    server.child.kill('SIGINT');
    expect(await server.exited(), server.output()).toBe(0);
    await eventually(async () => serverProcesses(dataDir).length === 0, 15_000);

    // With the app stopped the CLI starts the servers itself, and stops them after.
    const offline = spawnScript('apps/api/src/cli.ts', ['sync'], { DATA_DIR: dataDir });
    expect(await offline.exited()).toBe(0);
    await eventually(async () => serverProcesses(dataDir).length === 0, 15_000);

    const again = await startServer(port);
    expect(again.output()).not.toMatch(/seeded/);
    const relogin = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(relogin.status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited(), again.output()).toBe(0);
    await eventually(async () => serverProcesses(dataDir).length === 0, 15_000);
  }, 240_000);

  it('exits with one line naming DATABASE_URL when it cannot connect', async () => {
    const run = spawnScript('apps/api/src/server.ts', [], {
      DATA_DIR: path.join(dataDir, 'db-fail'),
      PORT: String(await freePort()),
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x',
    });
    expect(await run.exited()).not.toBe(0);
    const errors = run
      .output()
      .split('\n')
      .filter((l) => l.startsWith('advisory-kb:') && !l.includes('starting'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/DATABASE_URL/);
    expect(run.output()).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('exits with one line naming MEILI_URL when it cannot connect', async () => {
    const run = spawnScript('apps/api/src/server.ts', [], {
      DATA_DIR: path.join(dataDir, 'meili-fail'),
      PORT: String(await freePort()),
      MEILI_URL: 'http://127.0.0.1:1',
      MEILI_MASTER_KEY: 'x'.repeat(32),
    });
    expect(await run.exited()).not.toBe(0);
    const errors = run
      .output()
      .split('\n')
      .filter((l) => l.startsWith('advisory-kb:') && !l.includes('starting'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/MEILI_URL/);
    await eventually(async () => serverProcesses(path.join(dataDir, 'meili-fail')).length === 0, 15_000);
  }, 60_000);

  it('exits with one line naming PORT when the port is taken', async () => {
    const net = await import('node:net');
    const blocker = net.createServer().listen(0, '0.0.0.0');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    const run = spawnScript('apps/api/src/server.ts', [], {
      DATA_DIR: path.join(dataDir, 'port-fail'),
      PORT: String(port),
      SEED_DEMO: 'false',
    });
    expect(await run.exited()).not.toBe(0);
    blocker.close();
    expect(run.output()).toMatch(/advisory-kb: PORT \d+ is already in use/);
    await eventually(async () => serverProcesses(path.join(dataDir, 'port-fail')).length === 0, 15_000);
  }, 120_000);
});
