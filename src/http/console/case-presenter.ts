import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActionKind } from '../../domain/case-commands.js';
import { OmbudsError } from '../../domain/errors.js';
import { ruleReasons } from '../../domain/procedure-rules.js';
import { validateSanctions, type Sanction } from '../../domain/sanctions.js';
import { checkComplainantMessage } from '../../domain/wording-check.js';
import type { ServiceDeps } from '../../services/deps.js';
import { staffDirectory } from '../../services/staff-directory.js';
import type { StepInput } from '../../services/record-case-step.js';
import { viewCase } from '../../services/view-case.js';
import { renderCasePage, type CaseRefusal } from '../../views/console/case.page.js';
import type { FormValues } from '../../views/console/form-fields.js';
import { messages, type Site } from '../../views/messages.js';
import { prefersJson } from '../negotiate.js';
import { staffActorOf } from './session.js';

/** What the case routes share: services, the site, and the page renderer below. */
export interface CaseRouteDeps {
  readonly services: ServiceDeps;
  readonly site: Site;
}

/** The address of a case page, optionally with the notice of what was just recorded. */
export function casePath(caseId: string, done?: string): string {
  return `/console/cases/${caseId}${done === undefined ? '' : `?done=${done}`}`;
}

/**
 * Renders the case page for the signed-in actor (which writes `case.viewed`), with a refusal
 * beside the form it concerns when there is one.
 */
export async function sendCasePage(
  deps: CaseRouteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  caseId: string,
  options: { status?: number; refusal?: CaseRefusal | null; notice?: string | null } = {},
): Promise<FastifyReply> {
  const { actor, user } = staffActorOf(request);
  const [view, directory] = await Promise.all([
    viewCase(deps.services, caseId, actor),
    staffDirectory(deps.services),
  ]);
  const body = renderCasePage({
    site: deps.site,
    viewer: { user, csrfToken: reply.generateCsrf() },
    view,
    names: directory.names,
    staff: directory.caseStaff,
    refusal: options.refusal ?? null,
    notice: options.notice ?? null,
  });
  return reply
    .code(options.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(body);
}

/** What the domain's checks found in the submitted content, to show beside the fields. */
function refusalDetails(rule: string, input: StepInput | null): string[] {
  if (input === null) return [];
  if (rule === 'coercive_wording' && 'message' in input && typeof input.message === 'string') {
    const flagged = 'makeItRightFlagged' in input && input.makeItRightFlagged === true;
    const result = checkComplainantMessage(input.message, { makeItRightFlagged: flagged });
    return result.ok ? [] : result.findings.map((f) => `"${f.phrase}": ${f.reason}`);
  }
  if (input.kind === 'impose_sanctions' && Array.isArray(input.sanctions)) {
    return validateSanctions(input.sanctions as Sanction[]).map((problem) =>
      problem.index === undefined
        ? problem.reason
        : `${messages.cases.sanctions[(input.sanctions as Sanction[])[problem.index]?.kind ?? 'warning']}: ${problem.reason}`,
    );
  }
  return [];
}

/**
 * Answers a refused step: JSON clients get the error answer (409 with the rule), browsers the case
 * page again with the rule in words beside the form and what they typed. Any other error is thrown
 * on to the one error handler.
 */
export async function answerRefusal(
  deps: CaseRouteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  caseId: string,
  error: unknown,
  attempt: { kind: ActionKind | 'handling'; values: FormValues; input: StepInput | null },
): Promise<FastifyReply> {
  if (!(error instanceof OmbudsError) || error.code !== 'rule_violation') throw error;
  if (prefersJson(request.headers.accept, request.url.split('?')[0] ?? '')) throw error;
  const rule = error.rule ?? '';
  const known = rule in ruleReasons ? ruleReasons[rule as keyof typeof ruleReasons] : null;
  // The domain may complete a rule's words (redaction names the kinds of item it found): show
  // its whole text then, and otherwise the rule's own words.
  const reason =
    known === null || error.publicMessage.startsWith(known) ? error.publicMessage : known;
  return sendCasePage(deps, request, reply, caseId, {
    status: 409,
    refusal: {
      kind: attempt.kind,
      reason,
      details: refusalDetails(rule, attempt.input),
      values: attempt.values,
    },
  });
}
