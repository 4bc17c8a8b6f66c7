import type { Config } from '../config.js';
import { unlockKeys } from '../services/unlock-keys.js';
import { openDatabase } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';
import type { CliIo } from './program.js';
import { describeDatabase } from './describe-database.js';

/** `ombuds migrate`: checks the keys (so a wrong key changes nothing), then migrates. */
export async function migrateCommand(config: Config, io: CliIo): Promise<number> {
  const database = await openDatabase(config.database, { create: true });
  try {
    const keys = await unlockKeys(database, config);
    const report = await migrateToLatest(database);
    await keys.register();
    if (keys.created)
      io.out(
        `created a new key file under ${config.dataDir}/keys: back it up apart from the database`,
      );
    io.out(
      report.applied.length === 0
        ? `${describeDatabase(config)} is up to date (${report.current ?? 'no migrations'})`
        : `${describeDatabase(config)}: applied ${report.applied.join(', ')}`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
