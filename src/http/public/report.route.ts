import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OmbudsError } from '../../domain/errors.js';
import { reportSubmissionSchema, submissionIdPattern } from '../../domain/report-form.js';
import {
  checkAttachments,
  maxAttachmentBytes,
  maxAttachmentsPerSubmission,
} from '../../services/attachments.js';
import type { ServiceDeps } from '../../services/deps.js';
import { submitReport } from '../../services/submit-report.js';
import { messages, type Site } from '../../views/messages.js';
import { renderReceiptPage } from '../../views/receipt.page.js';
import type { FieldErrors, TypedValues } from '../../views/report-fields.js';
import { reportFields as f } from '../../views/report-form-names.js';
import { renderReportPage } from '../../views/report.page.js';
import { csrfTokenValid, readForm, registerMultipart, type FileProblem } from './multipart-form.js';
import { createLimiter, reportLimits } from './public-rate-limits.js';
import { fieldErrorsOf, submissionFromForm } from './report-submission.js';

export interface ReportRouteDeps {
  readonly services: ServiceDeps;
  readonly site: Site;
  /** OMBUDS_REPORTS_PER_HOUR: reports one client may send an hour (50 times that in all). */
  readonly reportsPerHour?: number;
}

const megabytes = Math.round(maxAttachmentBytes / (1024 * 1024));
const limits = { maxFiles: maxAttachmentsPerSubmission, maxFileMegabytes: megabytes };
/** Errors of the intake service that bring the reporter's form back rather than an error page. */
const formAgainFor = new Set<string>(['invalid_input', 'too_large', 'unavailable']);

/** A fresh idempotency token for a new form: 256 random bits. */
function newSubmissionId(): string {
  return randomBytes(32).toString('base64url');
}

function html(reply: FastifyReply, status: number, page: string): FastifyReply {
  // no-store: the form may come back holding what the reporter typed; the receipt holds the code.
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(page);
}

function fileMessage(problem: Exclude<FileProblem, null>): string {
  const text = messages.reporting.form;
  return problem === 'too_many_files'
    ? text.tooManyFiles(maxAttachmentsPerSubmission)
    : text.fileTooLarge(megabytes);
}

/**
 * The public report form. GET shows it with a fresh submission id; POST validates, stores through
 * submitReport, and answers with the receipt page only after the report's transaction committed.
 * A refused form (400), or one whose CSRF token expired (403), comes back with everything typed.
 */
export async function registerReportRoutes(
  app: FastifyInstance,
  deps: ReportRouteDeps,
): Promise<void> {
  const { site, services } = deps;
  await registerMultipart(app);
  const limiter = await createLimiter(app, 'report', reportLimits(deps.reportsPerHour));

  const formPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    page: { values: TypedValues; errors: FieldErrors; general: readonly string[] },
  ) => {
    const typedId = page.values[f.submissionId]?.[0] ?? '';
    // The same id comes back, so that sending the corrected form after a lost answer is one report.
    const submissionId = submissionIdPattern.test(typedId) ? typedId : newSubmissionId();
    return html(
      reply,
      status,
      renderReportPage({
        site,
        csrfToken: reply.generateCsrf(),
        submissionId,
        limits,
        ...page,
      }),
    );
  };

  app.get('/report', { config: { audience: 'public' } }, (request, reply) =>
    formPage(request, reply, 200, { values: {}, errors: {}, general: [] }),
  );

  app.post(
    '/report',
    {
      // The global CSRF hook would answer a bad token with a bare 403 page and the reporter's
      // text would be lost. This route checks the same token itself (csrfTokenValid) after
      // reading the body, and shows the form again with the text when it fails.
      config: { audience: 'public', csrf: false },
    },
    async (request, reply) => {
      const text = messages.reporting.form;
      const form = await readForm(request);
      if (!csrfTokenValid(app, request, form.values)) {
        return formPage(request, reply, 403, {
          values: form.values,
          errors: {},
          general: [text.csrfExpired],
        });
      }
      // Counted after reading, so that a reporter slowed by the limit keeps what they typed.
      const allowed = await limiter(request);
      if (!allowed.allowed) {
        reply.header('retry-after', String(allowed.retryAfterSeconds));
        return formPage(request, reply, 429, {
          values: form.values,
          errors: {},
          general: [messages.errors.rateLimited, text.filesAgain],
        });
      }
      const { input, sources } = submissionFromForm(form.values);
      const parsed = reportSubmissionSchema.safeParse(input);
      const found = parsed.success
        ? { errors: {}, general: [] }
        : fieldErrorsOf(parsed.error, sources);
      const errors: Record<string, string> = { ...found.errors };
      if (form.fileProblem !== null) errors[f.attachments] = fileMessage(form.fileProblem);
      else {
        try {
          checkAttachments(form.files);
        } catch (error) {
          if (!(error instanceof OmbudsError)) throw error;
          errors[f.attachments] = error.publicMessage;
        }
      }
      const general = [...found.general];
      if (!parsed.success || Object.keys(errors).length > 0) {
        if (form.files.length > 0 || form.fileProblem !== null) general.push(text.filesAgain);
        return formPage(request, reply, 400, { values: form.values, errors, general });
      }

      try {
        const stored = await submitReport(services, parsed.data, form.files);
        return html(
          reply,
          200,
          renderReceiptPage({
            site,
            receiptCode: stored.receiptCode,
            immediateDanger: stored.immediateDanger,
          }),
        );
      } catch (error) {
        // Refusals the service words for people (the per-case file total, say), and a report
        // that could not be stored now (the same submission id makes a resend one report): the
        // form again, with everything typed.
        if (!(error instanceof OmbudsError) || !formAgainFor.has(error.code)) throw error;
        const status = error.code === 'unavailable' ? 503 : 400;
        request.log[status === 503 ? 'warn' : 'info'](
          { reason: error.message },
          'report not stored by the intake service',
        );
        return formPage(request, reply, status, {
          values: form.values,
          errors: {},
          general: [error.publicMessage, text.filesAgain],
        });
      }
    },
  );
}
