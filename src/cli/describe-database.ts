import type { Config } from '../config.js';
import { describePostgres } from '../store/database.js';

/** "SQLite /path/ombuds.sqlite" or "PostgreSQL host:port/db", never a password. */
export function describeDatabase(config: Pick<Config, 'database'>): string {
  return config.database.kind === 'sqlite'
    ? `SQLite ${config.database.file}`
    : `PostgreSQL ${describePostgres(config.database.url)}`;
}
