import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OmbudsError } from '../../domain/errors.js';
import type { ServiceDeps } from '../../services/deps.js';
import { inviteStaffUser } from '../../services/invite-staff-user.js';
import {
  changeStaffRoles,
  disableStaffUser,
  listStaff,
} from '../../services/manage-staff-users.js';
import { renderUsersPage, type UsersPageProps } from '../../views/console/users.page.js';
import { messages, type Site } from '../../views/messages.js';
import { staffActorOf } from './session.js';

/** One checkbox sends a string, several send an array. */
const roleField = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

const inviteBody = z
  .object({
    username: z.string().max(200).catch(''),
    displayName: z.string().max(1000).catch(''),
    roles: roleField.catch([]),
  })
  .catch({ username: '', displayName: '', roles: [] });

const rolesBody = z.object({ roles: roleField.catch([]) }).catch({ roles: [] });
const userParams = z.object({ id: z.string().max(100) });

/** Administrators manage staff accounts: list, invite, change roles, disable. */
export function registerUserRoutes(
  app: FastifyInstance,
  deps: { services: ServiceDeps; site: Site; publicUrl: string },
): void {
  const { services, site } = deps;
  const text = messages.console.users;

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: Partial<Pick<UsersPageProps, 'invited' | 'notice' | 'error'>>,
  ) => {
    const { actor, user } = staffActorOf(request);
    const users = await listStaff(services, actor);
    const body = renderUsersPage({
      site,
      viewer: { user, csrfToken: reply.generateCsrf() },
      users,
      invited: extra.invited ?? null,
      notice: extra.notice ?? null,
      error: extra.error ?? null,
    });
    return reply.code(status).type('text/html; charset=utf-8').send(body);
  };

  const refusalPage = async (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    if (error instanceof OmbudsError && error.code === 'invalid_input') {
      return page(request, reply, 400, { error: error.publicMessage });
    }
    throw error;
  };

  app.get('/console/users', { config: { audience: 'administrator' } }, (request, reply) =>
    page(request, reply, 200, {}),
  );

  app.post('/console/users', { config: { audience: 'administrator' } }, async (request, reply) => {
    const { actor } = staffActorOf(request);
    const body = inviteBody.parse(request.body);
    try {
      const invited = await inviteStaffUser(services, body, actor.id);
      const link = new URL(invited.path, deps.publicUrl).toString();
      return await page(request, reply, 201, {
        invited: { name: invited.user.displayName, link, expiresAt: invited.expiresAt },
      });
    } catch (error) {
      return refusalPage(request, reply, error);
    }
  });

  app.post(
    '/console/users/:id/disable',
    { config: { audience: 'administrator' } },
    async (request, reply) => {
      const { actor } = staffActorOf(request);
      const { id } = userParams.parse(request.params);
      try {
        const user = await disableStaffUser(services, actor, { id });
        return await page(request, reply, 200, { notice: text.disabledDone(user.displayName) });
      } catch (error) {
        return refusalPage(request, reply, error);
      }
    },
  );

  app.post(
    '/console/users/:id/roles',
    { config: { audience: 'administrator' } },
    async (request, reply) => {
      const { actor } = staffActorOf(request);
      const { id } = userParams.parse(request.params);
      const body = rolesBody.parse(request.body);
      try {
        const user = await changeStaffRoles(services, actor, id, body.roles);
        return await page(request, reply, 200, { notice: text.rolesDone(user.displayName) });
      } catch (error) {
        return refusalPage(request, reply, error);
      }
    },
  );
}
