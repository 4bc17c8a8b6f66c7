import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { blindIndexer } from '../crypto/blind-index.js';
import type { KeyRing } from '../crypto/keys.js';
import { sealField } from '../crypto/sealing.js';
import { identifierSchema } from '../domain/identifiers.js';
import type { Identifier } from '../domain/identifiers.js';
import type { ReportSubmission } from '../domain/report-form.js';
import {
  insertIdentifiers,
  insertParties,
  type NewIdentifierRow,
  type NewPartyRow,
} from '../store/report.repository.js';
import type { DB } from '../store/schema.js';

/**
 * The people a report names, stored as parties of the case: each accused person with their
 * identifiers (sealed, and blind-indexed so that reports about one person are linked without
 * decrypting anything), the complainant's contact only when they did not ask for anonymity, and
 * the other people involved as the reporter described them.
 */

export type PartyRole = 'accused' | 'complainant' | 'others_involved';

/**
 * Writes the parties of a new report inside its transaction, all parties in one statement and all
 * identifiers in another (parties first: identifiers refer to them); returns how many of each.
 */
export async function storeReportParties(
  trx: Transaction<DB>,
  keys: KeyRing,
  dataKey: Uint8Array,
  caseId: string,
  at: string,
  report: ReportSubmission,
): Promise<{ accused: number; identifiers: number }> {
  const index = blindIndexer(keys.blindIndexKey);
  const parties: NewPartyRow[] = [];
  const identifiers: NewIdentifierRow[] = [];
  const addParty = (role: PartyRole, details: unknown): string => {
    const id = randomUUID();
    const sealed = sealField(dataKey, JSON.stringify(details), {
      table: 'parties',
      column: 'details_sealed',
      rowId: id,
    });
    parties.push({ id, caseId, role, detailsSealed: sealed, createdAt: at });
    return id;
  };

  for (const person of report.accused) {
    const partyId = addParty('accused', { name: person.name });
    for (const identifier of withName(person)) {
      const id = randomUUID();
      identifiers.push({
        id,
        partyId,
        caseId,
        kind: identifier.kind,
        blindIndex: index(identifier),
        valueSealed: sealField(dataKey, JSON.stringify(identifier), {
          table: 'identifiers',
          column: 'value_sealed',
          rowId: id,
        }),
      });
    }
  }
  // Anonymity is enforced here too, not only by the form's schema.
  if (!report.anonymous && report.contact !== null) {
    addParty('complainant', { contact: report.contact, relation: report.relation });
  }
  if (report.othersInvolved !== '') {
    addParty('others_involved', { description: report.othersInvolved });
  }
  await insertParties(trx, parties);
  await insertIdentifiers(trx, identifiers);
  return { accused: report.accused.length, identifiers: identifiers.length };
}

/**
 * A person's identifiers, with their name as a `name` identifier too, so that two reports naming
 * one person in the same words are linked even without an address or a nick.
 */
function withName(person: ReportSubmission['accused'][number]): Identifier[] {
  const named = identifierSchema.safeParse({ kind: 'name', value: person.name });
  const already = person.identifiers.some(
    (identifier) => identifier.kind === 'name' && identifier.value === person.name,
  );
  return named.success && !already ? [...person.identifiers, named.data] : person.identifiers;
}
