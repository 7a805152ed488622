import { eventually } from '@kb/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printFigures } from '../security/support';
import {
  type ApiProcess,
  advisoryContent,
  call,
  type Deployment,
  distinctWord,
  savedRows,
  signedInUser,
  startDeployment,
} from './support';

/**
 * Three API processes on one PostgreSQL and one Meilisearch, as a deployment behind a load
 * balancer runs them. Searches and publishes are spread over all three; one is SIGKILLed in the
 * middle of the publishes. Every acknowledged publish must end up indexed exactly once at its
 * document's newest published revision, a session must be valid on every replica (and its
 * sign-out too), sign-in throttling must be shared, and nothing saved may be lost.
 * `pnpm test` runs a short version; `pnpm test:load` (KB_FULL=1) a longer one.
 */
const DOCUMENTS = process.env.KB_FULL ? 150 : 24;
const KILL_AFTER = Math.floor(DOCUMENTS * 0.4);
const CONCURRENCY = 4;

let deployment: Deployment;

beforeAll(async () => {
  deployment = await startDeployment({ replicas: 3, tag: 'rp' });
}, 300_000);
afterAll(() => deployment?.stop());

const alive = (replica: ApiProcess) =>
  replica.server.child.exitCode === null && replica.server.child.signalCode === null;

describe('three replicas on one PostgreSQL and one Meilisearch', () => {
  it('share sessions, sign-out and throttling, and index every acknowledged publish once, at its newest revision, through a SIGKILL', async () => {
    const { db, replicas, databaseUrl } = deployment;
    const [first, second, third] = replicas as [ApiProcess, ApiProcess, ApiProcess];
    const editor = await signedInUser(first, databaseUrl, 'editor');
    const reader = await signedInUser(second, databaseUrl, 'reader');

    // A session made on one replica is valid on every replica; its sign-out too.
    for (const replica of replicas)
      expect((await call(replica.baseUrl, '/api/me', { token: reader.token })).status).toBe(200);
    const leaving = await signedInUser(third, databaseUrl, 'reader');
    await call(first.baseUrl, '/api/auth/logout', { method: 'POST', token: leaving.token });
    for (const replica of replicas)
      expect((await call(replica.baseUrl, '/api/me', { token: leaving.token })).status).toBe(401);

    // Sign-in throttling is counted in the database: 30 guesses at once, 10 per replica.
    const target = await signedInUser(second, databaseUrl, 'reader');
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(replicas[i % 3]?.baseUrl ?? '', '/api/auth/login', {
          method: 'POST',
          body: { email: target.email, password: `a-wrong-guess-${i}` },
        }),
      ),
    );
    const guessStatuses = guesses.map((g) => g.status);
    expect(guessStatuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(guessStatuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);

    const before = await savedRows(db);
    /** Acknowledged publishes: document → the revisions a replica answered 200 for, in order. */
    const acknowledged = new Map<string, string[]>();
    const statuses: Record<string, Record<number, number>> = { write: {}, search: {} };
    const count = (kind: string, status: number) => {
      const byStatus = statuses[kind] as Record<number, number>;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
    };
    const failures: string[] = [];
    let turn = 0;
    /** The next live replica, round robin (a load balancer drops a dead one). */
    const next = () => {
      for (;;) {
        const replica = replicas[turn++ % 3] as ApiProcess;
        if (alive(replica)) return replica;
      }
    };
    /** A write on a replica: a network failure from the killed one is not acknowledged, anything else must be. */
    const write = async (path: string, method: string, body: unknown, expected: number) => {
      const replica = next();
      const answer = await call(replica.baseUrl, path, { method, token: editor.token, body });
      count('write', answer.status);
      if (answer.status === expected) return answer.body as Record<string, unknown>;
      if (!(answer.status === 0 && replica === third))
        failures.push(`${method} ${path} → ${answer.status} ${answer.text.slice(0, 200)}`);
      return undefined;
    };

    let probing = true;
    const probes = (async () => {
      for (let i = 0; probing; i++) {
        const replica = next();
        const search = await call(replica.baseUrl, `/api/search?q=${distinctWord(i % DOCUMENTS)}`, {
          token: reader.token,
        });
        count('search', search.status);
        if (search.status !== 200 && search.status !== 503 && !(search.status === 0 && replica === third)) {
          failures.push(`search → ${search.status} ${search.text.slice(0, 200)}`);
        }
        await new Promise((r) => setTimeout(r, 30));
      }
    })();

    let nextDocument = 0;
    let completed = 0;
    let killedAt = 0;
    const publishOne = async (i: number) => {
      const word = distinctWord(i);
      const created = await write(
        '/api/documents',
        'POST',
        advisoryContent(`Replica drill ${word}`, `# Overview\n\nFirst version: ${word}.\n`),
        201,
      );
      if (!created) return;
      const id = created.id as string;
      const published = await write(`/api/documents/${id}/publish`, 'POST', { revisionId: created.revisionId }, 200);
      if (!published) return;
      acknowledged.set(id, [created.revisionId as string]);
      if (i % 2 === 1) return;
      // Half of them are revised and published again, on other replicas.
      const saved = await write(
        `/api/documents/${id}/draft`,
        'PUT',
        {
          ...advisoryContent(
            `Replica drill ${word} (revised)`,
            `# Overview\n\nSecond version: ${word} revised.\n\n## More\n\nAnother section.\n`,
          ),
          baseRevisionId: created.revisionId,
        },
        200,
      );
      if (!saved) return;
      if (await write(`/api/documents/${id}/publish`, 'POST', { revisionId: saved.revisionId }, 200)) {
        acknowledged.get(id)?.push(saved.revisionId as string);
      }
    };
    const worker = async () => {
      for (;;) {
        const i = nextDocument++;
        if (i >= DOCUMENTS) return;
        await publishOne(i);
        completed++;
        if (completed === KILL_AFTER && !killedAt) {
          // Mid-publish: the other workers have requests in flight on it.
          third.server.child.kill('SIGKILL');
          killedAt = Date.now();
        }
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const publishSeconds = (Date.now() - started) / 1000;
    expect(killedAt).toBeGreaterThan(0);

    // The survivors drain the outbox, the killed replica's claimed rows included.
    await eventually(
      async () => Number((await db.$client.query('select count(*) as n from search_outbox')).rows[0]?.n) === 0,
      90_000,
      250,
    );
    probing = false;
    await probes;
    expect(failures).toEqual([]);
    expect(acknowledged.size).toBeGreaterThan(DOCUMENTS / 2);

    // Exactly once, at the newest published revision (never older than the newest acknowledged).
    const ids = [...acknowledged.keys()];
    const { rows } = await db.$client.query<{ id: string; published: string; sections: number }>(
      `select d.id, d.published_revision_id as published, count(s.id)::int as sections
         from documents d join document_sections s on s.revision_id = d.published_revision_id
        where d.id = any($1::uuid[]) and d.status = 'published'
        group by d.id, d.published_revision_id`,
      [ids],
    );
    expect(rows).toHaveLength(ids.length);
    const numbers = new Map(
      (
        await db.$client.query<{ id: string; number: number }>(
          'select id, number from revisions where document_id = any($1::uuid[])',
          [ids],
        )
      ).rows.map((r) => [r.id, r.number]),
    );
    const indexed = await deployment.indexedSections(ids);
    const wrong: string[] = [];
    for (const row of rows) {
      const newestAcked = acknowledged.get(row.id)?.at(-1) ?? '';
      if ((numbers.get(row.published) ?? 0) < (numbers.get(newestAcked) ?? Number.POSITIVE_INFINITY)) {
        wrong.push(`${row.id}: published revision older than the acknowledged one`);
      }
      const sections = indexed.get(row.id) ?? [];
      const versions = new Set(sections.map((s) => s.version));
      if (sections.length !== row.sections || new Set(sections.map((s) => s.id)).size !== sections.length) {
        wrong.push(`${row.id}: ${sections.length} sections indexed, ${row.sections} published`);
      }
      if (versions.size !== 1 || !versions.has(`${row.published}:0:0`)) {
        wrong.push(`${row.id}: indexed at ${[...versions].join(', ')}, published ${row.published}`);
      }
    }
    expect(wrong).toEqual([]);

    // The survivors still serve the session made before the kill.
    for (const replica of replicas.filter(alive))
      expect((await call(replica.baseUrl, '/api/me', { token: reader.token })).status).toBe(200);

    // Nothing saved was lost: every acknowledged document is there, nothing was removed.
    const after = await savedRows(db);
    expect(after.documents).toBeGreaterThanOrEqual(before.documents + acknowledged.size);
    expect(after.users).toBe(before.users);
    expect(after.bookmarks).toBe(before.bookmarks);
    expect(after.folders).toBe(before.folders);

    printFigures('three replicas, one SIGKILLed mid-publish', {
      documents: DOCUMENTS,
      'acknowledged documents': acknowledged.size,
      'acknowledged revisions': [...acknowledged.values()].reduce((n, list) => n + list.length, 0),
      'write requests by status': statuses.write,
      'search requests by status': statuses.search,
      'guesses at one account over three replicas': JSON.stringify(
        Object.fromEntries([401, 429].map((s) => [s, guessStatuses.filter((g) => g === s).length])),
      ),
      'publishing took (s)': publishSeconds,
      'rows before → after': `${JSON.stringify(before)} → ${JSON.stringify(after)}`,
    });
  }, 600_000);
});
