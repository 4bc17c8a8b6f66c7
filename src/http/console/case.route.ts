import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../domain/errors.js';
import type { Participant } from '../../domain/case-commands.js';
import { updateVenueKindAlongside } from '../../services/case-handling.js';
import { mergeCases } from '../../services/merge-cases.js';
import { previewAccusedNotice } from '../../services/preview-accused-notice.js';
import { recordCaseStep } from '../../services/record-case-step.js';
import { staffDirectory } from '../../services/staff-directory.js';
import { renderAccusedPreviewPage } from '../../views/console/accused-preview.page.js';
import { messages } from '../../views/messages.js';
import { answerRefusal, casePath, sendCasePage, type CaseRouteDeps } from './case-presenter.js';
import { staffActorOf } from './session.js';
import {
  echoValues,
  formBodySchema,
  instantFromField,
  stepInputFromForm,
  stepKindSchema,
} from './step-form.js';

const caseParams = z.object({ id: z.string().min(1).max(100) });
const stepParams = z.object({ id: z.string().min(1).max(100), kind: z.string().max(100) });
const doneQuery = z.object({ done: z.string().max(100).optional().catch(undefined) }).catch({});
const previewQuery = z
  .object({
    responseDeadline: z.string().max(100).catch(''),
    message: z.string().max(20_000).catch(''),
  })
  .catch({ responseDeadline: '', message: '' });

/**
 * One case in the console: its page, the one route that records every step of the procedure,
 * the merge of a related case, and the preview of the notice to the accused.
 */
export function registerCaseRoutes(app: FastifyInstance, deps: CaseRouteDeps): void {
  const { services } = deps;
  const staffRoute = { config: { audience: 'staff' as const } };

  app.get('/console/cases/:id', staffRoute, async (request, reply) => {
    const { id } = caseParams.parse(request.params);
    const { done } = doneQuery.parse(request.query);
    const notice = done === undefined ? null : messages.cases.casePage.recorded;
    return sendCasePage(deps, request, reply, id, { notice });
  });

  app.post('/console/cases/:id/steps/:kind', staffRoute, async (request, reply) => {
    const { actor } = staffActorOf(request);
    const params = stepParams.parse(request.params);
    const kind = stepKindSchema.safeParse(params.kind);
    if (!kind.success) throw notFound();
    const body = formBodySchema.parse(request.body);
    const directory = await staffDirectory(services);
    const participant = (staffId: string): Participant | undefined => {
      const user = directory.caseStaff.find((candidate) => candidate.id === staffId);
      return user === undefined ? undefined : { id: user.id, roles: [...user.roles] };
    };
    const input = stepInputFromForm(kind.data, body, { participant });
    // The kind of venue is a queue column beside the initial report, written in its transaction.
    const venueKind = kind.data === 'record_initial_report' ? body.venueKind : undefined;
    try {
      await recordCaseStep(
        services,
        params.id,
        input,
        actor,
        typeof venueKind === 'string' && venueKind !== ''
          ? updateVenueKindAlongside(params.id, venueKind)
          : undefined,
      );
    } catch (error) {
      return answerRefusal(deps, request, reply, params.id, error, {
        kind: kind.data,
        values: echoValues(body),
        input: input,
      });
    }
    return reply.code(303).redirect(casePath(params.id, kind.data));
  });

  app.post('/console/cases/:id/merge', staffRoute, async (request, reply) => {
    const { actor } = staffActorOf(request);
    const { id } = caseParams.parse(request.params);
    const body = formBodySchema.parse(request.body);
    const absorbed = typeof body.absorbedCaseId === 'string' ? body.absorbedCaseId.trim() : '';
    try {
      await mergeCases(services, id, absorbed, actor);
    } catch (error) {
      return answerRefusal(deps, request, reply, id, error, {
        kind: 'merge',
        values: echoValues(body),
        input: null,
      });
    }
    return reply.code(303).redirect(casePath(id, 'merge'));
  });

  app.get('/console/cases/:id/accused-notice', staffRoute, async (request, reply) => {
    const { actor, user } = staffActorOf(request);
    const { id } = caseParams.parse(request.params);
    const query = previewQuery.parse(request.query);
    const draft = {
      responseDeadline: instantFromField(query.responseDeadline),
      message: query.message,
    };
    try {
      const notice = await previewAccusedNotice(services, id, draft, actor);
      const body = renderAccusedPreviewPage({
        site: deps.site,
        viewer: { user, csrfToken: reply.generateCsrf() },
        caseId: id,
        notice,
      });
      return await reply.type('text/html; charset=utf-8').send(body);
    } catch (error) {
      return answerRefusal(deps, request, reply, id, error, {
        kind: 'notify_accused',
        values: { responseDeadline: query.responseDeadline, message: query.message },
        input: null,
      });
    }
  });
}
