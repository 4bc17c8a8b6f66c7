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

/**
 * How many prepared statements one database keeps. Kysely compiles each query shape to the same
 * SQL text every time, so the hot queries (intake, the queue, follow-up) stay cached; the bound
 * keeps shapes that vary (an `in` list of another length, a migration) from growing it forever.
 */
export const preparedStatementCacheSize = 200;

/**
 * The database as Kysely sees it, with its prepared statements cached by SQL text (least recently
 * used first out). Preparing is a large part of a short query's cost, and a node:sqlite statement
 * may be run again and again: `all` and `run` reset it when they finish, so a cached statement
 * holds no lock and no state between runs. Streaming (`iterate`) keeps a statement open while the
 * caller reads, so it always gets a fresh statement of its own, never the shared one.
 */
function adaptDatabase(database: DatabaseSync): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare: (sql) => {
      const cached = cache.get(sql);
      if (cached !== undefined) {
        // Re-inserted so that the Map's order is the order of last use.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = adaptStatement(database, sql);
      cache.set(sql, statement);
      if (cache.size > preparedStatementCacheSize) {
        const oldest = cache.keys().next();
        if (oldest.done !== true) cache.delete(oldest.value);
      }
      return statement;
    },
  };
}

function adaptStatement(database: DatabaseSync, sql: string): SqliteStatement {
  const statement: StatementSync = database.prepare(sql);
  return {
    // A statement that returns columns is a reader, RETURNING clauses included.
    reader: statement.columns().length > 0,
    all: (parameters) => statement.all(...toSqliteValues(parameters)),
    run: (parameters) => statement.run(...toSqliteValues(parameters)),
    iterate: (parameters) => database.prepare(sql).iterate(...toSqliteValues(parameters)),
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
