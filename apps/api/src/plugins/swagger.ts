import fastifySwagger from '@fastify/swagger';
import { ErrorResponse } from '@kb/contracts';
import fp from 'fastify-plugin';

/** The OpenAPI document, generated from the route schemas and served at /api/openapi.json. */
export default fp(
  async (app) => {
    app.addSchema(ErrorResponse);
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Advisory KB API',
          version: '0.1.0',
          description: 'Practice advisories and treatises on the immigration consequences of crimes.',
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      },
      transform: ({ schema, url, route }) => {
        const access = (route.config as { access?: string } | undefined)?.access;
        const transformed = { ...(schema as object) } as Record<string, unknown>;
        if (access && access !== 'public') {
          transformed.security = [{ bearer: [] }];
          transformed.description = `Requires role: ${access}.`;
        }
        return { schema: transformed, url };
      },
    });
    app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'swagger' },
);
