import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OmbudsError } from '../../domain/errors.js';
import { changePassword } from '../../services/change-password.js';
import type { ServiceDeps } from '../../services/deps.js';
import type { SignInThrottle } from '../../services/sign-in-throttle.js';
import { renderAccountPage } from '../../views/console/account.page.js';
import type { Site } from '../../views/messages.js';
import { clearSessionCookie, signInPath, staffActorOf } from './session.js';

const passwordBody = z
  .object({
    currentPassword: z.string().max(1024).catch(''),
    newPassword: z.string().max(1024).catch(''),
    newPasswordAgain: z.string().max(1024).catch(''),
  })
  .catch({ currentPassword: '', newPassword: '', newPasswordAgain: '' });

/** The signed-in user's own account page and password change. */
export function registerAccountRoutes(
  app: FastifyInstance,
  deps: { services: ServiceDeps; site: Site; secure: boolean; throttle: SignInThrottle },
): void {
  const { services, site } = deps;

  app.get('/console/account', { config: { audience: 'staff' } }, (request, reply) => {
    const { user } = staffActorOf(request);
    const page = renderAccountPage({
      site,
      viewer: { user, csrfToken: reply.generateCsrf() },
      error: null,
    });
    return reply.type('text/html; charset=utf-8').send(page);
  });

  app.post(
    '/console/account/password',
    { config: { audience: 'staff' } },
    async (request, reply) => {
      const { user, session } = staffActorOf(request);
      const body = passwordBody.parse(request.body);
      try {
        await changePassword(services, deps.throttle, session, { ...body, address: request.ip });
      } catch (error) {
        if (!(error instanceof OmbudsError) || error.code !== 'invalid_input') throw error;
        const page = renderAccountPage({
          site,
          viewer: { user, csrfToken: reply.generateCsrf() },
          error: error.publicMessage,
        });
        return reply.code(400).type('text/html; charset=utf-8').send(page);
      }
      clearSessionCookie(reply, deps.secure);
      return reply.code(303).redirect(`${signInPath}?done=password-changed`);
    },
  );
}
