import type { Kysely } from 'kysely';
import { auditEntryHash, genesisHash } from './audit-hash.js';
import type { DB } from './schema.js';

export type AuditBreak =
  | { readonly kind: 'missing'; readonly seq: number; readonly found: number }
  | { readonly kind: 'link'; readonly seq: number }
  | { readonly kind: 'hash'; readonly seq: number }
  | { readonly kind: 'truncated'; readonly seq: number; readonly lastFound: number }
  | { readonly kind: 'head'; readonly seq: number };

export interface AuditVerification {
  readonly checked: number;
  /** The first broken link, or null when the whole chain holds. */
  readonly firstBreak: AuditBreak | null;
}

const batchSize = 5000;

/**
 * Walks the audit chain in order and recomputes every hash. Detects an edited entry (its hash),
 * a deleted or reordered one (sequence and links) and a cut-off end (the head row).
 */
export async function verifyAuditChain(
  db: Kysely<DB>,
  onProgress?: (checked: number) => void,
): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = genesisHash;
  let checked = 0;

  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['seq', 'at', 'actor', 'action', 'case_id', 'subject_ids', 'details', 'prev_hash', 'hash'])
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();

    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return { checked, firstBreak: { kind: 'missing', seq: expectedSeq, found: seq } };
      if (row.prev_hash !== prevHash) return { checked, firstBreak: { kind: 'link', seq } };
      if (auditEntryHash({ ...row, seq }) !== row.hash) return { checked, firstBreak: { kind: 'hash', seq } };
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    onProgress?.(checked);
    if (rows.length < batchSize) break;
  }

  const head = await db.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1).executeTakeFirst();
  const lastSeq = Number(head?.last_seq ?? 0);
  if (lastSeq > checked) {
    return { checked, firstBreak: { kind: 'truncated', seq: checked + 1, lastFound: checked } };
  }
  if (lastSeq !== checked || head?.last_hash !== prevHash) {
    return { checked, firstBreak: { kind: 'head', seq: checked } };
  }
  return { checked, firstBreak: null };
}

/** One line a person can act on. */
export function describeAuditBreak(found: AuditBreak): string {
  switch (found.kind) {
    case 'missing':
      return `entry ${found.seq} is missing (the next entry found is ${found.found}): entries were deleted or reordered`;
    case 'link':
      return `entry ${found.seq} does not link to entry ${found.seq - 1}: an entry was changed, deleted or reordered`;
    case 'hash':
      return `entry ${found.seq} was changed after it was written (its hash does not match its content)`;
    case 'truncated':
      return `entries from ${found.seq} on are missing: the log ends at ${found.lastFound} but recorded more`;
    case 'head':
      return `the record of the chain's end does not match entry ${found.seq}: the log or its head was altered`;
  }
}
