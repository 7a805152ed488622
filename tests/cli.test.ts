import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cloneDatabase } from '@kb/api/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot, spawnScript } from './support/processes';

let database: Awaited<ReturnType<typeof cloneDatabase>>;
let env: Record<string, string>;
const dir = mkdtempSync(path.join(tmpdir(), 'kb-cli-'));

beforeAll(async () => {
  database = await cloneDatabase();
  const services = inject('services');
  env = {
    DATA_DIR: dir,
    DATABASE_URL: database.url,
    MEILI_URL: services.meiliUrl,
    MEILI_MASTER_KEY: services.meiliKey,
    MEILI_INDEX_PREFIX: `c${randomBytes(5).toString('hex')}`,
  };
});
afterAll(() => database.drop());

async function kb(...args: string[]) {
  const run = spawnScript('apps/api/src/cli.ts', args, env);
  const code = await run.exited();
  return { code, output: run.output() };
}

describe('pnpm kb', () => {
  it('imports the public-domain corpus idempotently: a second run changes nothing', async () => {
    const corpus = path.join(repoRoot, 'db/seed/public-domain.jsonl');
    const first = await kb('import', corpus);
    expect(first.code, first.output).toBe(0);
    // The template database was seeded with the same corpus: nothing to create.
    expect(first.output).toMatch(/import: 0 created, 0 updated, 98 unchanged, 0 line\(s\) with errors/);
    const second = await kb('import', corpus);
    expect(second.output).toMatch(/import: 0 created, 0 updated, 98 unchanged/);
  }, 120_000);

  it('reports a malformed line with its number and imports the rest', async () => {
    const file = path.join(dir, 'mixed.jsonl');
    const good = (id: string) =>
      JSON.stringify({
        id,
        title: `CLI test ${id}`,
        kind: 'statute',
        citation: 'INA § 276',
        jurisdiction: 'federal',
        date: '2020-01-01',
        body: 'Text.',
      });
    writeFileSync(file, [good('cli-1'), '{"id": "broken"', good('cli-2')].join('\n'));
    const run = await kb('import', file);
    expect(run.code).toBe(2);
    expect(run.output).toMatch(/mixed\.jsonl:2: invalid JSON/);
    expect(run.output).toMatch(/import: 2 created, 0 updated, 0 unchanged, 1 line\(s\) with errors/);
  }, 120_000);

  it('creates users and refuses weak passwords and unknown roles with a clear message', async () => {
    const ok = await kb(
      'user:create',
      '--email',
      'cli-admin@test.example.org',
      '--password',
      'a-long-enough-secret',
      '--role',
      'admin',
    );
    expect(ok.code, ok.output).toBe(0);
    expect(ok.output).toMatch(/created admin cli-admin@test.example.org/);
    const weak = await kb('user:create', '--email', 'weak@test.example.org', '--password', 'short', '--role', 'reader');
    expect(weak.code).not.toBe(0);
    expect(weak.output).toMatch(/kb: Use at least 10 characters/);
    const role = await kb(
      'user:create',
      '--email',
      'x@test.example.org',
      '--password',
      'a-long-enough-secret',
      '--role',
      'owner',
    );
    expect(role.output).toMatch(/--role must be one of reader, editor, admin/);
    const duplicate = await kb(
      'user:create',
      '--email',
      'CLI-ADMIN@test.example.org',
      '--password',
      'a-long-enough-secret',
    );
    expect(duplicate.output).toMatch(/already exists/);
  }, 120_000);

  it('reindexes and verifies the index against the database', async () => {
    const reindex = await kb('reindex');
    expect(reindex.code, reindex.output).toBe(0);
    expect(reindex.output).toMatch(/reindex: \d+ documents, \d+ sections/);
    const verify = await kb('search:verify');
    expect(verify.code, verify.output).toBe(0);
    expect(verify.output).toMatch(/0 missing from the index, 0 stale, 0 that should not be there/);
  }, 180_000);
});
