import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { KeyRing } from './crypto/keys.js';
import { buildServer } from './http/server.js';
import { startIntakeWriter, type IntakeWriter } from './services/intake-writer.js';
import { unlockKeys } from './services/unlock-keys.js';
import { openDatabase, type Database } from './store/database.js';
import { migrateToLatest } from './store/migrate.js';

export interface RunningOmbuds {
  readonly app: FastifyInstance;
  readonly database: Database;
  readonly keys: KeyRing;
  /** The address it listens on, e.g. http://127.0.0.1:8080. */
  readonly address: string;
  close(): Promise<void>;
}

/**
 * The composition root: database → keys → schema → server → listen. Every check that can refuse
 * start-up (database, keys, schema version) runs before anything is written.
 */
export async function startOmbuds(
  config: Config,
  options: { logStream?: NodeJS.WritableStream } = {},
): Promise<RunningOmbuds> {
  let logPoolError = (error: Error) =>
    console.error(`ombuds: database connection lost: ${error.message}`);
  const database = await openDatabase(config.database, {
    create: true,
    onPoolError: (error) => logPoolError(error),
  });
  let intakeWriter: IntakeWriter | undefined;
  try {
    const keys = await unlockKeys(database, config);
    await migrateToLatest(database);
    await keys.register();
    // SQLite runs statements on the calling thread: reports are stored on a thread of their own.
    // PostgreSQL's client never blocks the event loop, and needs none.
    if (config.database.kind === 'sqlite') {
      intakeWriter = await startIntakeWriter({ file: config.database.file, keys: keys.ring });
    }

    const app = await buildServer({
      config,
      checkDatabase: () => database.checkHealth(),
      services: {
        database,
        keys: keys.ring,
        now: () => new Date(),
        ...(intakeWriter ? { intakeWriter } : {}),
      },
      ...(options.logStream ? { logStream: options.logStream } : {}),
    });
    logPoolError = (error) => app.log.error({ err: error }, 'database connection lost');
    const address = await app.listen({ host: config.listen.host, port: config.listen.port });
    return {
      app,
      database,
      keys: keys.ring,
      address,
      close: async () => {
        await app.close();
        await intakeWriter?.close();
        await database.close();
      },
    };
  } catch (error) {
    await intakeWriter?.close();
    await database.close();
    throw error;
  }
}
