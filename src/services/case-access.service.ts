import type { Kysely, Transaction } from 'kysely';
import {
  isCounselOnly,
  mayOpenCase,
  stateForAccess,
  type CaseAccessContext,
  type StaffParty,
} from '../domain/case-access.js';
import { assignmentRefusal, handlingRuleReasons } from '../domain/case-handling.js';
import type { CaseEvent } from '../domain/case-events.js';
import { replay, type CaseState } from '../domain/case-state.js';
import { notFound, ruleViolation } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { parseStoredRoles, staffActor } from '../domain/staff-accounts.js';
import { findCounselGrant, selectStaffParties } from '../store/access.repository.js';
import { findCase, selectCaseEvents } from '../store/case.repository.js';
import type { CaseRow, DB } from '../store/schema.js';
import { caseDataKey, openCaseEvents } from './case-timeline.js';
import type { ServiceDeps } from './deps.js';

/**
 * The one gate in front of case content. Every staff route reaches a case through it (the
 * console's services call it, and recordCaseStep calls it for every person), so per-case access
 * is decided in one place, by the domain (`mayOpenCase`), from the timeline plus what the timeline
 * may not hold yet: staff members matched to a party through the blind index (recused at once,
 * even before `staff_party_recused` is recorded) and legal counsel's one grant.
 */

type Executor = Kysely<DB> | Transaction<DB>;

/** A case opened for an actor who may see it. */
export interface OpenedCase {
  readonly row: CaseRow;
  readonly dataKey: Buffer;
  readonly events: readonly CaseEvent[];
  /** The case as its timeline makes it. */
  readonly state: CaseState;
  /** The case as access judges it: `state` with the protections the blind index calls for. */
  readonly accessState: CaseState;
}

/** The staff members matched to the case's parties, as the domain reads them. */
export async function staffPartiesOf(db: Executor, caseId: string): Promise<StaffParty[]> {
  const rows = await selectStaffParties(db, caseId);
  return rows.flatMap((row) => {
    const role = row.party_role;
    if (role !== 'accused' && role !== 'complainant' && role !== 'others_involved') return [];
    return [
      {
        staff: staffActor({ id: row.staff_id, roles: parseStoredRoles(row.roles) }),
        partyRole: role,
      },
    ];
  });
}

/** What decides the actor's access to the case beside its timeline. */
export async function caseAccessContext(
  db: Executor,
  caseId: string,
  actor: Actor,
): Promise<CaseAccessContext> {
  const [staffParties, counselGrantCaseId] = await Promise.all([
    staffPartiesOf(db, caseId),
    isCounselOnly(actor) ? findCounselGrant(db, actor.id) : Promise.resolve(null),
  ]);
  return { staffParties, counselGrantCaseId };
}

/**
 * Opens a case for a staff actor who may `view` its content or `act` on it (both need the case to
 * be theirs to open; what they may then record is `decide`'s answer on `accessState`). Throws
 * not_found, the same answer, when the case does not exist and when the actor may not open it:
 * nobody can probe which cases exist. Writes nothing: a view of content is audited by the service
 * that shows it (`case.viewed`), in its own transaction `db`.
 */
export async function assertCaseAccess(
  deps: ServiceDeps,
  caseId: string,
  actor: Actor,
  purpose: 'view' | 'act',
  db: Executor = deps.database.db,
): Promise<OpenedCase> {
  const row = await findCase(db, caseId);
  if (row === undefined) throw notFound();
  const context = await caseAccessContext(db, caseId, actor);
  const dataKey = caseDataKey(deps.keys, row);
  const events = openCaseEvents(dataKey, caseId, await selectCaseEvents(db, caseId));
  const state = replay(events);
  // Viewing and acting open a case alike today; what may be recorded is decide()'s answer. The
  // purpose stays explicit at every call so that a rule telling them apart goes in the domain.
  void purpose;
  if (!mayOpenCase(state, caseId, actor, context)) throw notFound();
  return { row, dataKey, events, state, accessState: stateForAccess(state, context.staffParties) };
}

/**
 * Refuses assigning `assignee` to a case they may not act on: recused (declared, recorded, or
 * matched through the blind index), excluded by the routing, or without a role that records steps.
 * `opened` comes from assertCaseAccess for the person assigning. Throws rule_violation.
 */
export async function assertAssignable(
  db: Executor,
  opened: Pick<OpenedCase, 'row' | 'state'>,
  actor: Actor,
  assignee: Actor,
): Promise<void> {
  const parties = await staffPartiesOf(db, opened.row.id);
  const rule = assignmentRefusal(stateForAccess(opened.state, parties), actor, assignee);
  if (rule !== null) {
    throw ruleViolation({ rule, reason: handlingRuleReasons[rule] });
  }
}
