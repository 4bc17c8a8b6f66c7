import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** An attachment as stored: sealed name and content, clear size and sniffed type. */
export interface StoredAttachment {
  readonly id: string;
  readonly caseId: string;
  readonly createdAt: string;
  readonly size: number;
  readonly contentType: string;
  readonly nameSealed: Uint8Array;
  readonly contentSealed: Uint8Array;
}

export async function insertAttachment(trx: Transaction<DB>, row: StoredAttachment): Promise<void> {
  await trx
    .insertInto('attachments')
    .values({
      id: row.id,
      case_id: row.caseId,
      created_at: row.createdAt,
      size: row.size,
      content_type: row.contentType,
      name_sealed: row.nameSealed,
      content_sealed: row.contentSealed,
    })
    .execute();
}

/** The bytes already stored for a case, for the per-case limit. */
export async function sumAttachmentSizes(db: Executor, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('size'), eb.lit(0)).as('total'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** One attachment of a case (never of another case), or undefined. */
export async function selectAttachment(
  db: Executor,
  caseId: string,
  attachmentId: string,
): Promise<StoredAttachment | undefined> {
  const row = await db
    .selectFrom('attachments')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  return row === undefined ? undefined : toStoredAttachment(row);
}

/** The sealed names of a case's attachments, without their content. */
export async function selectAttachmentNames(
  db: Executor,
  caseId: string,
): Promise<{ id: string; nameSealed: Uint8Array; size: number; contentType: string }[]> {
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'name_sealed', 'size', 'content_type'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    nameSealed: row.name_sealed,
    size: Number(row.size),
    contentType: row.content_type,
  }));
}

function toStoredAttachment(row: {
  id: string;
  case_id: string;
  created_at: string;
  size: number;
  content_type: string;
  name_sealed: Uint8Array;
  content_sealed: Uint8Array;
}): StoredAttachment {
  return {
    id: row.id,
    caseId: row.case_id,
    createdAt: row.created_at,
    size: Number(row.size),
    contentType: row.content_type,
    nameSealed: row.name_sealed,
    contentSealed: row.content_sealed,
  };
}
