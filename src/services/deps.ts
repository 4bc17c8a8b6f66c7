import type { KeyRing } from '../crypto/keys.js';
import type { Database } from '../store/database.js';

/**
 * What every service needs from the composition root: the database, the unlocked keys and a
 * clock. Services read the time only through `now`, so tests can move it.
 */
export interface ServiceDeps {
  readonly database: Database;
  readonly keys: KeyRing;
  readonly now: () => Date;
}
