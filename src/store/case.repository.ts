import type { Kysely, Transaction } from 'kysely';
import type { DialectName } from './database.js';
import type { CaseRow, DB } from './schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * What the cases table keeps beside the sealed timeline, so the queue can sort and filter without
 * opening anything. It is derived from the timeline on every change, never edited on its own.
 */
export interface CaseProjection {
  readonly step: string;
  readonly dangerFlag: boolean;
  readonly route: string;
  readonly mergedInto: string | null;
  /** When the current step falls due (the response deadline), or null. */
  readonly dueAt: string | null;
}

export interface NewCaseRow {
  readonly id: string;
  readonly at: string;
  readonly kekId: string;
  readonly wrappedDataKey: Uint8Array;
  readonly projection: CaseProjection;
  readonly intake?: IntakeColumns;
}

/**
 * The clear columns a new case takes from its report for the queue: whether the reporter said
 * someone is in immediate danger, and the kind of venue from the form's fixed list (never its name).
 */
export interface IntakeColumns {
  readonly reportedDanger: boolean;
  readonly venueKind: string | null;
}

/** A timeline event as stored: the sealed payload and the few facts the queue may read. */
export interface StoredCaseEvent {
  readonly seq: number;
  readonly at: string;
  readonly actorId: string;
  readonly type: string;
  readonly payloadSealed: Uint8Array;
}

function projectionColumns(projection: CaseProjection) {
  return {
    step: projection.step,
    danger_flag: projection.dangerFlag ? 1 : 0,
    route: projection.route,
    merged_into: projection.mergedInto,
    due_at: projection.dueAt,
  };
}

export async function insertCase(trx: Transaction<DB>, row: NewCaseRow): Promise<void> {
  await trx
    .insertInto('cases')
    .values({
      id: row.id,
      created_at: row.at,
      updated_at: row.at,
      version: 1,
      kek_id: row.kekId,
      wrapped_data_key: row.wrappedDataKey,
      ...projectionColumns(row.projection),
      ...(row.intake
        ? { reported_danger: row.intake.reportedDanger ? 1 : 0, venue_kind: row.intake.venueKind }
        : {}),
    })
    .execute();
}

/**
 * Reads a case row inside a transaction that is about to change it. On PostgreSQL the row is
 * locked until commit, so two app servers recording steps on one case take turns; SQLite's write
 * transaction (BEGIN IMMEDIATE) already holds the whole database.
 */
export async function lockCase(
  trx: Transaction<DB>,
  dialect: DialectName,
  caseId: string,
): Promise<CaseRow | undefined> {
  return trx
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', caseId)
    .$if(dialect === 'postgres', (query) => query.forUpdate())
    .executeTakeFirst();
}

export async function findCase(db: Executor, caseId: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
}

/** Stores the new projection and bumps the version, which tells readers the timeline grew. */
export async function updateCaseProjection(
  trx: Transaction<DB>,
  caseId: string,
  at: string,
  projection: CaseProjection,
): Promise<void> {
  await trx
    .updateTable('cases')
    .set((eb) => ({
      ...projectionColumns(projection),
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', caseId)
    .execute();
}

export async function insertCaseEvents(
  trx: Transaction<DB>,
  caseId: string,
  events: readonly StoredCaseEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await trx
    .insertInto('case_events')
    .values(
      events.map((event) => ({
        case_id: caseId,
        seq: event.seq,
        at: event.at,
        actor_id: event.actorId,
        type: event.type,
        payload_sealed: event.payloadSealed,
      })),
    )
    .execute();
}

/** The case's timeline in order, still sealed. */
export async function selectCaseEvents(db: Executor, caseId: string): Promise<StoredCaseEvent[]> {
  const rows = await db
    .selectFrom('case_events')
    .select(['seq', 'at', 'actor_id', 'type', 'payload_sealed'])
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    type: row.type,
    payloadSealed: row.payload_sealed,
  }));
}
