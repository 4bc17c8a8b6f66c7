import { hash } from 'node:crypto';

/** The chain starts from this value, so the first entry's link is checked like any other. */
export const genesisHash = '0'.repeat(64);

export interface AuditEntryFields {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly caseId: string | null;
  readonly subjectIds: readonly string[];
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
  readonly prevHash: string;
}

/**
 * The exact text an audit entry's hash covers, stored as it is in `audit_log.entry`:
 * a JSON array whose last element is the previous entry's hash (64 hex characters), so the link
 * can be read without parsing and verification needs nothing but the stored text.
 */
export function encodeAuditEntry(fields: AuditEntryFields): string {
  return JSON.stringify([
    fields.seq,
    fields.at,
    fields.actor,
    fields.action,
    fields.caseId,
    fields.subjectIds,
    fields.details,
    fields.prevHash,
  ]);
}

/** SHA-256 (hex) of an encoded entry; the next entry carries it as its previous hash. */
export function hashAuditEntry(entry: string): string {
  return hash('sha256', entry, 'hex');
}

/** The previous hash an encoded entry links to: its last element, `…,"<64 hex>"]`. */
export function linkedHashOf(entry: string): string {
  return entry.slice(-66, -2);
}

/** True when an encoded entry claims the sequence number `seq` (it starts `[seq,`). */
export function claimsSequence(entry: string, seq: number): boolean {
  return entry.startsWith(`[${seq},`);
}

/** Reads an encoded entry back into its fields, for display and export. */
export function decodeAuditEntry(entry: string): AuditEntryFields {
  const [seq, at, actor, action, caseId, subjectIds, details, prevHash] = JSON.parse(entry) as [
    number,
    string,
    string,
    string,
    string | null,
    string[],
    Record<string, string | number | boolean | null>,
    string,
  ];
  return { seq, at, actor, action, caseId, subjectIds, details, prevHash };
}
