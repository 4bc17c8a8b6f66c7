import { hasRole } from '../domain/roles.js';
import type { StaffUser } from '../domain/staff-accounts.js';
import { listStaffUsers } from '../store/staff-user.repository.js';
import type { ServiceDeps } from './deps.js';

/** Who is who in the console: names for timelines and queues, and the people forms offer. */
export interface StaffDirectory {
  /** Display names of every staff account by id, disabled ones too (history keeps them). */
  readonly names: ReadonlyMap<string, string>;
  /** Active, enrolled accounts that record steps (conduct staff, the Executive Director). */
  readonly caseStaff: readonly StaffUser[];
}

/** Reads the staff directory; names only, never secrets. */
export async function staffDirectory(deps: ServiceDeps): Promise<StaffDirectory> {
  const users = await listStaffUsers(deps.database.db);
  return {
    names: new Map(users.map((user) => [user.id, user.displayName])),
    caseStaff: users.filter((user) => {
      const actor = { id: user.id, roles: user.roles };
      return (
        user.disabledAt === null &&
        user.enrolledAt !== null &&
        (hasRole(actor, 'conduct_staff') || hasRole(actor, 'executive_director'))
      );
    }),
  };
}
