import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OmbudsError } from '../../domain/errors.js';
import type { ServiceDeps } from '../../services/deps.js';
import { completeEnrolment, readEnrolment } from '../../services/enrol-staff-user.js';
import { signIn } from '../../services/sign-in.js';
import { SignInThrottle } from '../../services/sign-in-throttle.js';
import { endAllStaffSessions, endStaffSession } from '../../services/staff-sessions.js';
import { renderEnrolPage } from '../../views/console/enrol.page.js';
import { renderSignInPage, type SignInNotice } from '../../views/console/sign-in.page.js';
import type { Site } from '../../views/messages.js';
import { prefersJson } from '../negotiate.js';
import { registerAccountRoutes } from './account.route.js';
import {
  clearSessionCookie,
  safeReturnPath,
  setSessionCookie,
  signInPath,
  staffActorOf,
} from './session.js';
import { registerUserRoutes } from './users.route.js';

export interface ConsoleAuthDeps {
  readonly services: ServiceDeps;
  readonly site: Site;
  /** OMBUDS_PUBLIC_URL: https there makes every cookie Secure. */
  readonly publicUrl: string;
  /** The in-memory sign-in limits; one per server unless a test shares or tunes one. */
  readonly throttle?: SignInThrottle;
}

const signInBody = z
  .object({
    username: z.string().max(200).catch(''),
    password: z.string().max(1024).catch(''),
    code: z.string().max(20).catch(''),
    next: z.unknown().optional(),
  })
  .catch({ username: '', password: '', code: '' });

const enrolBody = z
  .object({
    password: z.string().max(1024).catch(''),
    passwordAgain: z.string().max(1024).catch(''),
    code: z.string().max(20).catch(''),
  })
  .catch({ password: '', passwordAgain: '', code: '' });

const notices: readonly SignInNotice[] = [
  'signed-out',
  'signed-out-everywhere',
  'password-changed',
  'enrolled',
];

function html(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(page);
}

/**
 * The staff console's account routes: sign-in, enrolment by one-time link, sign-out (here and
 * everywhere), the account page and the administrators' user management.
 */
export function registerConsoleAuthRoutes(app: FastifyInstance, deps: ConsoleAuthDeps): void {
  const { services, site } = deps;
  const secure = deps.publicUrl.startsWith('https:');
  const throttle = deps.throttle ?? new SignInThrottle();
  const issuer = site.foundationName;

  const signInPage = (
    reply: FastifyReply,
    status: number,
    page: {
      error?: 'failed' | 'throttled';
      notice?: SignInNotice | null;
      username?: string;
      next?: string | null;
    },
  ) =>
    html(
      reply,
      status,
      renderSignInPage({
        site,
        csrfToken: reply.generateCsrf(),
        error: page.error ?? null,
        notice: page.notice ?? null,
        username: page.username ?? '',
        next: page.next ?? null,
      }),
    );

  app.get(signInPath, { config: { audience: 'public' } }, (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const next = safeReturnPath(query.next);
    if (request.actor !== null) return reply.code(303).redirect(next ?? '/console');
    const notice = notices.find((name) => name === query.done) ?? null;
    return signInPage(reply, 200, { notice, next });
  });

  app.post(signInPath, { config: { audience: 'public' } }, async (request, reply) => {
    const body = signInBody.parse(request.body);
    const next = safeReturnPath(body.next);
    try {
      const { token } = await signIn(services, throttle, {
        username: body.username,
        password: body.password,
        code: body.code,
        address: request.ip,
      });
      // A session that came with the request (perhaps planted) ends; the new id is fresh.
      if (request.staffSession !== null) await endStaffSession(services, request.staffSession);
      setSessionCookie(reply, token, secure);
      return await reply
        .code(303)
        .header('cache-control', 'no-store')
        .redirect(next ?? '/console');
    } catch (error) {
      if (!(error instanceof OmbudsError) || prefersJson(request.headers.accept, request.url))
        throw error;
      const throttled = error.code === 'rate_limited';
      request.log.info({ code: error.code }, 'sign-in refused');
      return signInPage(reply, throttled ? 429 : 401, {
        error: throttled ? 'throttled' : 'failed',
        username: body.username.slice(0, 64),
        next,
      });
    }
  });

  const enrolPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    error: string | null,
  ) => {
    const { token } = request.params as { token: string };
    const pending = await readEnrolment(services, token, issuer);
    return html(
      reply,
      status,
      renderEnrolPage({ site, csrfToken: reply.generateCsrf(), token, ...pending, error }),
    );
  };

  app.get('/console/enrol/:token', { config: { audience: 'public' } }, (request, reply) =>
    enrolPage(request, reply, 200, null),
  );

  app.post('/console/enrol/:token', { config: { audience: 'public' } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const body = enrolBody.parse(request.body);
    try {
      await completeEnrolment(services, token, body, issuer);
    } catch (error) {
      if (error instanceof OmbudsError && error.code === 'invalid_input') {
        return enrolPage(request, reply, 400, error.publicMessage);
      }
      throw error;
    }
    return reply.code(303).redirect(`${signInPath}?done=enrolled`);
  });

  app.post('/console/sign-out', { config: { audience: 'staff' } }, async (request, reply) => {
    await endStaffSession(services, staffActorOf(request).session);
    clearSessionCookie(reply, secure);
    return reply.code(303).redirect(`${signInPath}?done=signed-out`);
  });

  app.post(
    '/console/sign-out-everywhere',
    { config: { audience: 'staff' } },
    async (request, reply) => {
      await endAllStaffSessions(services, staffActorOf(request).session);
      clearSessionCookie(reply, secure);
      return reply.code(303).redirect(`${signInPath}?done=signed-out-everywhere`);
    },
  );

  registerAccountRoutes(app, { services, site, secure, throttle });
  registerUserRoutes(app, { services, site, publicUrl: deps.publicUrl });
}
