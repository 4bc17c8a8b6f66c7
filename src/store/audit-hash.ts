import { hash } from 'node:crypto';

/** The chain starts from this value, so the first entry's link is checked like any other. */
export const genesisHash = '0'.repeat(64);

export interface HashedFields {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly case_id: string | null;
  readonly subject_ids: string;
  readonly details: string;
  readonly prev_hash: string;
}

/**
 * The exact bytes an audit entry's hash covers: a JSON array of its stored columns, so no two
 * different entries share an encoding and verification needs no other knowledge of the entry.
 */
export function auditHashInput(entry: HashedFields): string {
  return JSON.stringify([
    entry.seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.case_id,
    entry.subject_ids,
    entry.details,
    entry.prev_hash,
  ]);
}

/** SHA-256 (hex) of an audit entry, which the next entry carries as its `prev_hash`. */
export function auditEntryHash(entry: HashedFields): string {
  return hash('sha256', auditHashInput(entry), 'hex');
}
