import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OmbudsError } from '../../domain/errors.js';
import {
  checkAttachments,
  maxAttachmentBytes,
  maxAttachmentsPerSubmission,
} from '../../services/attachments.js';
import type { ServiceDeps } from '../../services/deps.js';
import {
  addInformation,
  endFollowUp,
  followUpCase,
  openFollowUp,
} from '../../services/follow-up.js';
import {
  additionFields,
  renderFollowUpCasePage,
  type FollowUpCasePageProps,
} from '../../views/follow-up-case.page.js';
import {
  renderFollowUpPage,
  type FollowUpNotice,
  type FollowUpProblem,
} from '../../views/follow-up.page.js';
import { messages, type Site } from '../../views/messages.js';
import { csrfTokenValid, readForm, registerMultipart } from './multipart-form.js';
import { createLimiter, followUpAttemptLimits, type LimitPair } from './public-rate-limits.js';

export interface FollowUpRouteDeps {
  readonly services: ServiceDeps;
  readonly site: Site;
  /** OMBUDS_PUBLIC_URL: https there makes the cookie Secure. */
  readonly publicUrl: string;
  /** Receipt-code attempts allowed; tests tighten them. */
  readonly limits?: LimitPair;
}

/** The cookie of a follow-up session: a random id only, sent back only under /follow-up. */
export const followUpCookie = 'ombuds_follow_up';
const cookiePath = '/follow-up';
const casePath = '/follow-up/case';

const codeBody = z.object({ code: z.string().max(200).catch('') }).catch({ code: '' });
const noticeQuery = z
  .object({ notice: z.enum(['ended', 'left']).optional().catch(undefined) })
  .catch({});
const caseQuery = z.object({ added: z.string().optional().catch(undefined) }).catch({});

const megabytes = Math.round(maxAttachmentBytes / (1024 * 1024));
const limits = { maxFiles: maxAttachmentsPerSubmission, maxFileMegabytes: megabytes };

/** The public message of an OmbudsError the check throws, or null when it passes. */
function refusalOf(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof OmbudsError) return error.publicMessage;
    throw error;
  }
}

function html(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(page);
}

/**
 * The reporter's way back: /follow-up takes a receipt code (rate-limited in memory, per client and
 * in all) and opens a session whose random id lives in an httpOnly, SameSite=Strict cookie; the
 * case page shows the status and conversation and takes additions; "leave" ends the session.
 * Every wrong code gets the same page, status and shape, whether or not it resembles a real one.
 */
export async function registerFollowUpRoutes(
  app: FastifyInstance,
  deps: FollowUpRouteDeps,
): Promise<void> {
  const { services, site } = deps;
  const secure = deps.publicUrl.startsWith('https:');
  await registerMultipart(app);
  const limiter = await createLimiter(app, 'follow-up', deps.limits ?? followUpAttemptLimits);

  const codePage = (
    reply: FastifyReply,
    status: number,
    problem: FollowUpProblem,
    notice: FollowUpNotice,
  ) =>
    html(
      reply,
      status,
      renderFollowUpPage({ site, csrfToken: reply.generateCsrf(), problem, notice }),
    );

  const sessionOf = (request: FastifyRequest) => request.cookies[followUpCookie] ?? '';
  const endedSession = (reply: FastifyReply) =>
    reply
      .clearCookie(followUpCookie, { path: cookiePath })
      .redirect('/follow-up?notice=ended', 303);

  const casePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    page: Pick<FollowUpCasePageProps, 'added' | 'values' | 'errors' | 'general'>,
  ) => {
    const view = await followUpCase(services, sessionOf(request));
    if (view === null) return endedSession(reply);
    return html(
      reply,
      status,
      renderFollowUpCasePage({ site, csrfToken: reply.generateCsrf(), view, limits, ...page }),
    );
  };

  app.get('/follow-up', { config: { audience: 'public' } }, (request, reply) =>
    codePage(reply, 200, null, noticeQuery.parse(request.query).notice ?? null),
  );

  app.post('/follow-up', { config: { audience: 'public' } }, async (request, reply) => {
    // Counted before the slow hash, so a flood of guesses costs the server no argon2 runs.
    const allowed = await limiter(request);
    if (!allowed.allowed) {
      reply.header('retry-after', String(allowed.retryAfterSeconds));
      return codePage(reply, 429, 'rate_limited', null);
    }
    const { code } = codeBody.parse(request.body);
    const opened = await openFollowUp(services, code);
    if (opened === null) return codePage(reply, 400, 'not_found', null);
    return reply
      .setCookie(followUpCookie, opened.sessionId, {
        path: cookiePath,
        httpOnly: true,
        sameSite: 'strict',
        secure,
      })
      .redirect(casePath, 303);
  });

  app.get(casePath, { config: { audience: 'reporter' } }, (request, reply) =>
    casePage(request, reply, 200, {
      added: caseQuery.parse(request.query).added !== undefined,
      values: {},
      errors: {},
      general: [],
    }),
  );

  app.post(
    casePath,
    {
      // As on /report: the route checks the CSRF token itself after reading the multipart body,
      // so that an expired form comes back with the reporter's text instead of a bare 403.
      config: { audience: 'reporter', csrf: false },
    },
    async (request, reply) => {
      const text = messages.reporting.followUpCase;
      const formText = messages.reporting.form;
      const form = await readForm(request);
      const values = form.values;
      if (!csrfTokenValid(app, request, values)) {
        return casePage(request, reply, 403, {
          added: false,
          values,
          errors: {},
          general: [text.csrfExpired],
        });
      }
      const typed = values[additionFields.text]?.[0] ?? '';
      const errors: Record<string, string> = {};
      if (form.fileProblem === 'too_many_files') {
        errors[additionFields.files] = formText.tooManyFiles(maxAttachmentsPerSubmission);
      } else if (form.fileProblem === 'file_too_large') {
        errors[additionFields.files] = formText.fileTooLarge(megabytes);
      } else if (typed.trim() === '' && form.files.length === 0) {
        errors[additionFields.text] = text.nothingToAdd;
      }
      if (Object.keys(errors).length === 0) {
        const fileProblem = refusalOf(() => checkAttachments(form.files));
        if (fileProblem !== null) errors[additionFields.files] = fileProblem;
      }
      if (Object.keys(errors).length === 0) {
        try {
          await addInformation(services, sessionOf(request), typed, form.files);
          return await reply.redirect(`${casePath}?added=1`, 303);
        } catch (error) {
          if (!(error instanceof OmbudsError)) throw error;
          if (error.code === 'unauthenticated') return endedSession(reply);
          if (!['invalid_input', 'too_large', 'rule_violation'].includes(error.code)) throw error;
          request.log.info({ reason: error.message }, 'addition refused');
          // The files were checked above: what is left is about the text or the case's total.
          const field = error.code === 'too_large' ? additionFields.files : additionFields.text;
          errors[field] = error.publicMessage;
        }
      }
      return casePage(request, reply, 400, {
        added: false,
        values,
        errors,
        general: form.files.length > 0 ? [formText.filesAgain] : [],
      });
    },
  );

  app.post('/follow-up/leave', { config: { audience: 'reporter' } }, async (request, reply) => {
    await endFollowUp(services, sessionOf(request));
    return reply
      .clearCookie(followUpCookie, { path: cookiePath })
      .redirect('/follow-up?notice=left', 303);
  });
}
