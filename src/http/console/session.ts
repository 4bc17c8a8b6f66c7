import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  preHandlerAsyncHookHandler,
} from 'fastify';
import { OmbudsError, notFound } from '../../domain/errors.js';
import { hasRole, type Actor } from '../../domain/roles.js';
import type { StaffUser } from '../../domain/staff-accounts.js';
import type { ServiceDeps } from '../../services/deps.js';
import { resolveStaffSession, type StaffSession } from '../../services/staff-sessions.js';
import type { ConsoleViewer } from '../../views/console/console-layout.js';
import { prefersJson } from '../negotiate.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member acting, or null (no, expired or ended session). */
    actor: Actor | null;
    /** The signed-in staff user, or null. */
    staffUser: StaffUser | null;
    /** The session behind `actor`, for sign-out; null when not signed in. */
    staffSession: StaffSession | null;
  }
}

/** The cookie that carries the session id: random, httpOnly, SameSite=Strict, nothing else in it. */
export const sessionCookie = 'ombuds_session';
export const signInPath = '/console/sign-in';

/** Attributes of the session cookie; Secure when the public address is https. */
export function sessionCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'strict', secure } as const;
}

/** Sets the session cookie to a new session id. */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(sessionCookie, token, sessionCookieOptions(secure));
}

/** Removes the session cookie from the browser. */
export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(sessionCookie, sessionCookieOptions(secure));
}

/**
 * Reads the session cookie on every request and decorates `request.actor`, `request.staffUser`
 * and `request.staffSession` (null without a valid session; an ended session's cookie is
 * cleared). Routes declaring `config.audience: 'staff'` get `requireStaff`, and 'administrator'
 * routes `requireAdministrator`, as their first preHandler, so no staff route can forget it;
 * their answers carry Cache-Control: no-store. Call after registerForms (cookies) and before
 * any route.
 */
export function registerStaffSessions(
  app: FastifyInstance,
  services: ServiceDeps,
  options: { readonly secureCookies?: boolean } = {},
): void {
  const secure = options.secureCookies ?? false;
  app.decorateRequest('actor', null);
  app.decorateRequest('staffUser', null);
  app.decorateRequest('staffSession', null);

  app.addHook('onRoute', (route) => {
    const audience = (route.config as { audience?: unknown } | undefined)?.audience;
    const guard =
      audience === 'staff'
        ? requireStaff
        : audience === 'administrator'
          ? requireAdministrator
          : null;
    if (guard === null) return;
    const existing = route.preHandler;
    route.preHandler = [
      guard,
      ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
    ];
  });

  app.addHook('onRequest', async (request, reply) => {
    const audience = request.routeOptions.config?.audience;
    if (audience === 'staff' || audience === 'administrator') {
      // Staff pages hold case and account details: never kept by a browser or proxy cache.
      reply.header('cache-control', 'no-store');
    }
    const token = request.cookies[sessionCookie];
    if (token === undefined || token === '') return;
    const session = await resolveStaffSession(services, token);
    if (session === null) {
      clearSessionCookie(reply, secure);
      return;
    }
    request.actor = session.actor;
    request.staffUser = session.user;
    request.staffSession = session;
  });
}

/** Only a same-site path under /console may be returned to after sign-in. */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return /^\/console(?:\/[A-Za-z0-9._~\-/]*)?(?:\?[A-Za-z0-9._~\-=&%]*)?$/.test(value) &&
    !value.includes('//')
    ? value
    : null;
}

function refuseUnauthenticated(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0] ?? '';
  if (prefersJson(request.headers.accept, path)) {
    throw new OmbudsError('unauthenticated', 'Sign in to continue.', {
      logMessage: 'no valid staff session',
    });
  }
  const back = request.method === 'GET' ? safeReturnPath(request.url) : null;
  const target =
    back === null || back === '/console'
      ? signInPath
      : `${signInPath}?next=${encodeURIComponent(back)}`;
  return reply.code(303).header('cache-control', 'no-store').redirect(target);
}

/**
 * preHandler for staff routes: without a valid session, a browser is sent to the sign-in page
 * (303) and a JSON client gets 401. Afterwards `request.actor` and `request.staffUser` are set.
 */
export const requireStaff: preHandlerAsyncHookHandler = async function requireStaff(
  request,
  reply,
) {
  // Returning the reply tells Fastify the answer is sent and the handler must not run.
  if (request.actor === null) return refuseUnauthenticated(request, reply);
  return undefined;
};

/**
 * preHandler for administrator routes: like requireStaff, then 404 (as for a page that does not
 * exist) for a signed-in user without the administrator role.
 */
export const requireAdministrator: preHandlerAsyncHookHandler = async function requireAdministrator(
  request,
  reply,
) {
  if (request.actor === null) return refuseUnauthenticated(request, reply);
  if (!hasRole(request.actor, 'administrator')) throw notFound();
  return undefined;
};

/** The signed-in actor of a staff route; throws unauthenticated if a route forgot its guard. */
export function staffActorOf(request: FastifyRequest): {
  actor: Actor;
  user: StaffUser;
  session: StaffSession;
} {
  const { actor, staffUser, staffSession } = request;
  if (actor === null || staffUser === null || staffSession === null) {
    throw new OmbudsError('unauthenticated', 'Sign in to continue.', {
      logMessage: 'a staff route ran without a session',
    });
  }
  return { actor, user: staffUser, session: staffSession };
}

/** The viewer of a console page (user and a CSRF token for its forms), or null if not signed in. */
export function viewerOf(request: FastifyRequest, reply: FastifyReply): ConsoleViewer | null {
  return request.staffUser === null
    ? null
    : { user: request.staffUser, csrfToken: reply.generateCsrf() };
}
