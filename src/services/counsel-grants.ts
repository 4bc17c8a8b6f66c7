import { type OmbudsError, ruleViolation } from '../domain/errors.js';
import { counselGrantRefusal, counselGrantRuleReasons } from '../domain/counsel-grant.js';
import type { Actor } from '../domain/roles.js';
import { parseStoredRoles, staffActor, type StaffUser } from '../domain/staff-accounts.js';
import { isCounselOnly } from '../domain/case-access.js';
import {
  deleteCounselGrant,
  putCounselGrant,
  selectCounselOfCase,
} from '../store/access.repository.js';
import { appendAuditEntry, inTransaction } from '../store/audit-log.js';
import { findStaffRowById, listStaffUsers } from '../store/staff-user.repository.js';
import { assertCaseAccess, staffPartiesOf } from './case-access.service.js';
import type { ServiceDeps } from './deps.js';

/**
 * Legal counsel reads one case at a time, the one the Executive Director grants them. A new
 * grant replaces the counsel's earlier one; every view of the case by counsel is audited like
 * any other (`case.viewed`).
 */

function refused(rule: keyof typeof counselGrantRuleReasons): OmbudsError {
  return ruleViolation({ rule, reason: counselGrantRuleReasons[rule] });
}

/**
 * Grants `counselId` read access to the case (ending their grant for any other case), or with
 * `grant: false` ends it. Throws not_found for a case the actor may not open, rule_violation when
 * the actor may not grant or the person may not be granted.
 */
export async function setCounselGrant(
  deps: ServiceDeps,
  caseId: string,
  counselId: string,
  grant: boolean,
  actor: Actor,
): Promise<void> {
  await inTransaction(deps.database.db, async (trx) => {
    const opened = await assertCaseAccess(deps, caseId, actor, 'act', trx);
    const row = await findStaffRowById(trx, counselId);
    const at = deps.now().toISOString();
    if (!grant) {
      const rule = counselGrantRefusal(opened.accessState, actor, null);
      if (rule !== null) throw refused(rule);
      const ended = await deleteCounselGrant(trx, counselId, caseId);
      if (ended) {
        await appendAuditEntry(trx, {
          at,
          actor: actor.id,
          action: 'case.counsel_grant_ended',
          caseId,
          subjectIds: [counselId],
        });
      }
      return;
    }
    const counsel =
      row === undefined || row.disabled_at !== null || row.enrolled_at === null
        ? null
        : staffActor({ id: row.id, roles: parseStoredRoles(row.roles) });
    const parties = await staffPartiesOf(trx, caseId);
    const rule = counselGrantRefusal(opened.accessState, actor, counsel, parties);
    if (rule !== null) throw refused(rule);
    const previous = await putCounselGrant(trx, { staffId: counselId, caseId, by: actor.id, at });
    await appendAuditEntry(trx, {
      at,
      actor: actor.id,
      action: 'case.counsel_granted',
      caseId,
      subjectIds: [counselId],
      details: { replacedAnother: previous !== null && previous !== caseId },
    });
  });
}

/** What the case's access section shows: counsel accounts, who holds a grant, and names. */
export interface CaseAccessOverview {
  readonly counselAccounts: readonly StaffUser[];
  readonly grantedIds: readonly string[];
  readonly names: ReadonlyMap<string, string>;
}

/** Reads the access section of a case; throws not_found like assertCaseAccess. */
export async function caseAccessOverview(
  deps: ServiceDeps,
  caseId: string,
  actor: Actor,
): Promise<CaseAccessOverview> {
  await assertCaseAccess(deps, caseId, actor, 'view');
  const [users, grantedIds] = await Promise.all([
    listStaffUsers(deps.database.db),
    selectCounselOfCase(deps.database.db, caseId),
  ]);
  return {
    counselAccounts: users.filter(
      (user) =>
        user.disabledAt === null && user.enrolledAt !== null && isCounselOnly(staffActor(user)),
    ),
    grantedIds,
    names: new Map(users.map((user) => [user.id, user.displayName])),
  };
}
