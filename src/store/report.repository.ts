import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** A received report as stored: everything readable is in `contentSealed`. */
export interface NewReportRow {
  readonly id: string;
  readonly caseId: string;
  readonly receivedAt: string;
  readonly channel: string;
  /** The keyed hash of the form's submission id (src/crypto/receipt-codes.ts). */
  readonly submissionHash: string;
  readonly receiptHash: string;
  readonly contentSealed: Uint8Array;
}

export async function insertReport(trx: Transaction<DB>, row: NewReportRow): Promise<void> {
  await trx
    .insertInto('reports')
    .values({
      id: row.id,
      case_id: row.caseId,
      received_at: row.receivedAt,
      channel: row.channel,
      submission_id: row.submissionHash,
      receipt_hash: row.receiptHash,
      content_sealed: row.contentSealed,
    })
    .execute();
}

/** The case a submission already made, with the reporter's danger answer, or undefined. */
export function findReportBySubmission(db: Executor, submissionHash: string) {
  return db
    .selectFrom('reports')
    .innerJoin('cases', 'cases.id', 'reports.case_id')
    .select(['reports.case_id', 'cases.reported_danger'])
    .where('reports.submission_id', '=', submissionHash)
    .executeTakeFirst();
}

/** The report a receipt hash belongs to, or undefined. */
export function findReportByReceiptHash(db: Executor, receiptHash: string) {
  return db
    .selectFrom('reports')
    .select(['case_id', 'receipt_hash'])
    .where('receipt_hash', '=', receiptHash)
    .executeTakeFirst();
}

/** The reports of a case, oldest first, still sealed. */
export function selectCaseReports(db: Executor, caseId: string) {
  return db
    .selectFrom('reports')
    .select(['id', 'received_at', 'channel', 'content_sealed'])
    .where('case_id', '=', caseId)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
}

export interface NewPartyRow {
  readonly id: string;
  readonly caseId: string;
  readonly role: string;
  readonly detailsSealed: Uint8Array;
  readonly createdAt: string;
}

/** Inserts a report's parties in one statement (none: no statement). */
export async function insertParties(
  trx: Transaction<DB>,
  rows: readonly NewPartyRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('parties')
    .values(
      rows.map((row) => ({
        id: row.id,
        case_id: row.caseId,
        role: row.role,
        details_sealed: row.detailsSealed,
        created_at: row.createdAt,
      })),
    )
    .execute();
}

export interface NewIdentifierRow {
  readonly id: string;
  readonly partyId: string;
  readonly caseId: string;
  readonly kind: string;
  readonly blindIndex: string;
  readonly valueSealed: Uint8Array;
}

/**
 * Inserts identifiers in one statement (none: no statement). A report holds at most 20 people of
 * 11 identifiers each (report-form.ts), 1,320 parameters, far below either database's limit.
 */
export async function insertIdentifiers(
  trx: Transaction<DB>,
  rows: readonly NewIdentifierRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('identifiers')
    .values(
      rows.map((row) => ({
        id: row.id,
        party_id: row.partyId,
        case_id: row.caseId,
        kind: row.kind,
        blind_index: row.blindIndex,
        value_sealed: row.valueSealed,
      })),
    )
    .execute();
}

/** The cases that hold an identifier with this blind index. */
export async function casesWithBlindIndex(db: Executor, blindIndex: string): Promise<string[]> {
  const rows = await db
    .selectFrom('identifiers')
    .select('case_id')
    .distinct()
    .where('blind_index', '=', blindIndex)
    .orderBy('case_id')
    .execute();
  return rows.map((row) => row.case_id);
}
