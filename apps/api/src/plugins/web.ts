import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

export const webDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Serves the built SPA at / and its index.html for client-side routes. */
export default fp(
  async (app) => {
    if (!existsSync(path.join(webDist, 'index.html'))) {
      app.log.warn(`the web app is not built (${webDist}); run \`pnpm --filter @kb/web build\``);
      return;
    }
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      setHeaders: (res, filePath) => {
        // Hashed assets never change; index.html must always be fresh.
        res.setHeader(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/') || request.url === '/api') {
        return reply.status(404).send({
          error: {
            code: 'not_found',
            message: `No route for ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}.`,
          },
        });
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  },
  { name: 'web' },
);
