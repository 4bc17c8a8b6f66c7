import { replay } from '../domain/case-state.js';
import { ruleViolation } from '../domain/errors.js';
import { decideMerge } from '../domain/case-merge.js';
import type { Actor } from '../domain/roles.js';
import { inTransaction } from '../store/audit-log.js';
import { lockCase, updateCaseProjection } from '../store/case.repository.js';
import { caseProjection } from './case-timeline.js';
import { openCaseForStaff } from './console-case-access.js';
import type { ServiceDeps } from './deps.js';
import { writeEvents } from './record-case-step.js';

/**
 * Merges a related case into a surviving one: the domain decides, and both timelines, both
 * projections and the audit entries are written in one transaction. Throws not_found when either
 * case does not exist or the actor may not see it, rule_violation when the procedure forbids it.
 */
export async function mergeCases(
  deps: ServiceDeps,
  survivorId: string,
  absorbedId: string,
  actor: Actor,
): Promise<void> {
  await inTransaction(deps.database.db, async (trx) => {
    // Locked in a fixed order, so two opposite merges cannot wait on each other for ever.
    for (const id of [survivorId, absorbedId].sort()) {
      await lockCase(trx, deps.database.dialect, id);
    }
    const survivor = await openCaseForStaff(deps, trx, survivorId, actor);
    const absorbed =
      survivorId === absorbedId ? survivor : await openCaseForStaff(deps, trx, absorbedId, actor);
    const at = deps.now().toISOString();
    const decision = decideMerge(
      {
        at,
        survivor: { caseId: survivorId, state: survivor.state },
        absorbed: { caseId: absorbedId, state: absorbed.state },
      },
      actor,
    );
    if (!decision.ok) throw ruleViolation(decision.rejection);
    for (const [opened, events] of [
      [survivor, decision.survivorEvents],
      [absorbed, decision.absorbedEvents],
    ] as const) {
      const caseId = opened.row.id;
      await writeEvents(trx, opened.dataKey, caseId, opened.events.length + 1, events);
      const state = replay([...opened.events, ...events]);
      await updateCaseProjection(trx, caseId, at, caseProjection(state));
    }
  });
}
