import type { Kysely, Selectable, Transaction } from 'kysely';
import { parseStoredRoles, type StaffUser } from '../domain/staff-accounts.js';
import type { Role } from '../domain/roles.js';
import type { DB, StaffUsersTable } from './schema.js';

type Executor = Kysely<DB> | Transaction<DB>;
export type StaffUserRow = Selectable<StaffUsersTable>;

/** Maps a row to the application's view of a staff user (no hash, no secret). */
export function toStaffUser(row: StaffUserRow): StaffUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: parseStoredRoles(row.roles),
    createdAt: row.created_at,
    enrolledAt: row.enrolled_at,
    disabledAt: row.disabled_at,
  };
}

/** The full row of a user by user name (already normalised), or undefined. */
export function findStaffRowByUsername(db: Executor, username: string) {
  return db
    .selectFrom('staff_users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
}

/** The full row of a user by id, or undefined. */
export function findStaffRowById(db: Executor, id: string) {
  return db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every staff user, by user name. */
export async function listStaffUsers(db: Executor): Promise<StaffUser[]> {
  const rows = await db.selectFrom('staff_users').selectAll().orderBy('username').execute();
  return rows.map(toStaffUser);
}

/** Inserts an invited user: no password yet, the TOTP secret sealed, not enrolled. */
export async function insertInvitedStaffUser(
  db: Executor,
  user: {
    id: string;
    username: string;
    displayName: string;
    roles: readonly Role[];
    totpSecretSealed: Uint8Array;
    createdAt: string;
  },
): Promise<void> {
  await db
    .insertInto('staff_users')
    .values({
      id: user.id,
      username: user.username,
      display_name: user.displayName,
      roles: JSON.stringify(user.roles),
      password_hash: '',
      totp_secret_sealed: user.totpSecretSealed,
      created_at: user.createdAt,
    })
    .execute();
}

/** Sets the password hash and marks the time it changed (and enrolment, when first set). */
export async function setPasswordHash(
  db: Executor,
  id: string,
  passwordHash: string,
  at: string,
  options: { enrol: boolean },
): Promise<void> {
  await db
    .updateTable('staff_users')
    .set({
      password_hash: passwordHash,
      password_changed_at: at,
      ...(options.enrol ? { enrolled_at: at } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Records a TOTP step as used, only if it is later than the last one: true when this call
 * claimed it. One conditional UPDATE, so two requests with the same code cannot both win.
 */
export async function claimTotpStep(db: Executor, id: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('staff_users')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Marks a user disabled at that time. */
export async function setStaffDisabled(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('staff_users').set({ disabled_at: at }).where('id', '=', id).execute();
}

/** Replaces a user's roles. */
export async function setStaffRoles(
  db: Executor,
  id: string,
  roles: readonly Role[],
): Promise<void> {
  await db
    .updateTable('staff_users')
    .set({ roles: JSON.stringify(roles) })
    .where('id', '=', id)
    .execute();
}
