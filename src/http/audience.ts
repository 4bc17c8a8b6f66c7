import type { FastifyInstance } from 'fastify';

/**
 * Who a route is for. Every route declares it in `config.audience`; the server refuses to start
 * with a route that does not, so no address can appear without a decision about who may use it,
 * and the access-matrix test reads the same declarations.
 *
 * - public: anyone, no credentials (home, report form, guidelines, health check, assets)
 * - reporter: someone holding a receipt code (the anonymous follow-up channel)
 * - accused: the holder of a one-time accused link, for that one notice only
 * - staff: a signed-in staff member; per-case access is then decided by the domain
 * - administrator: a signed-in administrator (users and settings, never case content)
 * - venue: a venue's API token (the check API)
 * - test: routes that tests add to a test server; never registered by buildServer
 */
export const routeAudiences = [
  'public',
  'reporter',
  'accused',
  'staff',
  'administrator',
  'venue',
  'test',
] as const;

export type RouteAudience = (typeof routeAudiences)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    audience?: RouteAudience;
  }
}

/** A route as registered: what the access-matrix test is generated from. */
export interface DeclaredRoute {
  readonly method: string;
  readonly url: string;
  readonly audience: RouteAudience;
}

const declared = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/** Every route registered on the server so far, HEAD routes included, with its audience. */
export function declaredRoutes(app: FastifyInstance): readonly DeclaredRoute[] {
  return declared.get(app) ?? [];
}

/** Makes registering a route without a declared audience throw at start-up. */
export function requireRouteAudience(app: FastifyInstance): void {
  const routes: DeclaredRoute[] = [];
  declared.set(app, routes);
  app.addHook('onRoute', (route) => {
    // HEAD routes are added by Fastify beside each GET and inherit its config.
    const audience = (route.config as { audience?: unknown } | undefined)?.audience;
    if (!routeAudiences.includes(audience as RouteAudience)) {
      throw new Error(
        `route ${String(route.method)} ${route.url} declares no config.audience (one of ${routeAudiences.join(', ')})`,
      );
    }
    for (const method of [route.method].flat()) {
      routes.push({ method, url: route.url, audience: audience as RouteAudience });
    }
  });
}
