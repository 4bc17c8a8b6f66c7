import { z } from 'zod';
import { OmbudsError } from '../domain/errors.js';
import { passwordSchema } from '../domain/staff-accounts.js';
import { hashPassword, verifyPassword } from '../crypto/passwords.js';
import { appendAuditEntry, inTransaction } from '../store/audit-log.js';
import { deleteSessionsOfUser } from '../store/staff-session.repository.js';
import { findStaffRowById, setPasswordHash } from '../store/staff-user.repository.js';
import type { ServiceDeps } from './deps.js';
import { signInThrottled } from './sign-in.js';
import type { SignInThrottle } from './sign-in-throttle.js';
import type { StaffSession } from './staff-sessions.js';

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().max(1024),
    newPassword: passwordSchema,
    newPasswordAgain: z.string(),
  })
  .refine((value) => value.newPassword === value.newPasswordAgain, {
    path: ['newPasswordAgain'],
    message: 'the same password twice',
  });

/**
 * Changes the signed-in user's password after checking the current one (a guess counted like a
 * sign-in), and ends every session of the user, this one included, in one transaction with the
 * audit entry. Throws invalid_input for a wrong current password or an unacceptable new one,
 * rate_limited when the account has no guesses left.
 */
export async function changePassword(
  deps: ServiceDeps,
  throttle: SignInThrottle,
  session: StaffSession,
  input: z.input<typeof changePasswordSchema> & { address: string },
): Promise<void> {
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    throw new OmbudsError(
      'invalid_input',
      field === 'newPasswordAgain'
        ? 'The two new passwords are not the same.'
        : 'Choose a new password of at least 12 characters.',
    );
  }
  const now = deps.now().getTime();
  if (!throttle.reserve(session.user.username, input.address, now)) throw signInThrottled();
  const row = await findStaffRowById(deps.database.db, session.user.id);
  const ok = await verifyPassword(row?.password_hash ?? '', parsed.data.currentPassword);
  if (row === undefined || !ok) {
    throw new OmbudsError('invalid_input', 'The current password is not correct.');
  }
  throttle.refund(session.user.username, input.address, now);
  const passwordHash = await hashPassword(parsed.data.newPassword);
  await inTransaction(deps.database.db, async (trx) => {
    const at = deps.now().toISOString();
    await setPasswordHash(trx, row.id, passwordHash, at, { enrol: false });
    const sessions = await deleteSessionsOfUser(trx, row.id);
    await appendAuditEntry(trx, {
      at,
      actor: row.id,
      action: 'staff.password_changed',
      subjectIds: [row.id],
      details: { sessions },
    });
  });
}
