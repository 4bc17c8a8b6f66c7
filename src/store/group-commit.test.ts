import { sql, type Transaction } from 'kysely';
import { expect, it } from 'vitest';
import { describeStorage } from '../../test/helpers/storage.js';
import { openDatabase } from './database.js';
import { appendAuditEntry } from './audit-log.js';
import { verifyAuditChain } from './audit-verify.js';
import { maxGroupedWork } from './group-commit.js';
import type { DB } from './schema.js';

let nextMarker = 0;

/** Appends one audit entry named by a fresh marker; returns the marker. */
async function appendMarked(trx: Transaction<DB>): Promise<string> {
  nextMarker += 1;
  const marker = `grouped-${nextMarker}`;
  await appendAuditEntry(trx, { at: new Date().toISOString(), actor: 'test', action: marker });
  return marker;
}

describeStorage('grouped transactions', (use, kind) => {
  const storedActions = async (): Promise<string[]> => {
    const rows = await use()
      .database.db.selectFrom('audit_log')
      .select('entry')
      .orderBy('seq')
      .execute();
    // An entry is a JSON array; the action is its fourth element (audit-hash.ts).
    return rows.map((row) => (JSON.parse(row.entry) as unknown[])[3] as string);
  };

  it('resolve each piece with its value once it is stored', async () => {
    const { database } = use();
    const markers = await Promise.all(
      Array.from({ length: 5 }, () => database.groupedTransaction(appendMarked)),
    );
    expect(await storedActions()).toEqual(expect.arrayContaining(markers));
    expect((await verifyAuditChain(database.db)).firstBreak).toBeNull();
  });

  it('roll back a piece that throws, alone, and reject it with its own error', async () => {
    const { database } = use();
    const refused = new Error('this piece is refused');
    const results = await Promise.allSettled([
      database.groupedTransaction(appendMarked),
      database.groupedTransaction(async (trx) => {
        await appendAuditEntry(trx, {
          at: new Date().toISOString(),
          actor: 'test',
          action: 'gone',
        });
        throw refused;
      }),
      database.groupedTransaction(appendMarked),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]).toEqual({ status: 'rejected', reason: refused });
    const actions = await storedActions();
    expect(actions).not.toContain('gone');
    for (const result of [results[0], results[2]]) {
      expect(actions).toContain(result?.status === 'fulfilled' ? result.value : 'missing');
    }
    // The audit head rolled back with the piece: the chain has no gap where its entry was.
    expect((await verifyAuditChain(database.db)).firstBreak).toBeNull();
  });

  if (kind !== 'sqlite') return;

  it('run the pieces that wait together in one transaction, committed once', async () => {
    const { database } = use();
    const transactions = await Promise.all(
      Array.from({ length: 6 }, () =>
        database.groupedTransaction(async (trx) => {
          await appendMarked(trx);
          return trx;
        }),
      ),
    );
    expect(new Set(transactions).size).toBe(1);
  });

  it('hold at most maxGroupedWork pieces in one transaction', async () => {
    const { database } = use();
    const transactions = await Promise.all(
      Array.from({ length: maxGroupedWork + 8 }, () =>
        database.groupedTransaction(async (trx) => {
          await appendMarked(trx);
          return trx;
        }),
      ),
    );
    const sizes = new Map<unknown, number>();
    for (const trx of transactions) sizes.set(trx, (sizes.get(trx) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBe(maxGroupedWork);
    expect(sizes.size).toBe(2);
  });

  it('resolve a piece only after its commit: another connection already reads it', async () => {
    const { database, target } = use();
    const other = await openDatabase(target, { create: false });
    try {
      const marker = await database.groupedTransaction(appendMarked);
      const row = await other.db
        .selectFrom('audit_log')
        .select('entry')
        .where('entry', 'like', `%"${marker}"%`)
        .executeTakeFirst();
      expect(row).toBeDefined();
    } finally {
      await other.close();
    }
  });

  it('reject every piece of a group whose transaction SQLite ended, and store none', async () => {
    const { database } = use();
    const before = await storedActions();
    const results = await Promise.allSettled([
      database.groupedTransaction(appendMarked),
      // What SQLite does by itself on a full disk or an I/O error: the whole transaction ends.
      database.groupedTransaction(async (trx) => {
        await sql`rollback`.execute(trx);
        throw new Error('disk full');
      }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await storedActions()).toEqual(before);
    // And the next piece runs as usual.
    const marker = await database.groupedTransaction(appendMarked);
    expect(await storedActions()).toEqual([...before, marker]);
  });
});
