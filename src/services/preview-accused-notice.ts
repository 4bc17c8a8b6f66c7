import { accusedNoticeFields, type AccusedNoticeFields } from '../domain/accused-notice.js';
import { ruleViolation } from '../domain/errors.js';
import { decide } from '../domain/procedure.js';
import { reject } from '../domain/procedure-rules.js';
import type { Actor } from '../domain/roles.js';
import { appendAuditEntry, inTransaction } from '../store/audit-log.js';
import { openCaseForStaff } from './console-case-access.js';
import { complainantIdentityRefusal } from './complainant-identity.js';
import type { ServiceDeps } from './deps.js';

/**
 * Shows staff exactly what the accused will receive, before anything is sent: the domain decides
 * the notice as if it were recorded now (nothing is stored), and the notice is built from its
 * non-identifying fields only. Writes `case.viewed`. Throws not_found for a case the actor may not
 * see, rule_violation when the notice could not be sent now (with the rule in words).
 */
export async function previewAccusedNotice(
  deps: ServiceDeps,
  caseId: string,
  draft: { readonly responseDeadline: string; readonly message: string },
  actor: Actor,
): Promise<AccusedNoticeFields> {
  return inTransaction(deps.database.db, async (trx) => {
    const { state, dataKey } = await openCaseForStaff(deps, trx, caseId, actor);
    const at = deps.now().toISOString();
    await appendAuditEntry(trx, { at, actor: actor.id, action: 'case.viewed', caseId });
    const decision = decide(state, { kind: 'notify_accused', at, ...draft }, actor);
    if (!decision.ok) throw ruleViolation(decision.rejection);
    // The same redaction check as recording the notice, so the preview shows the same refusal.
    const redaction = await complainantIdentityRefusal(trx, dataKey, caseId, state, {
      kind: 'notify_accused',
      ...draft,
    });
    if (redaction !== null) throw ruleViolation(redaction);
    const fields = accusedNoticeFields(state, draft);
    // decide() accepted the notice, which needs the initial report, so fields exist.
    if (fields === null) throw ruleViolation(reject('initial_report_missing'));
    return fields;
  });
}
