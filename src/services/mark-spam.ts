import type { Actor } from '../domain/roles.js';
import type { ServiceDeps } from './deps.js';
import { recordCaseStep } from './record-case-step.js';
import type { RecordedStep } from './record-case-step.js';

/**
 * Marks a report as spam: the case is kept (and audited like every step) but leaves the queues,
 * its step becoming `spam`, and accepts nothing more. Only conduct staff may, and only before the
 * initial report is recorded. Throws not_found for an unknown case, rule_violation otherwise.
 */
export function markReportAsSpam(
  deps: ServiceDeps,
  caseId: string,
  note: string,
  actor: Actor,
): Promise<RecordedStep> {
  return recordCaseStep(deps, caseId, { kind: 'mark_as_spam', note }, actor);
}
