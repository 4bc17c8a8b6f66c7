import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { claimsSequence, genesisHash, hashAuditEntry, linkedHashOf } from './audit-hash.js';
import type { DB } from './schema.js';

export type AuditBreak =
  /** No entry has this sequence number although later ones exist. */
  | { readonly kind: 'missing'; readonly seq: number }
  /** The entry stored at this sequence number was written for another one (moved or reordered). */
  | { readonly kind: 'moved'; readonly seq: number }
  /** The entry's content changed after it was written. */
  | { readonly kind: 'hash'; readonly seq: number }
  /** The entry does not link to the one before it. */
  | { readonly kind: 'link'; readonly seq: number }
  /** The log ends before the sequence number its head recorded. */
  | { readonly kind: 'truncated'; readonly seq: number }
  /** The head (count and last hash) disagrees with the entries. */
  | { readonly kind: 'head'; readonly seq: number };

export interface AuditVerification {
  readonly checked: number;
  /** The first broken link, or null when the whole chain holds. */
  readonly firstBreak: AuditBreak | null;
}

/** What one contiguous range of the chain says about itself; ranges are joined by `concludeChain`. */
export interface RangeVerification {
  readonly from: number;
  readonly checked: number;
  readonly firstBreak: AuditBreak | null;
  /** The previous hash the range's first entry links to. */
  readonly firstLinked: string | null;
  /** The recomputed hash of the range's last entry. */
  readonly lastHash: string | null;
}

const batchSize = 5000;

/**
 * Checks entries `from`..`to` (inclusive; `to` null for "to the end"): that each claims its
 * sequence number and links to the recomputed hash of the one before. Only the `entry` text is
 * read, so verification costs little more than hashing.
 */
export async function verifyAuditRange(
  db: Kysely<DB>,
  from: number,
  to: number | null,
  onProgress?: (checked: number) => void,
): Promise<RangeVerification> {
  let expected = from;
  let prev: string | null = null;
  let firstLinked: string | null = null;
  // Checks entries in order from `expected`; stops at the first that breaks the chain.
  type Broken = { kind: 'sequence' } | { kind: 'link'; linked: string } | null;
  const checkBatch = (entries: readonly string[]): Broken => {
    for (const entry of entries) {
      if (!claimsSequence(entry, expected)) return { kind: 'sequence' };
      const linked = linkedHashOf(entry);
      if (prev === null) firstLinked = linked;
      else if (linked !== prev) return { kind: 'link', linked };
      prev = hashAuditEntry(entry);
      expected += 1;
    }
    return null;
  };
  const result = (firstBreak: AuditBreak | null): RangeVerification => ({
    from,
    checked: expected - from,
    firstBreak,
    firstLinked,
    lastHash: prev,
  });

  for (;;) {
    const batchStart: { expected: number; prev: string | null; firstLinked: string | null } = {
      expected,
      prev,
      firstLinked,
    };
    let entries = await readJoinedEntries(db, expected, to);
    let broken = checkBatch(entries);
    if (broken) {
      // Joined text is the fast path; before reporting a break, read the batch row by row, so
      // that a break is always named from the rows themselves, at its entry.
      ({ expected, prev, firstLinked } = batchStart);
      entries = await readEntryRows(db, expected, to);
      broken = checkBatch(entries);
    }
    if (broken?.kind === 'sequence') return result(await diagnoseSequence(db, expected));
    if (broken?.kind === 'link') return result(await diagnoseLink(db, expected, broken.linked));
    onProgress?.(expected - from);
    if (entries.length < batchSize) break;
  }
  if (to !== null && expected <= to) return result({ kind: 'missing', seq: expected });
  return result(null);
}

/**
 * The next batch of entries from `from` on, joined by the database into one text and split here:
 * far cheaper than a row object per entry, which brings verification to about half the speed of
 * hashing alone. JSON never holds a raw line break, so splitting is exact for untouched entries;
 * the order of a plain aggregate is not promised, so any break found is re-read row by row.
 */
async function readJoinedEntries(
  db: Kysely<DB>,
  from: number,
  to: number | null,
): Promise<string[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const joined = postgres ? sql`string_agg(entry, chr(10))` : sql`group_concat(entry, char(10))`;
  const upTo = to === null ? sql`` : sql`and seq <= ${to}`;
  const { rows } = await sql<{ entries: string | null }>`
    select ${joined} as entries from (
      select seq, entry from audit_log where seq >= ${from} ${upTo} order by seq limit ${batchSize}
    ) as batch`.execute(db);
  const text = rows[0]?.entries;
  return text === null || text === undefined ? [] : text.split('\n');
}

/** The same batch as rows, in order: the exact path. */
async function readEntryRows(db: Kysely<DB>, from: number, to: number | null): Promise<string[]> {
  let query = db.selectFrom('audit_log').select('entry').where('seq', '>=', from);
  if (to !== null) query = query.where('seq', '<=', to);
  return (await query.orderBy('seq').limit(batchSize).execute()).map((row) => row.entry);
}

/**
 * Joins verified ranges (in order) into one verdict and checks the chain's start and its head:
 * the first entry links to the genesis value, each range to the one before, the last to the head.
 */
export async function concludeChain(
  db: Kysely<DB>,
  ranges: readonly RangeVerification[],
): Promise<AuditVerification> {
  let checked = 0;
  let lastHash = genesisHash;
  for (const range of ranges) {
    if (range.firstLinked !== null && range.firstLinked !== lastHash) {
      return { checked, firstBreak: await diagnoseLink(db, range.from, range.firstLinked) };
    }
    checked += range.checked;
    if (range.firstBreak !== null) return { checked, firstBreak: range.firstBreak };
    if (range.lastHash !== null) lastHash = range.lastHash;
  }

  const head = await db
    .selectFrom('audit_head')
    .select(['last_seq', 'last_hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  const lastSeq = Number(head?.last_seq ?? 0);
  if (lastSeq > checked) return { checked, firstBreak: { kind: 'truncated', seq: checked + 1 } };
  if (lastSeq < checked) return { checked, firstBreak: { kind: 'head', seq: lastSeq + 1 } };
  if (head?.last_hash !== lastHash) {
    const stored = await storedHash(db, checked);
    // The head still names the hash the last entry was written with: that entry was changed.
    return {
      checked,
      firstBreak: { kind: stored === head?.last_hash ? 'hash' : 'head', seq: checked },
    };
  }
  return { checked, firstBreak: null };
}

/** Verifies the whole chain in this thread; see audit-verify-parallel.ts for large logs. */
export async function verifyAuditChain(
  db: Kysely<DB>,
  onProgress?: (checked: number) => void,
): Promise<AuditVerification> {
  return concludeChain(db, [await verifyAuditRange(db, 1, null, onProgress)]);
}

async function diagnoseSequence(db: Kysely<DB>, seq: number): Promise<AuditBreak> {
  const row = await db
    .selectFrom('audit_log')
    .select('seq')
    .where('seq', '=', seq)
    .executeTakeFirst();
  return { kind: row === undefined ? 'missing' : 'moved', seq };
}

/**
 * Entry `seq` does not link to the recomputed hash of `seq - 1`. If it links to the hash that
 * `seq - 1` was written with, then `seq - 1` itself was changed afterwards; otherwise the link is.
 */
async function diagnoseLink(db: Kysely<DB>, seq: number, linked: string): Promise<AuditBreak> {
  return (await storedHash(db, seq - 1)) === linked
    ? { kind: 'hash', seq: seq - 1 }
    : { kind: 'link', seq };
}

async function storedHash(db: Kysely<DB>, seq: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('audit_log')
    .select('hash')
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row?.hash;
}

/** One line a person can act on. */
export function describeAuditBreak(found: AuditBreak): string {
  switch (found.kind) {
    case 'missing':
      return `entry ${found.seq} is missing: entries were deleted`;
    case 'moved':
      return `entry ${found.seq} holds another entry's record: entries were moved or reordered`;
    case 'hash':
      return `entry ${found.seq} was changed after it was written`;
    case 'link':
      return `entry ${found.seq} does not link to entry ${found.seq - 1}: one of them was replaced, or entries were reordered`;
    case 'truncated':
      return `entries from ${found.seq} on are missing: the log was cut off`;
    case 'head':
      return `the record of the log's end does not match entry ${found.seq}: entries were added or the head was altered`;
  }
}
