import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, sql, type Generated } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NodeSqliteDialect, preparedStatementCacheSize } from './node-sqlite-dialect.js';

interface Scratch {
  items: { id: Generated<number>; label: string };
}

describe('the node:sqlite dialect', () => {
  let dir: string;
  let file: string;
  let raw: DatabaseSync;
  let db: Kysely<Scratch>;
  let preparedTexts: () => string[];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ombuds-dialect-'));
    file = path.join(dir, 'scratch.sqlite');
    raw = new DatabaseSync(file, { timeout: 0 });
    raw.exec('PRAGMA journal_mode = WAL');
    raw.exec('create table items (id integer primary key, label text not null)');
    const prepare = vi.spyOn(raw, 'prepare');
    preparedTexts = () => prepare.mock.calls.map((call) => call[0]);
    db = new Kysely<Scratch>({ dialect: new NodeSqliteDialect(raw) });
  });

  afterEach(async () => {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('prepares a query once and reuses the statement when the same SQL runs again', async () => {
    for (let id = 1; id <= 5; id += 1) {
      await db
        .insertInto('items')
        .values({ id, label: `item ${id}` })
        .execute();
    }
    for (let id = 1; id <= 5; id += 1) {
      await db.selectFrom('items').select('label').where('id', '=', id).executeTakeFirst();
    }
    const texts = preparedTexts();
    expect(texts.filter((text) => text.startsWith('insert into "items"'))).toHaveLength(1);
    expect(texts.filter((text) => text.startsWith('select "label"'))).toHaveLength(1);
  });

  it('returns current rows from a reused statement, with each call’s own parameters', async () => {
    await db.insertInto('items').values({ id: 1, label: 'first' }).execute();
    const read = (id: number) =>
      db.selectFrom('items').select(['id', 'label']).where('id', '=', id).executeTakeFirst();
    expect(await read(1)).toEqual({ id: 1, label: 'first' });
    expect(await read(2)).toBeUndefined();
    await db.insertInto('items').values({ id: 2, label: 'second' }).execute();
    await db.updateTable('items').set({ label: 'changed' }).where('id', '=', 1).execute();
    expect(await read(1)).toEqual({ id: 1, label: 'changed' });
    expect(await read(2)).toEqual({ id: 2, label: 'second' });
    const deleted = await db.deleteFrom('items').where('id', '=', 2).executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(1n);
    expect(await read(2)).toBeUndefined();
  });

  it('keeps transactions BEGIN IMMEDIATE: the write lock is held before the first write', async () => {
    const other = new DatabaseSync(file, { timeout: 0 });
    try {
      for (let round = 0; round < 2; round += 1) {
        await db.transaction().execute(async (trx) => {
          // Only a read so far: a deferred BEGIN would not hold the write lock yet.
          await trx.selectFrom('items').selectAll().execute();
          expect(() => other.exec("insert into items (label) values ('from elsewhere')")).toThrow(
            /locked|busy/i,
          );
          await trx
            .insertInto('items')
            .values({ label: `round ${round}` })
            .execute();
        });
      }
      other.exec("insert into items (label) values ('after the transactions')");
    } finally {
      other.close();
    }
    const labels = await db.selectFrom('items').select('label').orderBy('id').execute();
    expect(labels.map((row) => row.label)).toEqual([
      'round 0',
      'round 1',
      'after the transactions',
    ]);
    expect(preparedTexts().filter((text) => text === 'begin immediate')).toHaveLength(1);
  });

  it('rolls back through a reused statement and leaves the reused statements usable', async () => {
    for (let round = 0; round < 2; round += 1) {
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.insertInto('items').values({ id: 7, label: 'rolled back' }).execute();
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
    }
    expect(await db.selectFrom('items').selectAll().execute()).toEqual([]);
    await db.insertInto('items').values({ id: 7, label: 'kept' }).execute();
    expect(await db.selectFrom('items').selectAll().execute()).toEqual([{ id: 7, label: 'kept' }]);
  });

  it('streams with a statement of its own, leaving the cached one to later queries', async () => {
    for (let id = 1; id <= 3; id += 1) {
      await db
        .insertInto('items')
        .values({ id, label: `item ${id}` })
        .execute();
    }
    const query = () => db.selectFrom('items').select('id').orderBy('id');
    expect((await query().execute()).map((row) => row.id)).toEqual([1, 2, 3]);
    const streamed: number[] = [];
    for await (const row of query().stream()) {
      streamed.push(row.id);
      // Left after one row: the stream's statement is abandoned half read.
      break;
    }
    expect(streamed).toEqual([1]);
    expect((await query().execute()).map((row) => row.id)).toEqual([1, 2, 3]);
    const full: number[] = [];
    for await (const row of query().stream()) full.push(row.id);
    expect(full).toEqual([1, 2, 3]);
  });

  it('keeps at most the bound of statements, preparing an evicted one again when it returns', async () => {
    const distinct = (n: number) => sql<{ n: number }>`select ${sql.lit(n)} as n`.execute(db);
    await distinct(0);
    for (let n = 1; n <= preparedStatementCacheSize; n += 1) await distinct(n);
    // 0 was the least recently used of 201 texts, so it was evicted; 200 is still cached.
    expect((await distinct(0)).rows).toEqual([{ n: 0 }]);
    expect((await distinct(preparedStatementCacheSize)).rows).toEqual([
      { n: preparedStatementCacheSize },
    ]);
    const texts = preparedTexts();
    expect(texts.filter((text) => text === 'select 0 as n')).toHaveLength(2);
    expect(
      texts.filter((text) => text === `select ${preparedStatementCacheSize} as n`),
    ).toHaveLength(1);
  });
});
