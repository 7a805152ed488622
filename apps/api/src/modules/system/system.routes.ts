import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthResponse, ReadyResponse } from '@kb/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { pingDatabase } from './system.repository';

async function probe(name: string, log: FastifyBaseLogger, check: () => Promise<unknown>, timeoutMs = 2_000) {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
    ]);
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    // Anonymous callers learn up or down, never an internal address or a driver message.
    log.warn({ err: error }, `readiness: ${name} does not answer`);
    return { ok: false };
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
    async (request, reply) => {
      const [postgres, meilisearch] = await Promise.all([
        probe('PostgreSQL', request.log, () => pingDatabase(app.db)),
        probe('Meilisearch', request.log, () => app.searchIndex.client.health()),
      ]);
      const ready = postgres.ok && meilisearch.ok;
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', postgres, meilisearch });
    },
  );
};

export default systemRoutes;
