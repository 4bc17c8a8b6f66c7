import type { Kysely, Transaction } from 'kysely';
import type { CaseEvent } from '../domain/case-events.js';
import type { CaseState } from '../domain/case-state.js';
import type { Actor } from '../domain/roles.js';
import type { CaseRow, DB } from '../store/schema.js';
import { assertCaseAccess } from './case-access.service.js';
import type { ServiceDeps } from './deps.js';

/**
 * The console's one way into a case: reads and opens the timeline, then asks the domain whether
 * the actor may see it. A case that does not exist and a case the actor may not see answer
 * alike (not found), so nobody can probe which cases exist.
 */
export interface OpenedCase {
  readonly row: CaseRow;
  readonly dataKey: Buffer;
  readonly events: readonly CaseEvent[];
  readonly state: CaseState;
}

/**
 * Opens a case for a staff actor through the one access gate (case-access.service.ts), with
 * `state` as access judges it (staff matched to a party through the blind index count as recused,
 * so they can neither act nor be assigned). Throws not_found when it does not exist or is not
 * theirs to see.
 */
export async function openCaseForStaff(
  deps: ServiceDeps,
  db: Kysely<DB> | Transaction<DB>,
  caseId: string,
  actor: Actor,
): Promise<OpenedCase> {
  const opened = await assertCaseAccess(deps, caseId, actor, 'view', db);
  return {
    row: opened.row,
    dataKey: opened.dataKey,
    events: opened.events,
    state: opened.accessState,
  };
}
