import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config.js';
import { OmbudsError } from '../domain/errors.js';
import { groupCommit, type GroupedTransaction } from './group-commit.js';
import { NodeSqliteDialect } from './node-sqlite-dialect.js';
import type { DB } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  /**
   * A transaction for work that many clients send at once (reports): on SQLite, work that arrives
   * while another commit is under way shares the next commit (group-commit.ts); on PostgreSQL,
   * which groups concurrent commits itself, a transaction of its own on the pool.
   */
  readonly groupedTransaction: GroupedTransaction;
  /** Throws OmbudsError('unavailable') when the database does not answer. */
  checkHealth(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Create the SQLite file (and its folder) when it is missing; false for read-only commands. */
  readonly create: boolean;
  /** Open for reading only (verification, exports): nothing may be written, not even a pragma. */
  readonly readOnly?: boolean;
  /** Called when PostgreSQL drops a pooled client; without a listener `pg` would kill the process. */
  readonly onPoolError?: (error: Error) => void;
}

/**
 * Opens the database the target names. A corrupt file or an unreachable server throws
 * OmbudsError('configuration' | 'unavailable') with one clear line, having changed nothing on disk.
 */
export async function openDatabase(
  target: DatabaseTarget,
  options: OpenOptions,
): Promise<Database> {
  return target.kind === 'sqlite'
    ? openSqlite(target.file, options)
    : openPostgres(target.url, options);
}

function openSqlite(file: string, options: OpenOptions): Database {
  const exists = existsSync(file);
  if (!exists && !options.create) {
    throw new OmbudsError('configuration', `no database at ${file}: run "ombuds migrate" first`);
  }
  if (exists) {
    if (!statSync(file).isFile()) {
      throw new OmbudsError('configuration', `${file} is not a database file`);
    }
    checkSqliteFileReadOnly(file);
  } else {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  }

  const database = new DatabaseSync(file, {
    timeout: 5000,
    enableForeignKeyConstraints: true,
    readOnly: options.readOnly === true,
  });
  if (options.readOnly !== true) {
    try {
      database.exec('PRAGMA journal_mode = WAL');
      // FULL: a commit is on disk before it is acknowledged, even across power loss in WAL mode.
      database.exec('PRAGMA synchronous = FULL');
      database.exec('PRAGMA foreign_keys = ON');
      assertPragma(database, 'journal_mode', 'wal');
      assertPragma(database, 'synchronous', 2);
      assertPragma(database, 'foreign_keys', 1);
    } catch (error) {
      database.close();
      throw error instanceof OmbudsError
        ? error
        : new OmbudsError('configuration', `cannot open the database ${file}: ${describe(error)}`);
    }
  }

  const db = new Kysely<DB>({ dialect: new NodeSqliteDialect(database) });
  return {
    db,
    dialect: 'sqlite',
    groupedTransaction: groupCommit(db),
    checkHealth: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

/**
 * Checks an existing file before anything may write to it, so a damaged or truncated file is
 * reported without being touched (opening it read-write would already switch it to WAL). The
 * check reads the header and the schema only, so it costs the same for any size of database.
 */
function checkSqliteFileReadOnly(file: string): void {
  let probe: DatabaseSync | undefined;
  try {
    checkSqliteHeader(file);
    probe = new DatabaseSync(file, { readOnly: true, timeout: 5000 });
    probe.prepare('select count(*) from sqlite_schema').get();
  } catch (error) {
    throw new OmbudsError(
      'configuration',
      `the database file ${file} is damaged or not an ombuds database (${describe(error)}); restore it from a backup`,
    );
  } finally {
    probe?.close();
  }
}

/** The 100-byte SQLite header: its magic string, and a page count that the file really holds. */
function checkSqliteHeader(file: string): void {
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\0') {
    throw new Error(read === 0 ? 'the file is empty' : 'no SQLite header');
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = header.readUInt32BE(28);
  // The page count is valid only when written by the same change as the change counter.
  const countIsValid = header.readUInt32BE(92) === header.readUInt32BE(24);
  const size = statSync(file).size;
  if (countIsValid && pageCount * pageSize > size) {
    throw new Error(
      `the file holds ${Math.floor(size / pageSize)} of its ${pageCount} pages: it was truncated`,
    );
  }
}

function assertPragma(database: DatabaseSync, name: string, expected: string | number): void {
  const row = database.prepare(`PRAGMA ${name}`).get() as Record<string, unknown> | undefined;
  const actual = row?.[name];
  if (actual !== expected) {
    throw new OmbudsError(
      'configuration',
      `SQLite refused PRAGMA ${name} = ${expected} (it is ${String(actual)})`,
    );
  }
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    ...(options.readOnly === true ? { options: '-c default_transaction_read_only=on' } : {}),
    idleTimeoutMillis: 30_000,
    // COUNT(*) and bigint columns arrive as strings otherwise; ours stay far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20
          ? (value: string) => Number(value)
          : (pg.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', (error) => options.onPoolError?.(error));

  const where = describePostgres(url);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new OmbudsError('unavailable', `cannot reach PostgreSQL at ${where}: ${describe(error)}`);
  }

  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    groupedTransaction: (work) => db.transaction().execute(work),
    checkHealth: async () => {
      try {
        await sql`select 1`.execute(db);
      } catch (error) {
        throw new OmbudsError('unavailable', 'The database is not answering. Try again shortly.', {
          logMessage: `PostgreSQL at ${where} is not answering: ${describe(error)}`,
          cause: error,
        });
      }
    },
    close: () => db.destroy(),
  };
}

/** host:port/database, never the password. */
export function describePostgres(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the configured URL';
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const message =
      error.message ||
      (error instanceof AggregateError ? error.errors.map(describe).join(', ') : '');
    return typeof code === 'string' && !message.includes(code)
      ? `${code} ${message}`.trim()
      : message;
  }
  return String(error);
}
