import type { Migration } from 'kysely/migration';
import { initialSchema } from './2026-11-25T0000-initial-schema.js';
import { reporting } from './2026-11-25T0100-reporting.js';
import { staffAuth } from './2026-11-25T0200-staff-auth.js';
import { consoleQueue } from './2026-11-25T0300-console.js';
import { access } from './2026-11-25T0400-access.js';
import { queueAccess } from './2026-11-25T0500-queue-access.js';
import { mergedIntoIndex } from './2026-11-25T0600-merged-into-index.js';

/**
 * Every migration, oldest first. Names are timestamps so they sort in the order they were written;
 * a database that has run a name missing here was migrated by a newer ombuds.
 */
export function allMigrations(dialect: 'sqlite' | 'postgres'): Record<string, Migration> {
  return {
    '2026-11-25T0000-initial-schema': initialSchema(dialect),
    '2026-11-25T0100-reporting': reporting(dialect),
    '2026-11-25T0200-staff-auth': staffAuth(dialect),
    '2026-11-25T0300-console': consoleQueue(dialect),
    '2026-11-25T0400-access': access(dialect),
    '2026-11-25T0500-queue-access': queueAccess(dialect),
    '2026-11-25T0600-merged-into-index': mergedIntoIndex(dialect),
  };
}
