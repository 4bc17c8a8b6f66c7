import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateKeyRing } from '../../src/crypto/keys.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { openDatabase } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';

/**
 * Services over a fresh, migrated SQLite database in a scratch folder, for HTTP tests that need
 * storage but not both databases (`file` is the SQLite file). `dispose` closes it and removes the
 * folder.
 */
export async function createSqliteServices(
  now: () => Date = () => new Date(),
): Promise<{ services: ServiceDeps; file: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ombuds-services-'));
  const file = path.join(dir, 'ombuds.sqlite');
  const database = await openDatabase({ kind: 'sqlite', file }, { create: true });
  await migrateToLatest(database);
  return {
    services: { database, keys: generateKeyRing(), now },
    file,
    dispose: async () => {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
