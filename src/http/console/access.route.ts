import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OmbudsError, notFound } from '../../domain/errors.js';
import type { Identifier } from '../../domain/identifiers.js';
import { issueAccusedLink } from '../../services/accused-link.js';
import { caseAccessOverview, setCounselGrant } from '../../services/counsel-grants.js';
import type { ServiceDeps } from '../../services/deps.js';
import { listStaff } from '../../services/manage-staff-users.js';
import { setStaffIdentifiers, staffIdentifierCounts } from '../../services/staff-identifiers.js';
import {
  renderAccusedLinkPage,
  renderCaseAccessPage,
} from '../../views/console/case-access.page.js';
import { renderStaffIdentifiersPage } from '../../views/console/staff-identifiers.page.js';
import { messages, type Site } from '../../views/messages.js';
import { staffActorOf } from './session.js';

const caseParams = z.object({ id: z.string().min(1).max(100) });
const counselBody = z.object({ counselId: z.string().max(100).catch('') }).catch({ counselId: '' });
const identifiersBody = z
  .object({
    emails: z.string().max(10_000).catch(''),
    ircNicks: z.string().max(10_000).catch(''),
    forgeNames: z.string().max(10_000).catch(''),
    name: z.string().max(1000).catch(''),
  })
  .catch({ emails: '', ircNicks: '', forgeNames: '', name: '' });

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** `network:nick` and `service:user` lines; anything else is passed on for the schema to refuse. */
function identifiersFromForm(body: z.output<typeof identifiersBody>): Identifier[] {
  const qualified = (line: string): [string, string] => {
    const at = line.indexOf(':');
    return at < 0 ? ['', line] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  };
  return [
    ...lines(body.emails).map((value) => ({ kind: 'email' as const, value })),
    ...lines(body.ircNicks).map((line) => {
      const [network, value] = qualified(line);
      return { kind: 'irc' as const, network, value };
    }),
    ...lines(body.forgeNames).map((line) => {
      const [service, value] = qualified(line);
      return { kind: 'forge' as const, service, value };
    }),
    ...(body.name.trim() === '' ? [] : [{ kind: 'name' as const, value: body.name.trim() }]),
  ];
}

/**
 * Access beside the procedure: legal counsel's grant and the accused's link on a case (staff;
 * the services ask the domain who may), and the identifiers of staff members (administrators).
 */
export function registerAccessRoutes(
  app: FastifyInstance,
  deps: { services: ServiceDeps; site: Site; publicUrl: string },
): void {
  const { services, site } = deps;
  const staffRoute = { config: { audience: 'staff' as const } };
  const adminRoute = { config: { audience: 'administrator' as const } };

  app.get('/console/cases/:id/access', staffRoute, async (request, reply) => {
    const { actor, user } = staffActorOf(request);
    const { id } = caseParams.parse(request.params);
    const overview = await caseAccessOverview(services, id, actor);
    const body = renderCaseAccessPage({
      site,
      viewer: { user, csrfToken: reply.generateCsrf() },
      caseId: id,
      csrfToken: reply.generateCsrf(),
      ...overview,
    });
    return reply.type('text/html; charset=utf-8').send(body);
  });

  const grant = (path: string, granted: boolean) =>
    app.post(path, staffRoute, async (request, reply) => {
      const { actor } = staffActorOf(request);
      const { id } = caseParams.parse(request.params);
      const { counselId } = counselBody.parse(request.body);
      await setCounselGrant(services, id, counselId, granted, actor);
      return reply.code(303).redirect(`/console/cases/${id}/access`);
    });
  grant('/console/cases/:id/counsel', true);
  grant('/console/cases/:id/counsel/remove', false);

  app.post('/console/cases/:id/accused-link', staffRoute, async (request, reply) => {
    const { actor, user } = staffActorOf(request);
    const { id } = caseParams.parse(request.params);
    const link = await issueAccusedLink(services, id, actor);
    const body = renderAccusedLinkPage({
      site,
      viewer: { user, csrfToken: reply.generateCsrf() },
      caseId: id,
      url: new URL(`/respond/${link.token}`, deps.publicUrl).toString(),
      expiresAt: link.expiresAt,
    });
    // The link is a secret shown once: never kept by a cache, never sent on as a referrer.
    return reply
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(body);
  });

  const identifiersPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    message: { notice?: string; error?: string } = {},
  ) => {
    const { actor, user } = staffActorOf(request);
    const { id } = caseParams.parse(request.params);
    const person = (await listStaff(services, actor)).find((candidate) => candidate.id === id);
    if (person === undefined) throw notFound();
    const body = renderStaffIdentifiersPage({
      site,
      viewer: { user, csrfToken: reply.generateCsrf() },
      person,
      counts: await staffIdentifierCounts(services, id),
      notice: message.notice ?? null,
      error: message.error ?? null,
    });
    return reply.code(status).type('text/html; charset=utf-8').send(body);
  };

  app.get('/console/users/:id/identifiers', adminRoute, (request, reply) =>
    identifiersPage(request, reply, 200),
  );

  app.post('/console/users/:id/identifiers', adminRoute, async (request, reply) => {
    const { actor } = staffActorOf(request);
    const { id } = caseParams.parse(request.params);
    const identifiers = identifiersFromForm(identifiersBody.parse(request.body));
    try {
      const result = await setStaffIdentifiers(services, id, identifiers, actor);
      const text = messages.access.staffIdentifiers;
      return await identifiersPage(request, reply, 200, {
        notice: text.saved(result.stored, result.casesProtected),
      });
    } catch (error) {
      if (error instanceof OmbudsError && error.code === 'invalid_input') {
        return identifiersPage(request, reply, 400, { error: error.publicMessage });
      }
      throw error;
    }
  });
}
