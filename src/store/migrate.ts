import { sql } from 'kysely';
import { Migrator, type MigrationResult } from 'kysely/migration';
import { OmbudsError } from '../domain/errors.js';
import type { Database } from './database.js';
import { allMigrations } from './migrations/index.js';

const migrationTable = 'kysely_migration';

export interface MigrationReport {
  readonly applied: readonly string[];
  readonly current: string | null;
}

/**
 * Brings the schema up to this version of ombuds. Refuses a database migrated by a newer ombuds
 * (it would not know that schema) before changing anything.
 */
export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  const migrations = allMigrations(database.dialect);
  await assertNotNewer(database, Object.keys(migrations));

  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: migrationTable,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new OmbudsError(
      'configuration',
      `migration ${failed} failed: ${String((error as Error).message ?? error)}`,
      {
        cause: error,
      },
    );
  }
  const applied = (results ?? [])
    .filter((r: MigrationResult) => r.status === 'Success')
    .map((r) => r.migrationName);
  const names = Object.keys(migrations);
  return { applied, current: names[names.length - 1] ?? null };
}

/** Migrations this build knows that the database has not run yet. */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const known = Object.keys(allMigrations(database.dialect));
  const done = new Set(await appliedMigrationNames(database));
  return known.filter((name) => !done.has(name));
}

async function assertNotNewer(database: Database, known: readonly string[]): Promise<void> {
  const knownSet = new Set(known);
  const unknown = (await appliedMigrationNames(database)).filter((name) => !knownSet.has(name));
  if (unknown.length > 0) {
    throw new OmbudsError(
      'configuration',
      `this database was migrated by a newer ombuds (it has run ${unknown.join(', ')}, which this version does not know); run the newer ombuds, or restore a backup made for this version`,
    );
  }
}

async function appliedMigrationNames(database: Database): Promise<string[]> {
  const tables = await database.db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((table) => table.name === migrationTable)) return [];
  const rows = await sql<{
    name: string;
  }>`select name from ${sql.table(migrationTable)} order by name`.execute(database.db);
  return rows.rows.map((row) => row.name);
}
