import type { FastifyInstance } from 'fastify';
import { renderHomePage } from '../../views/home.page.js';
import type { Site } from '../../views/messages.js';
import { retryAfterSeconds } from '../errors.js';

export interface HomeRouteDeps {
  readonly site: Site;
  readonly checkDatabase: () => Promise<void>;
}

/** The public home page and the health check for load balancers and `ombuds serve` checks. */
export function registerHomeRoutes(app: FastifyInstance, deps: HomeRouteDeps): void {
  // The page depends only on configuration, so it is rendered once.
  const homePage = renderHomePage(deps.site);

  app.get('/', { config: { audience: 'public' } }, (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(homePage),
  );

  app.get('/healthz', { config: { audience: 'public' } }, async (request, reply) => {
    try {
      await deps.checkDatabase();
      return await reply.send({ status: 'ok' });
    } catch (error) {
      // The cause goes to the log only; the body says nothing about the database.
      request.log.warn({ err: error }, 'health check failed');
      return reply
        .code(503)
        .header('retry-after', String(retryAfterSeconds))
        .send({ status: 'unavailable' });
    }
  });
}
