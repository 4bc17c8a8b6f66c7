import { randomUUID } from 'node:crypto';
import type { CaseCommandInput } from '../domain/case-commands.js';
import type { CaseEvent } from '../domain/case-events.js';
import { initialState, replay } from '../domain/case-state.js';
import type { CaseState } from '../domain/case-state.js';
import { notFound, ruleViolation } from '../domain/errors.js';
import { decide } from '../domain/procedure.js';
import { isPerson } from '../domain/roles.js';
import type { Actor } from '../domain/roles.js';
import { mayOpenCase } from '../domain/case-access.js';
import { caseAccessContext } from './case-access.service.js';
import { appendAuditEntry, inTransaction } from '../store/audit-log.js';
import {
  type IntakeColumns,
  insertCase,
  insertCaseEvents,
  lockCase,
  selectCaseEvents,
  updateCaseProjection,
} from '../store/case.repository.js';
import { insertCaseStaffAccess } from '../store/case-staff-access.repository.js';
import { staffAccessFromEvents } from '../domain/queue-access.js';
import type { DB } from '../store/schema.js';
import type { Transaction } from 'kysely';
import {
  caseDataKey,
  caseProjection,
  newCaseKey,
  openCaseEvents,
  sealCaseEvents,
} from './case-timeline.js';
import { complainantIdentityRefusal } from './complainant-identity.js';
import type { ServiceDeps } from './deps.js';

/** A command as a caller gives it: the service stamps the time itself, callers never do. */
export type StepInput = DistributiveOmit<CaseCommandInput, 'at'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface RecordedStep {
  readonly caseId: string;
  readonly state: CaseState;
  readonly events: readonly CaseEvent[];
}

/**
 * Opens a new case with its received report, in one transaction with its audit entry. Runs
 * inside `trx` when the caller has more to write in the same transaction (the report itself).
 * Throws OmbudsError('rule_violation') when the procedure refuses the intake.
 */
export async function openCase(
  deps: ServiceDeps,
  trx: Transaction<DB>,
  input: Extract<StepInput, { kind: 'receive' }>,
  actor: Actor,
  intake?: IntakeColumns,
): Promise<RecordedStep & { dataKey: Buffer }> {
  const at = deps.now().toISOString();
  const decision = decide(initialState, { ...input, at }, actor);
  if (!decision.ok) throw ruleViolation(decision.rejection);
  const caseId = randomUUID();
  const { dataKey, wrapped } = newCaseKey(deps.keys, caseId);
  const state = replay(decision.events);
  await insertCase(trx, {
    id: caseId,
    at,
    kekId: deps.keys.keyEncryptionKey.id,
    wrappedDataKey: wrapped,
    projection: caseProjection(state),
    ...(intake ? { intake } : {}),
  });
  await writeEvents(trx, dataKey, caseId, 1, decision.events);
  return { caseId, state, events: decision.events, dataKey };
}

/**
 * What a step stores beside its events (attachments, say), written in the same transaction once
 * the domain has accepted the step; it may still throw to refuse it, and then nothing is stored.
 */
export type AlongsideStep = (
  trx: Transaction<DB>,
  context: { readonly dataKey: Buffer; readonly at: string },
) => Promise<void>;

/**
 * Records one step of the procedure on a case: reads and replays the timeline, asks the domain,
 * and stores the events, the new projection and the audit entries in one transaction.
 * Throws not_found for a case that does not exist, rule_violation when the procedure forbids it,
 * integrity when the stored timeline does not open.
 */
export async function recordCaseStep(
  deps: ServiceDeps,
  caseId: string,
  input: StepInput,
  actor: Actor,
  alongside?: AlongsideStep,
): Promise<RecordedStep> {
  return inTransaction(deps.database.db, async (trx) => {
    const row = await lockCase(trx, deps.database.dialect, caseId);
    if (row === undefined) throw notFound();
    const dataKey = caseDataKey(deps.keys, row);
    const timeline = openCaseEvents(dataKey, caseId, await selectCaseEvents(trx, caseId));
    const current = replay(timeline);
    // A person passes the one access gate (blind-index matches, counsel's grant) before the
    // procedure is asked, so a forged request from someone who may not open the case reads as
    // a case that does not exist, and changes nothing.
    if (isPerson(actor)) {
      const context = await caseAccessContext(trx, caseId, actor);
      if (!mayOpenCase(current, caseId, actor, context)) throw notFound();
    }
    const at = deps.now().toISOString();
    const decision = decide(current, { ...input, at }, actor);
    if (!decision.ok) throw ruleViolation(decision.rejection);
    // Redaction is enforced here, where every step is stored: text for the accused never
    // carries an anonymous complainant's identity (the check needs the sealed report).
    const redaction = await complainantIdentityRefusal(trx, dataKey, caseId, current, input);
    if (redaction !== null) throw ruleViolation(redaction);
    await alongside?.(trx, { dataKey, at });
    const state = replay([...timeline, ...decision.events]);
    await writeEvents(trx, dataKey, caseId, timeline.length + 1, decision.events);
    await updateCaseProjection(trx, caseId, at, caseProjection(state));
    return { caseId, state, events: decision.events };
  });
}

/**
 * Seals and stores events on a case from `firstSeq` on, with one audit entry each, inside the
 * caller's transaction (merging writes two timelines in one). Every event is stored here, so the
 * queue's clear copy of recusals and namings (case_staff_access) is derived here too, once.
 */
export async function writeEvents(
  trx: Transaction<DB>,
  dataKey: Buffer,
  caseId: string,
  firstSeq: number,
  events: readonly CaseEvent[],
): Promise<void> {
  const sealed = sealCaseEvents(dataKey, caseId, firstSeq, events);
  await insertCaseEvents(trx, caseId, sealed);
  for (const event of sealed) {
    // Only the event type and its place: what happened is in the sealed timeline.
    await appendAuditEntry(trx, {
      at: event.at,
      actor: event.actorId,
      action: `case.${event.type}`,
      caseId,
      details: { seq: event.seq },
    });
  }
  const at = events[events.length - 1]?.at ?? '';
  await insertCaseStaffAccess(trx, caseId, staffAccessFromEvents(events), at);
}
