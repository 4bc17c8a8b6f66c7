import type { Transaction } from 'kysely';
import { protectionsFor } from '../domain/case-access.js';
import { replay } from '../domain/case-state.js';
import { decide } from '../domain/procedure.js';
import { automaticProtection } from '../domain/roles.js';
import { lockCase, selectCaseEvents, updateCaseProjection } from '../store/case.repository.js';
import { insertCaseStaffAccess } from '../store/case-staff-access.repository.js';
import type { DB } from '../store/schema.js';
import { staffPartiesOf } from './case-access.service.js';
import { caseDataKey, caseProjection, openCaseEvents } from './case-timeline.js';
import type { ServiceDeps } from './deps.js';
import { writeEvents } from './record-case-step.js';

/**
 * Records on a case's timeline the protections the blind index calls for: the routing of a case
 * whose accused is staff, and the recusal of every staff member matched to a party
 * (`route_case`, `recuse_staff_party`, by `automaticProtection`). It runs inside the transaction
 * that adds the identifiers (a new report) or the staff identifiers, so it commits with them.
 *
 * It cannot be forgotten in a way that matters: the access gate (case-access.service.ts) treats a
 * match as recusal and routing whether or not it was recorded, so a flow that adds identifiers
 * and skips this only leaves the timeline without the entry, never the case open to the person.
 * For the same reason a protection the procedure refuses is skipped rather than failing the
 * report it comes with: an acknowledged report is never lost. Returns how many were recorded.
 */
export async function recordStaffPartyProtections(
  deps: ServiceDeps,
  trx: Transaction<DB>,
  caseId: string,
): Promise<number> {
  // Almost every report names no staff: one query answers that, before the case is locked.
  const parties = await staffPartiesOf(trx, caseId);
  if (parties.length === 0) return 0;
  const row = await lockCase(trx, deps.database.dialect, caseId);
  if (row === undefined) return 0;
  const at = deps.now().toISOString();
  // The queue leaves the case out for every matched staff member, even where the procedure no
  // longer records the recusal (a closed case): the match alone recuses them at the gate.
  await insertCaseStaffAccess(
    trx,
    caseId,
    parties.map((party) => ({ staffId: party.staff.id, kind: 'recused' as const })),
    at,
  );
  const dataKey = caseDataKey(deps.keys, row);
  const timeline = openCaseEvents(dataKey, caseId, await selectCaseEvents(trx, caseId));
  let state = replay(timeline);
  const recorded = [];
  for (const command of protectionsFor(state, parties)) {
    const decision = decide(state, { ...command, at }, automaticProtection);
    if (!decision.ok) continue;
    recorded.push(...decision.events);
    state = replay([...timeline, ...recorded]);
  }
  if (recorded.length === 0) return 0;
  await writeEvents(trx, dataKey, caseId, timeline.length + 1, recorded);
  await updateCaseProjection(trx, caseId, at, caseProjection(state));
  return recorded.length;
}
