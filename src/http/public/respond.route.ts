import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OmbudsError, notFound } from '../../domain/errors.js';
import {
  endAccusedSession,
  exchangeAccusedLink,
  respondAsAccused,
  viewAsAccused,
} from '../../services/accused-link.js';
import type { ServiceDeps } from '../../services/deps.js';
import { messages, type Site } from '../../views/messages.js';
import { renderRespondPage } from '../../views/respond.page.js';

/** The accused's session cookie: a random id only, sent back only to /respond. */
export const accusedCookie = 'ombuds_accused';
const cookiePath = '/respond';

const tokenParams = z.object({ token: z.string().max(200) }).catch({ token: '' });
const sentQuery = z.object({ sent: z.string().max(10).optional().catch(undefined) }).catch({});
const responseBody = z
  .object({ response: z.string().max(40_000).catch('') })
  .catch({ response: '' });

/**
 * The accused's side: GET /respond/:token spends the one-time link for a short session and sends
 * the browser on to /respond, so the token leaves the address bar and cannot be used again; there
 * the accused reads the notice and sends a response. Nothing else of the case is reachable, and
 * every answer without a live session is the same "not found".
 */
export function registerRespondRoutes(
  app: FastifyInstance,
  deps: { services: ServiceDeps; site: Site; publicUrl: string },
): void {
  const { services, site } = deps;
  const route = { config: { audience: 'accused' as const } };
  const sessionOf = (request: FastifyRequest) => request.cookies[accusedCookie] ?? '';
  const text = messages.access.respond;

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: { notice?: string | null; error?: string | null; typed?: string } = {},
  ) => {
    const view = await viewAsAccused(services, sessionOf(request));
    const body = renderRespondPage({
      site,
      csrfToken: reply.generateCsrf(),
      page: view,
      notice: extra.notice ?? null,
      error: extra.error ?? null,
      typed: extra.typed ?? '',
    });
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(body);
  };

  app.get('/respond/:token', route, async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const sessionId = await exchangeAccusedLink(services, token);
    if (sessionId === null) throw notFound();
    return reply
      .header('cache-control', 'no-store')
      .setCookie(accusedCookie, sessionId, {
        path: cookiePath,
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.publicUrl.startsWith('https:'),
      })
      .redirect('/respond', 303);
  });

  app.get('/respond', route, (request, reply) =>
    page(request, reply, 200, {
      notice: sentQuery.parse(request.query).sent === undefined ? null : text.sent,
    }),
  );

  app.post('/respond', route, async (request, reply) => {
    const { response } = responseBody.parse(request.body);
    const typed = response.trim();
    if (typed === '') return page(request, reply, 400, { error: text.empty, typed: response });
    if (typed.length > 20_000) {
      return page(request, reply, 400, { error: text.tooLong, typed: response });
    }
    try {
      await respondAsAccused(services, sessionOf(request), typed);
    } catch (error) {
      if (error instanceof OmbudsError && error.code === 'rule_violation') {
        return page(request, reply, 409, { error: `${text.refused} ${error.publicMessage}` });
      }
      throw error;
    }
    return reply.redirect('/respond?sent=1', 303);
  });

  app.post('/respond/leave', route, async (request, reply) => {
    await endAccusedSession(services, sessionOf(request));
    return reply.clearCookie(accusedCookie, { path: cookiePath }).redirect('/', 303);
  });
}
