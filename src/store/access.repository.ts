import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** A staff member whose identifier matches a party of a case, with their stored roles. */
export interface StaffPartyRow {
  readonly staff_id: string;
  readonly party_role: string;
  readonly roles: string;
}

/**
 * Staff members whose identifiers (blind index) match a party of the case or of a case merged
 * into it, with the party's role. One row per staff member and party role.
 */
export function selectStaffParties(db: Executor, caseId: string): Promise<StaffPartyRow[]> {
  return staffPartiesQuery(db, caseId).execute();
}

/** The query of selectStaffParties, unrun (its plan is tested). */
export function staffPartiesQuery(db: Executor, caseId: string) {
  return db
    .selectFrom('identifiers')
    .innerJoin('parties', 'parties.id', 'identifiers.party_id')
    .innerJoin('staff_identifiers', 'staff_identifiers.blind_index', 'identifiers.blind_index')
    .innerJoin('staff_users', 'staff_users.id', 'staff_identifiers.staff_id')
    .select(['staff_identifiers.staff_id', 'parties.role as party_role', 'staff_users.roles'])
    .distinct()
    .where((eb) =>
      eb.or([
        eb('identifiers.case_id', '=', caseId),
        eb(
          'identifiers.case_id',
          'in',
          eb.selectFrom('cases').select('cases.id').where('cases.merged_into', '=', caseId),
        ),
      ]),
    )
    .orderBy('staff_identifiers.staff_id')
    .orderBy('parties.role');
}

/** The cases (survivors, where merged) whose parties carry any of the staff member's identifiers. */
export async function selectCasesNamingStaff(db: Executor, staffId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('identifiers')
    .innerJoin('staff_identifiers', 'staff_identifiers.blind_index', 'identifiers.blind_index')
    .innerJoin('cases', 'cases.id', 'identifiers.case_id')
    .select((eb) => eb.fn.coalesce('cases.merged_into', 'cases.id').as('case_id'))
    .distinct()
    .where('staff_identifiers.staff_id', '=', staffId)
    .execute();
  return rows.map((row) => row.case_id).sort();
}

/** Replaces a staff member's identifiers; returns how many are stored now. */
export async function replaceStaffIdentifiers(
  trx: Transaction<DB>,
  staffId: string,
  rows: readonly { kind: string; blindIndex: string }[],
  at: string,
): Promise<number> {
  await trx.deleteFrom('staff_identifiers').where('staff_id', '=', staffId).execute();
  const unique = [...new Map(rows.map((row) => [row.blindIndex, row])).values()];
  if (unique.length > 0) {
    await trx
      .insertInto('staff_identifiers')
      .values(
        unique.map((row) => ({
          staff_id: staffId,
          kind: row.kind,
          blind_index: row.blindIndex,
          created_at: at,
        })),
      )
      .execute();
  }
  return unique.length;
}

/** How many identifiers of each kind a staff member has on record. */
export async function countStaffIdentifiers(
  db: Executor,
  staffId: string,
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('staff_identifiers')
    .select(['kind', (eb) => eb.fn.countAll<string | number>().as('count')])
    .where('staff_id', '=', staffId)
    .groupBy('kind')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.kind, Number(row.count)]));
}

/** The case a legal counsel's grant is for, or null. */
export async function findCounselGrant(db: Executor, staffId: string): Promise<string | null> {
  const row = await db
    .selectFrom('counsel_grants')
    .select('case_id')
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  return row?.case_id ?? null;
}

/** The legal counsel granted this case, by staff id. */
export async function selectCounselOfCase(db: Executor, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('counsel_grants')
    .select('staff_id')
    .where('case_id', '=', caseId)
    .orderBy('staff_id')
    .execute();
  return rows.map((row) => row.staff_id);
}

/** Gives a counsel their one grant, replacing any earlier one; returns the case it replaced. */
export async function putCounselGrant(
  trx: Transaction<DB>,
  grant: { staffId: string; caseId: string; by: string; at: string },
): Promise<string | null> {
  const previous = await findCounselGrant(trx, grant.staffId);
  await trx.deleteFrom('counsel_grants').where('staff_id', '=', grant.staffId).execute();
  await trx
    .insertInto('counsel_grants')
    .values({
      staff_id: grant.staffId,
      case_id: grant.caseId,
      granted_by: grant.by,
      granted_at: grant.at,
    })
    .execute();
  return previous;
}

/** Ends a counsel's grant for this case; returns whether there was one. */
export async function deleteCounselGrant(
  trx: Transaction<DB>,
  staffId: string,
  caseId: string,
): Promise<boolean> {
  const result = await trx
    .deleteFrom('counsel_grants')
    .where('staff_id', '=', staffId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Stores a new accused link and ends every earlier unused link of the case at `at`. */
export async function insertAccusedLink(
  trx: Transaction<DB>,
  link: { tokenHash: string; caseId: string; by: string; at: string; expiresAt: string },
): Promise<void> {
  await trx
    .updateTable('accused_links')
    .set({ expires_at: link.at })
    .where('case_id', '=', link.caseId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', link.at)
    .execute();
  await trx
    .insertInto('accused_links')
    .values({
      token_hash: link.tokenHash,
      case_id: link.caseId,
      created_by: link.by,
      created_at: link.at,
      expires_at: link.expiresAt,
      used_at: null,
    })
    .execute();
}

/**
 * Marks an unused, unexpired link as used and returns its case and expiry; undefined when there
 * is no such link. The update is the check, so two exchanges of one link cannot both succeed.
 */
export function takeAccusedLink(trx: Transaction<DB>, tokenHash: string, at: string) {
  return trx
    .updateTable('accused_links')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .returning(['case_id', 'expires_at'])
    .executeTakeFirst();
}

export async function insertAccusedSession(
  trx: Transaction<DB>,
  session: { idHash: string; caseId: string; at: string; expiresAt: string },
): Promise<void> {
  await trx
    .insertInto('accused_sessions')
    .values({
      id_hash: session.idHash,
      case_id: session.caseId,
      created_at: session.at,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** The case of a live accused session, or undefined. */
export function findAccusedSession(db: Executor, idHash: string, at: string) {
  return db
    .selectFrom('accused_sessions')
    .select(['case_id', 'expires_at'])
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', at)
    .executeTakeFirst();
}

/** Ends an accused session. */
export async function deleteAccusedSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('accused_sessions').where('id_hash', '=', idHash).execute();
}
