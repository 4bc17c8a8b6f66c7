import { z } from 'zod';
import { blindIndexer } from '../crypto/blind-index.js';
import { OmbudsError, notFound } from '../domain/errors.js';
import { identifierSchema, type Identifier } from '../domain/identifiers.js';
import { hasRole, type Actor } from '../domain/roles.js';
import {
  countStaffIdentifiers,
  replaceStaffIdentifiers,
  selectCasesNamingStaff,
} from '../store/access.repository.js';
import { appendAuditEntry, inTransaction } from '../store/audit-log.js';
import { findStaffRowById } from '../store/staff-user.repository.js';
import type { ServiceDeps } from './deps.js';
import { recordStaffPartyProtections } from './staff-party-matches.js';

/**
 * A staff member's identifiers (e-mail, IRC nicks, forge names, name), kept only as blind indexes,
 * so that a report naming them recuses them from it, and routes it when they are its accused.
 */

export const staffIdentifierListSchema = z.array(identifierSchema).max(50);

/**
 * Replaces a staff member's identifiers (only administrators set them) and records the protections on every case that already names them, in one
 * transaction. Returns how many identifiers are stored and on how many cases protections were
 * recorded. Throws not_found for an unknown user or an actor who may not set them, invalid_input
 * for an identifier the schema refuses.
 */
export async function setStaffIdentifiers(
  deps: ServiceDeps,
  staffId: string,
  identifiers: readonly Identifier[],
  actor: Actor,
): Promise<{ stored: number; casesProtected: number }> {
  // Administrators keep the list: a staff member who could edit their own could also leave out
  // the nick a report would name them by.
  if (!hasRole(actor, 'administrator')) throw notFound();
  const parsed = staffIdentifierListSchema.safeParse(identifiers);
  if (!parsed.success) {
    throw new OmbudsError('invalid_input', 'One of the identifiers is not valid.', {
      logMessage: 'staff identifiers refused by the schema',
    });
  }
  const index = blindIndexer(deps.keys.blindIndexKey);
  const rows = parsed.data.map((identifier) => ({
    kind: identifier.kind,
    blindIndex: index(identifier),
  }));
  return inTransaction(deps.database.db, async (trx) => {
    if ((await findStaffRowById(trx, staffId)) === undefined) throw notFound();
    const at = deps.now().toISOString();
    const stored = await replaceStaffIdentifiers(trx, staffId, rows, at);
    let casesProtected = 0;
    for (const caseId of await selectCasesNamingStaff(trx, staffId)) {
      if ((await recordStaffPartyProtections(deps, trx, caseId)) > 0) casesProtected += 1;
    }
    // Counts only: the identifiers themselves never reach the audit log.
    await appendAuditEntry(trx, {
      at,
      actor: actor.id,
      action: 'staff.identifiers_set',
      subjectIds: [staffId],
      details: { identifiers: stored, casesProtected },
    });
    return { stored, casesProtected };
  });
}

/** How many identifiers of each kind a staff member has on record (never the values). */
export function staffIdentifierCounts(
  deps: ServiceDeps,
  staffId: string,
): Promise<Record<string, number>> {
  return countStaffIdentifiers(deps.database.db, staffId);
}
