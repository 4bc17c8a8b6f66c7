import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import type { DatabaseTarget } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';

/**
 * Storage tests run on SQLite and on PostgreSQL. PostgreSQL comes from OMBUDS_TEST_POSTGRES_URL
 * (an account that may create databases); without it the PostgreSQL half is skipped locally, and
 * under CI=true the run fails instead, so CI never passes with a suite skipped.
 */
export const postgresAdminUrl = process.env.OMBUDS_TEST_POSTGRES_URL ?? null;
const inCi = process.env.CI === 'true';

if (postgresAdminUrl === null && inCi) {
  throw new Error(
    'CI=true but OMBUDS_TEST_POSTGRES_URL is not set: the PostgreSQL suites cannot run',
  );
}

export interface TestStorage {
  readonly database: Database;
  readonly target: DatabaseTarget;
  /** A scratch folder for the test file: key files, SQLite file. */
  readonly dir: string;
}

export type StorageKind = DatabaseTarget['kind'];

export const storageKinds: readonly StorageKind[] =
  postgresAdminUrl === null ? ['sqlite'] : ['sqlite', 'postgres'];

/** A fresh, empty database of that kind (a new file, or a new PostgreSQL database). */
export async function createTestTarget(
  kind: StorageKind,
  dir: string,
): Promise<{ target: DatabaseTarget; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    return {
      target: { kind, file: path.join(dir, 'ombuds.sqlite') },
      drop: () => Promise.resolve(),
    };
  }
  if (postgresAdminUrl === null) throw new Error('no PostgreSQL for tests');
  const name = `ombuds_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`create database ${name}`));
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind, url: url.toString() },
    drop: () =>
      withAdmin((client) => client.query(`drop database if exists ${name} with (force)`)).then(
        () => undefined,
      ),
  };
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl ?? undefined });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Declares the suite once per database kind, with a database migrated once for the file.
 * `use()` returns it inside tests.
 */
export function describeStorage(
  title: string,
  define: (use: () => TestStorage, kind: StorageKind) => void,
): void {
  for (const kind of storageKinds) {
    describe(`${title} [${kind}]`, () => {
      let storage: TestStorage | undefined;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'ombuds-test-'));
        const created = await createTestTarget(kind, dir);
        drop = created.drop;
        const database = await openDatabase(created.target, { create: true });
        await migrateToLatest(database);
        storage = { database, target: created.target, dir };
      });
      afterAll(async () => {
        await storage?.database.close();
        await drop?.();
        if (storage) await rm(storage.dir, { recursive: true, force: true });
      });
      define(() => {
        if (storage === undefined) throw new Error('storage not ready');
        return storage;
      }, kind);
    });
  }
}
