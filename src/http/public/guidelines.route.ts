import type { FastifyInstance } from 'fastify';
import { renderGuidelinesPage } from '../../views/guidelines.page.js';
import type { Site } from '../../views/messages.js';

/** The public reporting guidelines; rendered once, as they depend only on configuration. */
export function registerGuidelinesRoutes(
  app: FastifyInstance,
  deps: { readonly site: Site },
): void {
  const page = renderGuidelinesPage(deps.site);
  app.get('/guidelines', { config: { audience: 'public' } }, (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(page),
  );
}
