import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeStorage } from '../../test/helpers/storage.js';
import { appendAuditEntry, inTransaction } from './audit-log.js';
import { decodeAuditEntry, encodeAuditEntry, hashAuditEntry } from './audit-hash.js';
import { verifyAuditChain } from './audit-verify.js';
import { verifyAuditChainInParallel } from './audit-verify-parallel.js';
import { openDatabase } from './database.js';

const at = '2026-11-25T10:00:00.000Z';

describeStorage('audit chain', (use, kind) => {
  it('appends entries in order and verifies the whole chain', async () => {
    const { database } = use();
    for (let i = 0; i < 5; i += 1) {
      await inTransaction(database.db, (trx) =>
        appendAuditEntry(trx, {
          at,
          actor: 'cli',
          action: 'test.append',
          subjectIds: [`s${i}`],
          details: { i },
        }),
      );
    }
    const result = await verifyAuditChain(database.db);
    expect(result).toEqual({ checked: 5, firstBreak: null });
  });

  it('leaves no entry behind when the transaction rolls back', async () => {
    const { database } = use();
    const before = await verifyAuditChain(database.db);
    await expect(
      inTransaction(database.db, async (trx) => {
        await appendAuditEntry(trx, { at, actor: 'cli', action: 'test.rolled-back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const after = await verifyAuditChain(database.db);
    expect(after).toEqual({ checked: before.checked, firstBreak: null });
  });

  // SQLite is one server process with one connection (its busy wait would block the event loop
  // that holds the lock); PostgreSQL is where several app servers share one database.
  it('keeps one unbroken chain with four writers appending at once', async () => {
    const { database, target } = use();
    const before = (await verifyAuditChain(database.db)).checked;
    const servers =
      kind === 'postgres'
        ? await Promise.all([1, 2, 3, 4].map(() => openDatabase(target, { create: false })))
        : [database, database, database, database];
    try {
      await Promise.all(
        servers.map((server, n) =>
          Promise.all(
            Array.from({ length: 25 }, (_, i) =>
              inTransaction(server.db, (trx) =>
                appendAuditEntry(trx, {
                  at,
                  actor: `server-${n}`,
                  action: 'test.concurrent',
                  details: { i },
                }),
              ),
            ),
          ),
        ),
      );
    } finally {
      if (kind === 'postgres') await Promise.all(servers.map((server) => server.close()));
    }
    expect(await verifyAuditChain(database.db)).toEqual({
      checked: before + 100,
      firstBreak: null,
    });
  });
});

describeStorage('audit tampering', (use) => {
  async function seed(count: number): Promise<void> {
    const { database } = use();
    await sql`delete from audit_log`.execute(database.db);
    await sql`update audit_head set last_seq = 0, last_hash = ${'0'.repeat(64)} where id = 1`.execute(
      database.db,
    );
    await inTransaction(database.db, async (trx) => {
      for (let i = 1; i <= count; i += 1) {
        await appendAuditEntry(trx, {
          at,
          actor: 'staff-1',
          action: 'case.viewed',
          caseId: `case-${i}`,
          details: { i },
        });
      }
    });
  }
  const editActor = (seq: number) =>
    sql`update audit_log set entry = replace(entry, '"staff-1"', '"someone-else"') where seq = ${seq}`.execute(
      use().database.db,
    );

  it('names the sequence number of an entry edited in the database', async () => {
    await seed(10);
    await editActor(7);
    expect((await verifyAuditChain(use().database.db)).firstBreak).toEqual({
      kind: 'hash',
      seq: 7,
    });
  });

  it('names an edited entry that now holds a raw line break', async () => {
    await seed(10);
    await sql`update audit_log set entry = replace(entry, ',"staff-1"', ${',\n"staff-1"'}) where seq = 5`.execute(
      use().database.db,
    );
    expect((await verifyAuditChain(use().database.db)).firstBreak).toEqual({
      kind: 'hash',
      seq: 5,
    });
  });

  it('names the last entry when that is the one edited', async () => {
    await seed(10);
    await editActor(10);
    expect((await verifyAuditChain(use().database.db)).firstBreak).toEqual({
      kind: 'hash',
      seq: 10,
    });
  });

  it('names the gap where an entry was deleted', async () => {
    await seed(10);
    await sql`delete from audit_log where seq = 4`.execute(use().database.db);
    expect((await verifyAuditChain(use().database.db)).firstBreak).toEqual({
      kind: 'missing',
      seq: 4,
    });
  });

  it('detects two entries swapped', async () => {
    await seed(10);
    const { db } = use().database;
    await sql`update audit_log set seq = -1 where seq = 3`.execute(db);
    await sql`update audit_log set seq = 3 where seq = 6`.execute(db);
    await sql`update audit_log set seq = 6 where seq = -1`.execute(db);
    expect((await verifyAuditChain(db)).firstBreak).toEqual({ kind: 'moved', seq: 3 });
  });

  it('detects a log cut off at the end', async () => {
    await seed(10);
    await sql`delete from audit_log where seq > 8`.execute(use().database.db);
    expect((await verifyAuditChain(use().database.db)).firstBreak).toEqual({
      kind: 'truncated',
      seq: 9,
    });
  });

  it('detects an entry added behind the head', async () => {
    await seed(10);
    const { db } = use().database;
    const last = await db
      .selectFrom('audit_log')
      .select(['entry', 'hash'])
      .where('seq', '=', 10)
      .executeTakeFirstOrThrow();
    const forged = encodeAuditEntry({
      ...decodeAuditEntry(last.entry),
      seq: 11,
      prevHash: last.hash,
    });
    await db
      .insertInto('audit_log')
      .values({ seq: 11, entry: forged, hash: hashAuditEntry(forged) })
      .execute();
    expect((await verifyAuditChain(db)).firstBreak).toEqual({ kind: 'head', seq: 11 });
  });

  it('detects a whole entry rewritten with a fresh hash, at the next link', async () => {
    await seed(10);
    const { db } = use().database;
    const row = await db
      .selectFrom('audit_log')
      .select('entry')
      .where('seq', '=', 5)
      .executeTakeFirstOrThrow();
    const forged = encodeAuditEntry({ ...decodeAuditEntry(row.entry), details: { i: 99 } });
    await db
      .updateTable('audit_log')
      .set({ entry: forged, hash: hashAuditEntry(forged) })
      .where('seq', '=', 5)
      .execute();
    expect((await verifyAuditChain(db)).firstBreak).toEqual({ kind: 'link', seq: 6 });
  });

  it('refuses to change the queryable columns apart from the hashed entry', async () => {
    await seed(3);
    await expect(
      sql`update audit_log set actor = 'someone-else' where seq = 2`.execute(use().database.db),
    ).rejects.toThrow();
    const row = await use()
      .database.db.selectFrom('audit_log')
      .select(['actor', 'case_id'])
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ actor: 'staff-1', case_id: 'case-2' });
  });

  it('finds the same breaks when ranges are checked on several threads', async () => {
    await seed(40);
    const { database, target } = use();
    const parallel = (threads: number) =>
      verifyAuditChainInParallel(database, target, { threads, minEntriesForThreads: 0 });
    expect(await parallel(4)).toEqual({ checked: 40, firstBreak: null });
    await editActor(10); // the last entry of the first range
    expect((await parallel(4)).firstBreak).toEqual({ kind: 'hash', seq: 10 });
    await seed(40);
    await editActor(23);
    expect((await parallel(3)).firstBreak).toEqual({ kind: 'hash', seq: 23 });
  });
});
