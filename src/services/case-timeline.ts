import type { KeyRing } from '../crypto/keys.js';
import { newDataKey, openText, sealField, unwrapDataKey, wrapDataKey } from '../crypto/sealing.js';
import type { FieldBinding } from '../crypto/sealing.js';
import { parseCaseEvent } from '../domain/case-events.js';
import type { CaseEvent } from '../domain/case-events.js';
import { currentStep, isFlaggedDanger } from '../domain/case-state.js';
import { stepDueAt } from '../domain/case-due.js';
import type { CaseState } from '../domain/case-state.js';
import { OmbudsError } from '../domain/errors.js';
import type { CaseProjection, StoredCaseEvent } from '../store/case.repository.js';
import type { CaseRow } from '../store/schema.js';

/**
 * The case timeline between the domain and the database: every event is sealed whole under the
 * case's data key and bound to its place (case id and sequence number), so an event copied to
 * another case or another position fails to open.
 */

/** A new case's data key, and the same key wrapped for storage. */
export function newCaseKey(keys: KeyRing, caseId: string): { dataKey: Buffer; wrapped: Buffer } {
  const dataKey = newDataKey();
  return { dataKey, wrapped: wrapDataKey(keys.keyEncryptionKey, dataKey, caseId) };
}

/** The data key of a stored case; throws OmbudsError('integrity') when it does not unwrap. */
export function caseDataKey(keys: KeyRing, row: Pick<CaseRow, 'id' | 'wrapped_data_key'>): Buffer {
  return unwrapDataKey(keys.keyEncryptionKey, row.wrapped_data_key, row.id);
}

function eventBinding(caseId: string, seq: number): FieldBinding {
  return { table: 'case_events', column: 'payload_sealed', rowId: `${caseId}/${seq}` };
}

/** Seals events for storage, numbered on from `firstSeq`. */
export function sealCaseEvents(
  dataKey: Uint8Array,
  caseId: string,
  firstSeq: number,
  events: readonly CaseEvent[],
): StoredCaseEvent[] {
  return events.map((event, index) => {
    const seq = firstSeq + index;
    return {
      seq,
      at: event.at,
      actorId: event.actorId,
      type: event.type,
      payloadSealed: sealField(dataKey, JSON.stringify(event), eventBinding(caseId, seq)),
    };
  });
}

/**
 * Opens a stored timeline. Throws OmbudsError('integrity') when a payload fails authentication
 * or does not match the row it is stored in.
 */
export function openCaseEvents(
  dataKey: Uint8Array,
  caseId: string,
  stored: readonly StoredCaseEvent[],
): CaseEvent[] {
  return stored.map((row) => {
    const event = parseCaseEvent(
      JSON.parse(openText(dataKey, row.payloadSealed, eventBinding(caseId, row.seq))),
    );
    // The clear columns exist for the queue; they must agree with the sealed truth.
    if (event.type !== row.type || event.at !== row.at || event.actorId !== row.actorId) {
      throw new OmbudsError('integrity', 'a case event failed its integrity check', {
        logMessage: `event ${row.seq} of case ${caseId}: clear columns differ from the sealed event`,
      });
    }
    return event;
  });
}

/** The columns the queue reads, derived from the state. */
export function caseProjection(state: CaseState): CaseProjection {
  return {
    step: currentStep(state),
    dangerFlag: isFlaggedDanger(state),
    route: state.route,
    mergedInto: state.mergedInto,
    dueAt: stepDueAt(state),
  };
}
