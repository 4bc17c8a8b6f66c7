import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, truncate } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeStorage } from '../../test/helpers/storage.js';
import { OmbudsError } from '../domain/errors.js';
import { openDatabase } from './database.js';
import { migrateToLatest, pendingMigrations } from './migrate.js';

function digestOfFolder(dir: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    hash.update(name);
    hash.update(readFileSync(path.join(dir, name)));
  }
  return hash.digest('hex');
}

describe('opening an SQLite database', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ombuds-open-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps WAL, synchronous=FULL and foreign keys on after a restart', async () => {
    const file = path.join(dir, 'ombuds.sqlite');
    const first = await openDatabase({ kind: 'sqlite', file }, { create: true });
    await migrateToLatest(first);
    await first.close();

    const again = await openDatabase({ kind: 'sqlite', file }, { create: false });
    const pragma = async (name: string) =>
      Object.values(
        (await sql.raw(`PRAGMA ${name}`).execute(again.db)).rows[0] as object,
      )[0] as unknown;
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2);
    expect(await pragma('foreign_keys')).toBe(1);
    await again.close();
  });

  it('refuses a missing file for a command that must not create one, and creates nothing', async () => {
    const file = path.join(dir, 'absent', 'ombuds.sqlite');
    await expect(openDatabase({ kind: 'sqlite', file }, { create: false })).rejects.toThrow(
      /no database at/,
    );
    expect(existsSync(path.dirname(file))).toBe(false);
  });

  it('refuses a file that is not a database, with one line, leaving it untouched', async () => {
    const file = path.join(dir, 'ombuds.sqlite');
    writeFileSync(file, 'this is not sqlite at all, just some words\n'.repeat(200));
    const before = digestOfFolder(dir);
    const error = await openDatabase({ kind: 'sqlite', file }, { create: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OmbudsError);
    expect((error as OmbudsError).code).toBe('configuration');
    expect((error as Error).message).toMatch(/damaged or not an ombuds database/);
    expect((error as Error).message).not.toContain('\n');
    expect(digestOfFolder(dir)).toBe(before);
  });

  it('refuses a truncated database file, leaving it untouched', async () => {
    const file = path.join(dir, 'ombuds.sqlite');
    const raw = new DatabaseSync(file);
    raw.exec('create table filler(x text)');
    const insert = raw.prepare('insert into filler values (?)');
    raw.exec('begin');
    for (let i = 0; i < 2000; i += 1) insert.run(`row ${i} ${'x'.repeat(200)}`);
    raw.exec('commit');
    raw.close();
    await truncate(file, 4096 * 20);
    const before = digestOfFolder(dir);
    await expect(openDatabase({ kind: 'sqlite', file }, { create: true })).rejects.toThrow(
      /damaged/,
    );
    expect(digestOfFolder(dir)).toBe(before);
  });
});

describe('opening a PostgreSQL database', () => {
  it('says in one line that the server cannot be reached, without the password', async () => {
    const url = 'postgres://ombuds:s3cret-password@127.0.0.1:1/ombuds';
    const error = await openDatabase({ kind: 'postgres', url }, { create: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OmbudsError);
    expect((error as OmbudsError).code).toBe('unavailable');
    expect((error as Error).message).toMatch(
      /^cannot reach PostgreSQL at 127\.0\.0\.1:1\/ombuds: /,
    );
    expect((error as Error).message).not.toContain('s3cret');
  });
});

describeStorage('migrations', (use) => {
  it('leaves nothing pending after migrating, and a second run applies nothing', async () => {
    const { database } = use();
    expect(await pendingMigrations(database)).toEqual([]);
    expect((await migrateToLatest(database)).applied).toEqual([]);
  });

  it('refuses a database migrated by a newer ombuds, changing nothing', async () => {
    const { database } = use();
    await sql`insert into kysely_migration (name, timestamp) values (${'2999-01-01T0000-from-the-future'}, ${new Date().toISOString()})`.execute(
      database.db,
    );
    try {
      await expect(migrateToLatest(database)).rejects.toThrow(
        /migrated by a newer ombuds \(it has run 2999-01-01T0000-from-the-future/,
      );
    } finally {
      await sql`delete from kysely_migration where name = ${'2999-01-01T0000-from-the-future'}`.execute(
        database.db,
      );
    }
  });
});
