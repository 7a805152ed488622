import diagnostics from 'node:diagnostics_channel';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { type Access, routeAccess } from '../plugins/auth';

/** JSON Schema as TypeBox produces it (plain objects), read loosely by the generic tests. */
export type JsonSchema = Record<string, unknown>;

/** One route of the app as the generic security tests see it. */
export interface RouteEntry {
  method: string;
  /** Full path with Fastify parameters, e.g. `/api/documents/:idOrSlug`. */
  url: string;
  /** What the route declares in `config.access`; undefined means it declares nothing. */
  access: Access | undefined;
  params?: JsonSchema;
  querystring?: JsonSchema;
  body?: JsonSchema;
  /** Content types the route accepts when it says so (e.g. multipart uploads). */
  consumes?: string[];
  /** The route's own body limit in bytes, when it sets one (otherwise the app's). */
  bodyLimit?: number;
}

export interface RouteRecorder {
  /** Routes recorded so far (HEAD twins of GET routes left out). */
  readonly routes: RouteEntry[];
  /** Stops recording; later Fastify instances are not watched. */
  stop(): void;
}

/**
 * Records the route table of every Fastify instance created while it listens, through
 * Fastify's `fastify.initialization` diagnostics channel: an onRoute hook is added before any
 * plugin registers, so the app under test needs no test-only code and new routes are picked
 * up automatically.
 */
export function recordRoutes(): RouteRecorder {
  const routes: RouteEntry[] = [];
  const initialization = diagnostics.channel('fastify.initialization');
  const onInit = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', (route: RouteOptions) => {
      const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
      const schema = (route.schema ?? {}) as Record<string, unknown>;
      for (const method of methods) {
        routes.push({
          method,
          url: route.url,
          access: routeAccess(route.config),
          params: schema.params as JsonSchema | undefined,
          querystring: (schema.querystring ?? schema.query) as JsonSchema | undefined,
          body: schema.body as JsonSchema | undefined,
          consumes: schema.consumes as string[] | undefined,
          bodyLimit: route.bodyLimit,
        });
      }
    });
  };
  initialization.subscribe(onInit);
  return {
    routes,
    stop: () => initialization.unsubscribe(onInit),
  };
}

/** The routes under /api, once each (a route registered twice would be a bug of its own). */
export function apiRoutes(routes: RouteEntry[]): RouteEntry[] {
  const seen = new Set<string>();
  return routes.filter((r) => {
    const key = `${r.method} ${r.url}`;
    if (!r.url.startsWith('/api') || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The path parameter names of a route url, in order. */
export function pathParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);
}

/** A concrete url: each `:param` replaced by its (URL-encoded) value. */
export function fillPath(url: string, values: Record<string, string>): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'));
}
