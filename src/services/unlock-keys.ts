import type { Config } from '../config.js';
import { assertKeyCheck, keyCheck, loadKeyRing, type KeyRing } from '../crypto/keys.js';
import type { Database } from '../store/database.js';
import { holdsSealedData, insertSetting, readSetting } from '../store/settings.repository.js';

export interface UnlockedKeys {
  readonly ring: KeyRing;
  /** True when this start created the key file (a new installation). */
  readonly created: boolean;
  /** Stores the key check of a new installation; call once the schema exists. */
  readonly register: () => Promise<void>;
}

/**
 * Loads the keys and proves they are the ones this database was sealed with, before anything is
 * written. A new key is made only for a database that holds no sealed data and no key check.
 * Throws OmbudsError('configuration') for a missing, malformed or wrong key.
 */
export async function unlockKeys(
  database: Database,
  config: Pick<Config, 'dataDir' | 'keysFromEnv'>,
): Promise<UnlockedKeys> {
  const stored = await readSetting(database.db, 'key_check');
  const sealed = stored !== undefined || (await holdsSealedData(database.db));
  const { ring, created } = await loadKeyRing({
    dataDir: config.dataDir,
    fromEnv: config.keysFromEnv,
    mayCreate: !sealed,
  });
  if (stored !== undefined) assertKeyCheck(ring, stored);
  return {
    ring,
    created,
    register: async () => {
      if (stored === undefined) await insertSetting(database.db, 'key_check', keyCheck(ring));
    },
  };
}
