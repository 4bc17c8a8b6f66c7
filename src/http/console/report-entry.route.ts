import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OmbudsError, type ErrorCode } from '../../domain/errors.js';
import { submissionIdPattern } from '../../domain/report-form.js';
import type { ServiceDeps } from '../../services/deps.js';
import {
  submitStaffEnteredReport,
  type StaffEnteredReportInput,
} from '../../services/submit-report.js';
import {
  renderReportEntryPage,
  type ReportEntryPageProps,
} from '../../views/console/report-entry.page.js';
import { valueOf, valuesOf, type FormValues } from '../../views/console/form-fields.js';
import type { Site } from '../../views/messages.js';
import { staffActorOf } from './session.js';
import { echoValues, formBodySchema, type FormBody } from './step-form.js';

/** Errors of the intake service that bring the staff member's form back, and with what status. */
const formAgainStatus: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  rule_violation: 409,
  unavailable: 503,
};

/**
 * The submission id of a form that comes back (refused, or not stored in time), so that sending
 * it again after a lost answer makes one report; a new form gets a fresh one.
 */
function submissionIdOf(values: FormValues): string | undefined {
  const typed = valueOf(values, 'submissionId');
  return submissionIdPattern.test(typed) ? typed : undefined;
}

/**
 * The report as the intake service takes it. Only the shape is made here; the report schema in
 * the domain checks every value (and refuses contact details on an anonymous report).
 */
function reportFromForm(body: FormBody, writtenDownBy: string): StaffEnteredReportInput {
  const name = valueOf(body, 'accusedName').trim();
  const email = valueOf(body, 'accusedEmail').trim();
  return {
    submissionId: valueOf(body, 'submissionId'),
    medium: valueOf(body, 'medium'),
    writtenDownBy,
    relation: valueOf(body, 'relation'),
    accused:
      name === '' && email === ''
        ? []
        : [{ name, identifiers: email === '' ? [] : [{ kind: 'email', value: email }] }],
    contact: valueOf(body, 'contact').trim() === '' ? null : valueOf(body, 'contact'),
    behaviour: valueOf(body, 'behaviour'),
    approximateTime: valueOf(body, 'approximateTime'),
    circumstances: valueOf(body, 'circumstances'),
    venue: { kind: valueOf(body, 'venueKind'), detail: valueOf(body, 'venueDetail') },
    conductItems: valuesOf(body, 'conductItems'),
    othersInvolved: valueOf(body, 'othersInvolved'),
    anonymous: valueOf(body, 'anonymous') === 'yes',
    immediateDanger: valueOf(body, 'immediateDanger') === 'yes',
  } as unknown as StaffEnteredReportInput;
}

/** Staff enter a report taken by phone, e-mail or in person, and get the receipt code to pass on. */
export function registerReportEntryRoutes(
  app: FastifyInstance,
  deps: { readonly services: ServiceDeps; readonly site: Site },
): void {
  const page = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    props: Pick<ReportEntryPageProps, 'values' | 'error' | 'stored'>,
  ) => {
    const { user } = staffActorOf(request);
    const body = renderReportEntryPage({
      site: deps.site,
      viewer: { user, csrfToken: reply.generateCsrf() },
      submissionId: submissionIdOf(props.values) ?? randomBytes(18).toString('base64url'),
      ...props,
    });
    return reply.code(status).type('text/html; charset=utf-8').send(body);
  };

  app.get('/console/reports/new', { config: { audience: 'staff' } }, (request, reply) =>
    page(request, reply, 200, { values: {}, error: null, stored: null }),
  );

  app.post('/console/reports/new', { config: { audience: 'staff' } }, async (request, reply) => {
    const { actor } = staffActorOf(request);
    const body = formBodySchema.parse(request.body);
    try {
      const stored = await submitStaffEnteredReport(
        deps.services,
        reportFromForm(body, actor.id),
        actor,
      );
      return await page(request, reply, 201, {
        values: {},
        error: null,
        stored: { caseId: stored.caseId, receiptCode: stored.receiptCode },
      });
    } catch (error) {
      // A refusal, or a report the intake writer could not store now: the form again, with what
      // was typed and the same submission id, so that sending it again makes one report.
      const status = error instanceof OmbudsError ? formAgainStatus[error.code] : undefined;
      if (error instanceof OmbudsError && status !== undefined) {
        return page(request, reply, status, {
          values: echoValues(body),
          error: error.publicMessage,
          stored: null,
        });
      }
      throw error;
    }
  });
}
