import { randomBytes } from 'node:crypto';
import { eventually } from '@kb/api/testing';
import type { SearchResponse, SearchStatusResponse } from '@kb/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printFigures } from '../security/support';
import { type ApiProcess, advisoryContent, call, type Deployment, signedInUser, startDeployment } from './support';

/**
 * The cache of Meilisearch answers, across two API processes (replicas) on one PostgreSQL and
 * one Meilisearch: a publish on one replica empties the other's cache (LISTEN/NOTIFY) within a
 * second; an archived document and a disabled reader are never served from it, not even in
 * the moment before the index catches up.
 */
let deployment: Deployment;

beforeAll(async () => {
  deployment = await startDeployment({ replicas: 2, tag: 'sc' });
}, 300_000);
afterAll(() => deployment?.stop());

describe('the search cache on two replicas', () => {
  it('reflects a publish on the other replica within 1 s; never serves an archived document or a disabled reader', async () => {
    const { replicas, databaseUrl } = deployment;
    const [a, b] = replicas as [ApiProcess, ApiProcess];
    const editor = await signedInUser(a, databaseUrl, 'editor');
    const admin = await signedInUser(a, databaseUrl, 'admin');
    const reader = await signedInUser(b, databaseUrl, 'reader');
    const common = `cachedrill${randomBytes(3).toString('hex')}`;

    const publish = async (n: number) => {
      const created = await call(a.baseUrl, '/api/documents', {
        method: 'POST',
        token: editor.token,
        body: advisoryContent(`Cache drill ${common} ${n}`, `# Overview\n\nAbout ${common}, number ${n}.\n`),
      });
      expect(created.status, created.text).toBe(201);
      const { id, revisionId } = created.body as { id: string; revisionId: string };
      const published = await call(a.baseUrl, `/api/documents/${id}/publish`, {
        method: 'POST',
        token: editor.token,
        body: { revisionId },
      });
      expect(published.status, published.text).toBe(200);
      return id;
    };
    const searchOnB = async (token = reader.token) => {
      const answer = await call(b.baseUrl, `/api/search?q=${common}`, { token });
      return { status: answer.status, body: answer.body as SearchResponse };
    };
    const statusOfB = async () =>
      (await call(b.baseUrl, '/api/admin/search/status', { token: admin.token })).body as SearchStatusResponse;

    const first = await publish(1);
    await eventually(async () => (await searchOnB()).body.total === 1, 10_000, 50);

    // The same search again is answered from B's cache. The worker's notification that the index
    // changed may reach B just after B first saw the document (and empty its cache once more), so
    // the check repeats until an answer comes from the cache.
    expect((await statusOfB()).cache.enabled).toBe(true);
    await eventually(
      async () => {
        const before = await statusOfB();
        const { body } = await searchOnB();
        const after = await statusOfB();
        return body.total === 1 && after.cache.hits > before.cache.hits;
      },
      10_000,
      50,
    );

    // A publish on A: B's cached answer is replaced within a second of the publish's answer.
    const second = await publish(2);
    const published = performance.now();
    let seenAfterMs = Number.NaN;
    for (;;) {
      const { body } = await searchOnB();
      if (body.total === 2 && body.hits.some((h) => h.documentId === second)) {
        seenAfterMs = performance.now() - published;
        break;
      }
      if (performance.now() - published > 5_000) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(seenAfterMs).toBeLessThanOrEqual(1_000);

    // Cached again; then the first document is archived on A. B never shows it, not even
    // before the index (and so B's cache) catches up: each hit's state is read per request.
    expect((await searchOnB()).body.total).toBe(2);
    const archived = await call(a.baseUrl, `/api/documents/${first}/archive`, {
      method: 'POST',
      token: editor.token,
      body: {},
    });
    expect(archived.status, archived.text).toBe(200);
    const right = await searchOnB();
    expect(right.status).toBe(200);
    expect(right.body.hits.map((h) => h.documentId)).not.toContain(first);
    await eventually(async () => (await searchOnB()).body.total === 1, 5_000, 50);

    // A reader disabled on A is refused on B at once, cached query or not.
    expect((await searchOnB()).status).toBe(200);
    const disabled = await call(a.baseUrl, `/api/admin/users/${reader.id}`, {
      method: 'PATCH',
      token: admin.token,
      body: { disabled: true },
    });
    expect(disabled.status, disabled.text).toBe(200);
    expect((await searchOnB()).status).toBe(401);

    printFigures('search cache on two replicas', {
      'publish on A → B answers with it': `${Math.round(seenAfterMs)} ms`,
      "B's cache": JSON.stringify((await statusOfB()).cache),
    });
  }, 240_000);
});
