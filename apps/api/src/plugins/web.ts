import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

export const webDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * The Content-Security-Policy sources (`'sha256-…'`) of the inline scripts of the built
 * index.html (the session refresh that leaves with the page): the policy allows those exact
 * scripts and no other inline script.
 */
export function inlineScriptSources(dist = webDist): string[] {
  const indexHtml = path.join(dist, 'index.html');
  if (!existsSync(indexHtml)) return [];
  const html = readFileSync(indexHtml, 'utf8');
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) =>
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '')
        .digest('base64')}'`,
  );
}

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
      // The build writes a Brotli and a gzip copy of each file beside it (apps/web/vite.config.ts):
      // served to the browsers that take them, compressed once instead of on every request.
      preCompressed: true,
      // Off, or the file sender's own `public, max-age=0` overwrote the header set below.
      cacheControl: false,
      setHeaders: (res, filePath) => {
        // Hashed assets never change; index.html must always be fresh.
        res.setHeader(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
        res.setHeader('vary', 'accept-encoding');
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
