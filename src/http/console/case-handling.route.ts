import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { setHandler, setLabel, setVenueKind } from '../../services/case-handling.js';
import { answerRefusal, casePath, type CaseRouteDeps } from './case-presenter.js';
import { staffActorOf } from './session.js';
import { echoValues, formBodySchema } from './step-form.js';

const caseParams = z.object({ id: z.string().min(1).max(100) });
const field = (body: Record<string, unknown>, name: string) =>
  typeof body[name] === 'string' ? body[name] : '';

/** Handlers, labels and the kind of venue of a case: each a small audited form. */
export function registerCaseHandlingRoutes(app: FastifyInstance, deps: CaseRouteDeps): void {
  const { services } = deps;
  const staffRoute = { config: { audience: 'staff' as const } };

  const change = (
    path: string,
    work: (
      caseId: string,
      body: Record<string, unknown>,
      actor: ReturnType<typeof staffActorOf>['actor'],
    ) => Promise<unknown>,
  ) =>
    app.post(path, staffRoute, async (request, reply) => {
      const { actor } = staffActorOf(request);
      const { id } = caseParams.parse(request.params);
      const body = formBodySchema.parse(request.body);
      try {
        await work(id, body, actor);
      } catch (error) {
        return answerRefusal(deps, request, reply, id, error, {
          kind: 'handling',
          values: echoValues(body),
          input: null,
        });
      }
      return reply.code(303).redirect(casePath(id, 'handling'));
    });

  change('/console/cases/:id/handlers', (id, body, actor) =>
    setHandler(services, id, field(body, 'staffId'), true, actor),
  );
  change('/console/cases/:id/handlers/remove', (id, body, actor) =>
    setHandler(services, id, field(body, 'staffId'), false, actor),
  );
  change('/console/cases/:id/labels', (id, body, actor) =>
    setLabel(services, id, field(body, 'label'), true, actor),
  );
  change('/console/cases/:id/labels/remove', (id, body, actor) =>
    setLabel(services, id, field(body, 'label'), false, actor),
  );
  change('/console/cases/:id/venue', (id, body, actor) =>
    setVenueKind(services, id, field(body, 'venueKind'), actor),
  );
}
