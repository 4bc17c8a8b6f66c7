import type { FastifyInstance } from 'fastify';
import { listQueue, queueQuerySchema } from '../../services/case-queue.js';
import { staffDirectory } from '../../services/staff-directory.js';
import { renderQueuePage } from '../../views/console/queue.page.js';
import type { Site } from '../../views/messages.js';
import type { ServiceDeps } from '../../services/deps.js';
import { staffActorOf } from './session.js';

/** The console's start page: the queue of cases that need action, with its filters. */
export function registerQueueRoutes(
  app: FastifyInstance,
  deps: { readonly services: ServiceDeps; readonly site: Site },
): void {
  app.get('/console', { config: { audience: 'staff' } }, async (request, reply) => {
    const { actor, user } = staffActorOf(request);
    const query = queueQuerySchema.catch(queueQuerySchema.parse({})).parse(request.query);
    const [result, directory] = await Promise.all([
      listQueue(deps.services, actor, query),
      staffDirectory(deps.services),
    ]);
    const body = renderQueuePage({
      site: deps.site,
      viewer: { user, csrfToken: reply.generateCsrf() },
      request: query,
      result,
      names: directory.names,
      staff: directory.caseStaff,
    });
    return reply.type('text/html; charset=utf-8').send(body);
  });
}
