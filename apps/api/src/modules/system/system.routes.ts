import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthResponse, ReadyResponse } from '@kb/contracts';
import { pingDatabase } from './system.repository';

async function probe(check: () => Promise<unknown>, timeoutMs = 2_000) {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
    ]);
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { ok: false, error: String((error as Error)?.message ?? error).slice(0, 200) };
  }
}

const systemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'The process is alive', response: { 200: HealthResponse } },
    },
    async () => ({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }),
  );

  app.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'PostgreSQL and Meilisearch both answer',
        response: { 200: ReadyResponse, 503: ReadyResponse },
      },
    },
    async (_request, reply) => {
      const [postgres, meilisearch] = await Promise.all([
        probe(() => pingDatabase(app.db)),
        probe(() => app.searchIndex.client.health()),
      ]);
      const ready = postgres.ok && meilisearch.ok;
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', postgres, meilisearch });
    },
  );
};

export default systemRoutes;
