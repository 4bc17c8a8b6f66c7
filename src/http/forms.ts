import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `false` only for machine routes authenticated by a bearer token (the venue check API):
     * a browser never sends those credentials by itself, so there is nothing to forge.
     */
    csrf?: false;
  }
}

/** The hidden form field every HTML form carries its CSRF token in. */
export const csrfField = '_csrf';
export const csrfCookie = 'ombuds_csrf';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The token from a urlencoded body, a multipart body (fields attached as { value }), or a header. */
function tokenOf(request: FastifyRequest): string | undefined {
  const body = request.body as Record<string, unknown> | null | undefined;
  const field = body?.[csrfField];
  if (typeof field === 'string') return field;
  const value = (field as { value?: unknown } | undefined)?.value;
  if (typeof value === 'string') return value;
  const header = request.headers['x-csrf-token'];
  return typeof header === 'string' ? header : undefined;
}

/**
 * Form bodies, cookies and CSRF protection for every state-changing request. The CSRF secret
 * lives in an httpOnly, SameSite=Strict cookie that holds nothing else (no identity, no session);
 * pages put `reply.generateCsrf()` in the `_csrf` field of each form. A request without a valid
 * token is refused with 403 before its handler runs, logout included.
 */
export async function registerForms(
  app: FastifyInstance,
  options: { readonly secureCookies: boolean; readonly formBodyLimit: number },
): Promise<void> {
  await app.register(fastifyFormbody, { bodyLimit: options.formBodyLimit });
  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    cookieKey: csrfCookie,
    cookieOpts: {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: options.secureCookies,
    },
    getToken: tokenOf,
  });
  // preHandler, not onRequest: the token is in the body, which is parsed by then.
  app.addHook('preHandler', (request, reply, done) => {
    if (!unsafeMethods.has(request.method) || request.routeOptions.config.csrf === false) {
      done();
      return;
    }
    app.csrfProtection(request, reply, done);
  });
}
