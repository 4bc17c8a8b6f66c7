import type { KeyRing } from '../crypto/keys.js';
import type { Database } from '../store/database.js';
import type { IntakeWriter } from './intake-writer.js';

/**
 * What every service needs from the composition root: the database, the unlocked keys and a
 * clock. Services read the time only through `now`, so tests can move it.
 */
export interface ServiceDeps {
  readonly database: Database;
  readonly keys: KeyRing;
  readonly now: () => Date;
  /**
   * Where reports are stored: a thread of their own with its own connection (SQLite under
   * `ombuds serve`), or, when absent, this thread.
   */
  readonly intakeWriter?: IntakeWriter;
}
