import fastifySwagger from '@fastify/swagger';
import { ErrorResponse, type Role } from '@kb/contracts';
import fp from 'fastify-plugin';
import { type Access, hasRole } from './auth';

/** Each operation carries the access its route declares, for filtering by the reader's role. */
const ACCESS_KEY = 'x-access';

type Operation = Record<string, unknown> & { [ACCESS_KEY]?: Access };
interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation>>;
  [key: string]: unknown;
}

/** The document with only the operations `role` may call. */
export function visibleTo(document: OpenApiDocument, role: Role): OpenApiDocument {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    const kept = Object.entries(operations).filter(([, operation]) => {
      const access = operation[ACCESS_KEY];
      return !access || access === 'public' || hasRole({ role }, access);
    });
    if (kept.length > 0) paths[path] = Object.fromEntries(kept);
  }
  return { ...document, paths };
}

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
        transformed[ACCESS_KEY] = access ?? 'public';
        return { schema: transformed, url };
      },
    });
    // For signed-in users only, and each sees the operations their role may call: the admin
    // routes (accounts, audit) are no map for anyone else.
    app.get('/api/openapi.json', { config: { access: 'reader' }, schema: { hide: true } }, async (request) =>
      visibleTo(app.swagger() as OpenApiDocument, request.user.role),
    );
  },
  { name: 'swagger' },
);
