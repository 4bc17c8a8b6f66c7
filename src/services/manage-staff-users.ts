import { notFound, OmbudsError } from '../domain/errors.js';
import { hasRole, type Actor, type Role } from '../domain/roles.js';
import { disableRefusal, roleListSchema, type StaffUser } from '../domain/staff-accounts.js';
import { appendAuditEntry, inTransaction } from '../store/audit-log.js';
import { closeEnrolmentsOfUser } from '../store/staff-enrolment.repository.js';
import { deleteSessionsOfUser } from '../store/staff-session.repository.js';
import {
  findStaffRowById,
  findStaffRowByUsername,
  listStaffUsers,
  setStaffDisabled,
  setStaffRoles,
  toStaffUser,
} from '../store/staff-user.repository.js';
import type { ServiceDeps } from './deps.js';

/** The actor id the command line acts as in the audit log. */
export const cliActorId = 'cli';

function assertAdministrator(actor: Actor | typeof cliActorId): string {
  if (actor === cliActorId) return cliActorId;
  if (!hasRole(actor, 'administrator')) throw notFound();
  return actor.id;
}

/** Every staff user; for administrators (and the command line). */
export async function listStaff(
  deps: ServiceDeps,
  actor: Actor | typeof cliActorId,
): Promise<StaffUser[]> {
  assertAdministrator(actor);
  return listStaffUsers(deps.database.db);
}

/**
 * Disables a staff user by id or user name: their sessions end and their open enrolment links
 * stop working, in one transaction with the audit entry. Throws not_found for an unknown user,
 * invalid_input when administrators try to disable themselves.
 */
export async function disableStaffUser(
  deps: ServiceDeps,
  actor: Actor | typeof cliActorId,
  who: { id: string } | { username: string },
): Promise<StaffUser> {
  const actorId = assertAdministrator(actor);
  return inTransaction(deps.database.db, async (trx) => {
    const row =
      'id' in who
        ? await findStaffRowById(trx, who.id)
        : await findStaffRowByUsername(trx, who.username.trim().toLowerCase());
    if (row === undefined) throw notFound();
    if (actor !== cliActorId && disableRefusal(actor, row.id) === 'self') {
      throw new OmbudsError('invalid_input', 'You cannot disable your own account.');
    }
    if (row.disabled_at !== null) return toStaffUser(row);
    const at = deps.now().toISOString();
    await setStaffDisabled(trx, row.id, at);
    const sessions = await deleteSessionsOfUser(trx, row.id);
    await closeEnrolmentsOfUser(trx, row.id, at);
    await appendAuditEntry(trx, {
      at,
      actor: actorId,
      action: 'staff.disabled',
      subjectIds: [row.id],
      details: { sessions },
    });
    return toStaffUser({ ...row, disabled_at: at });
  });
}

/**
 * Replaces a user's roles (audited with the roles before and after). Their sessions end, so the
 * new roles apply from the next sign-in and no page keeps showing what the old ones allowed.
 * Throws not_found for an unknown user, invalid_input for an empty or unknown role list, and
 * refuses administrators taking the administrator role from themselves.
 */
export async function changeStaffRoles(
  deps: ServiceDeps,
  actor: Actor,
  userId: string,
  roles: readonly string[],
): Promise<StaffUser> {
  const actorId = assertAdministrator(actor);
  const parsed = roleListSchema.safeParse(roles);
  if (!parsed.success) throw new OmbudsError('invalid_input', 'Choose at least one role.');
  const next: Role[] = parsed.data;
  if (actor.id === userId && !next.includes('administrator')) {
    throw new OmbudsError('invalid_input', 'You cannot take the administrator role from yourself.');
  }
  return inTransaction(deps.database.db, async (trx) => {
    const row = await findStaffRowById(trx, userId);
    if (row === undefined) throw notFound();
    const before = toStaffUser(row);
    const at = deps.now().toISOString();
    await setStaffRoles(trx, userId, next);
    const sessions = actor.id === userId ? 0 : await deleteSessionsOfUser(trx, userId);
    await appendAuditEntry(trx, {
      at,
      actor: actorId,
      action: 'staff.roles_changed',
      subjectIds: [userId],
      details: { before: before.roles.join(' '), after: next.join(' '), sessions },
    });
    return { ...before, roles: next };
  });
}
