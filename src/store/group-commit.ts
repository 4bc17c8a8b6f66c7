import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';

/** Work that runs inside a transaction and resolves once that transaction committed. */
export type GroupedWork<T> = (trx: Transaction<DB>) => Promise<T>;

/** Runs work in a transaction whose commit may be shared with other work waiting at the time. */
export type GroupedTransaction = <T>(work: GroupedWork<T>) => Promise<T>;

/** How many pieces of work one shared commit holds at most, so none waits long behind a stream. */
export const maxGroupedWork = 32;

interface Waiting {
  readonly work: GroupedWork<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for one SQLite connection. SQLite makes every commit durable with an fsync of the
 * write-ahead log, and node:sqlite waits for it on the event loop: under a burst of reports the
 * server spent more time waiting for the disk than working. Here the work that arrives while a
 * commit is under way waits for the next transaction, which runs it all (each piece under its
 * own savepoint) and commits once: one fsync for the whole group.
 *
 * Each piece keeps the meaning of a transaction of its own: its promise resolves only after the
 * shared COMMIT returned (so an answer is never sent for something not on disk); a piece that
 * throws is rolled back to its savepoint and rejects with its error while the others go on; a
 * failed COMMIT rejects every piece of the group, none of which is then stored. A piece must use
 * only the transaction it is given: the connection is held by the group until the commit.
 */
export function groupCommit(db: Kysely<DB>): GroupedTransaction {
  const waiting: Waiting[] = [];
  let running = false;

  const runGroups = async (): Promise<void> => {
    try {
      while (waiting.length > 0) {
        await nextPollPhase();
        await runGroup(db, waiting);
      }
    } finally {
      running = false;
    }
  };

  return <T>(work: GroupedWork<T>) =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!running) {
        running = true;
        // runGroup settles every piece itself and never throws.
        void runGroups();
      }
    });
}

/**
 * node:sqlite runs statements and the commit's fsync on the event loop, so nothing can arrive
 * while a group runs: a group gathers what arrived before it. A group therefore waits for one
 * poll phase of the event loop, where the requests and hashes that completed meanwhile queue
 * their work: the first setImmediate ends the current turn, the second comes after the next poll.
 * (Waiting on a timer instead made larger groups but left the loop idle: measured slower.)
 */
async function nextPollPhase(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}

async function runGroup(db: Kysely<DB>, waiting: Waiting[]): Promise<void> {
  const taken: Waiting[] = [];
  const done: { piece: Waiting; value: unknown }[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      // Work that arrived while the group began joins it, up to the bound.
      while (waiting.length > 0 && taken.length < maxGroupedWork) {
        const piece = waiting.shift() as Waiting;
        taken.push(piece);
        await sql`savepoint grouped_work`.execute(trx);
        try {
          const value = await piece.work(trx);
          await sql`release savepoint grouped_work`.execute(trx);
          done.push({ piece, value });
        } catch (error) {
          // A rollback that fails means SQLite already rolled the whole transaction back (disk
          // full, I/O error): the group fails below, and with it every piece run so far.
          await sql`rollback to savepoint grouped_work`.execute(trx);
          await sql`release savepoint grouped_work`.execute(trx);
          piece.reject(error);
        }
      }
    });
  } catch (error) {
    // Nothing of the group is stored. When the transaction could not even begin, the work that
    // was waiting fails with it rather than retrying against a database that refuses.
    const failed = taken.length > 0 ? taken : waiting.splice(0, maxGroupedWork);
    for (const piece of failed) piece.reject(error);
    return;
  }
  for (const { piece, value } of done) piece.resolve(value);
}
