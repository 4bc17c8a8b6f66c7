import type { Config } from '../config.js';
import { OmbudsError } from '../domain/errors.js';
import type { ServiceDeps } from '../services/deps.js';
import { inviteStaffUser } from '../services/invite-staff-user.js';
import { cliActorId, disableStaffUser, listStaff } from '../services/manage-staff-users.js';
import { unlockKeys } from '../services/unlock-keys.js';
import { openDatabase } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';
import type { CliIo } from './program.js';

/** Opens the database with its keys (migrating it, as `serve` would) for one user command. */
async function withServices<T>(
  config: Config,
  work: (services: ServiceDeps) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(config.database, { create: true });
  try {
    const keys = await unlockKeys(database, config);
    await migrateToLatest(database);
    await keys.register();
    return await work({ database, keys: keys.ring, now: () => new Date() });
  } finally {
    await database.close();
  }
}

/** `ombuds user add`: creates a staff user and prints their one-time enrolment link. */
export async function userAddCommand(
  config: Config,
  io: CliIo,
  options: { username: string; name: string; role: string[] },
): Promise<number> {
  return withServices(config, async (services) => {
    const invited = await inviteStaffUser(
      services,
      { username: options.username, displayName: options.name, roles: options.role },
      cliActorId,
    );
    io.out(`created ${invited.user.username} (${invited.user.roles.join(', ')})`);
    io.out(`enrolment link, valid once until ${invited.expiresAt} (give it only to that person):`);
    io.out(new URL(invited.path, `${config.publicUrl}/`).toString());
    return 0;
  });
}

/** `ombuds user list`: one line per staff user: user name, status, roles, name. */
export async function userListCommand(config: Config, io: CliIo): Promise<number> {
  return withServices(config, async (services) => {
    const users = await listStaff(services, cliActorId);
    if (users.length === 0) io.out('no staff users yet: add one with "ombuds user add"');
    for (const user of users) {
      const status =
        user.disabledAt !== null ? 'disabled' : user.enrolledAt === null ? 'invited' : 'active';
      io.out(`${user.username}\t${status}\t${user.roles.join(',')}\t${user.displayName}`);
    }
    return 0;
  });
}

/** `ombuds user disable <username>`: disables the account and ends its sessions. */
export async function userDisableCommand(
  config: Config,
  io: CliIo,
  username: string,
): Promise<number> {
  return withServices(config, async (services) => {
    try {
      const user = await disableStaffUser(services, cliActorId, { username });
      io.out(`disabled ${user.username}; every session of the account has ended`);
      return 0;
    } catch (error) {
      if (error instanceof OmbudsError && error.code === 'not_found') {
        io.err(`ombuds: no staff user named "${username}"`);
        return 1;
      }
      throw error;
    }
  });
}
