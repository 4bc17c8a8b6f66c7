import type { DatabaseSync, StatementSync } from 'node:sqlite';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';

/**
 * Kysely's own SQLite driver and compiler, fed by Node's built-in `node:sqlite` instead of
 * better-sqlite3. The adapter is small on purpose: Kysely keeps the connection mutex.
 */
export class NodeSqliteDialect implements Dialect {
  readonly #database: SqliteDatabase;

  constructor(database: DatabaseSync) {
    this.#database = adaptDatabase(database);
  }

  createDriver(): Driver {
    return new ImmediateTransactionDriver({ database: this.#database });
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/**
 * `BEGIN IMMEDIATE` takes the write lock at the start of a transaction. A plain (deferred) BEGIN
 * upgrades later and can fail with SQLITE_BUSY without waiting when another process (the CLI
 * beside the server) writes at the same time; immediate transactions wait on the busy timeout.
 */
class ImmediateTransactionDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

function adaptDatabase(database: DatabaseSync): SqliteDatabase {
  return {
    close: () => database.close(),
    prepare: (sql) => adaptStatement(database.prepare(sql)),
  };
}

function adaptStatement(statement: StatementSync): SqliteStatement {
  return {
    // A statement that returns columns is a reader, RETURNING clauses included.
    reader: statement.columns().length > 0,
    all: (parameters) => statement.all(...toSqliteValues(parameters)),
    run: (parameters) => statement.run(...toSqliteValues(parameters)),
    iterate: (parameters) => statement.iterate(...toSqliteValues(parameters)),
  };
}

type SqliteValue = null | number | bigint | string | Uint8Array;

function toSqliteValues(parameters: ReadonlyArray<unknown>): SqliteValue[] {
  return parameters.map((value) => {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value === undefined) return null;
    return value as SqliteValue;
  });
}
