import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { OmbudsError } from '../domain/errors.js';
import {
  displayNameSchema,
  enrolmentValidMs,
  roleListSchema,
  usernameSchema,
  type StaffUser,
} from '../domain/staff-accounts.js';
import { newTotpSecret } from '../crypto/totp.js';
import { appendAuditEntry, inTransaction } from '../store/audit-log.js';
import { insertEnrolment } from '../store/staff-enrolment.repository.js';
import {
  findStaffRowById,
  findStaffRowByUsername,
  insertInvitedStaffUser,
  toStaffUser,
} from '../store/staff-user.repository.js';
import type { ServiceDeps } from './deps.js';
import { hashToken, newSecretToken, sealTotpSecret } from './staff-secrets.js';

export const inviteSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  roles: roleListSchema,
});

/** What an invitation asks for; checked here, so a form's raw values may be passed. */
export interface InviteInput {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly string[];
}

/** The path of an enrolment link; the token is its only secret. */
export function enrolmentPath(token: string): string {
  return `/console/enrol/${token}`;
}

/**
 * Creates a staff user who has not enrolled yet and a one-time enrolment link valid for 72 hours
 * (only the token's hash is stored). `invitedBy` is the administrator's id, or `cli` for the
 * first administrator. Throws OmbudsError('invalid_input') for a bad or taken user name.
 */
export async function inviteStaffUser(
  deps: ServiceDeps,
  input: InviteInput,
  invitedBy: string,
): Promise<{ user: StaffUser; token: string; path: string; expiresAt: string }> {
  const parsed = inviteSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${String(issue.path[0] ?? 'input')}: expected ${issue.message}`,
    );
    const text = `The invitation is not valid (${problems.join('; ')}).`;
    throw new OmbudsError('invalid_input', text, { logMessage: text });
  }
  const { username, displayName, roles } = parsed.data;
  const id = randomUUID();
  const token = newSecretToken();
  const now = deps.now();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + enrolmentValidMs).toISOString();
  await inTransaction(deps.database.db, async (trx) => {
    if ((await findStaffRowByUsername(trx, username)) !== undefined) {
      throw new OmbudsError('invalid_input', 'That user name is taken.');
    }
    await insertInvitedStaffUser(trx, {
      id,
      username,
      displayName,
      roles,
      totpSecretSealed: sealTotpSecret(deps.keys, id, newTotpSecret()),
      createdAt: at,
    });
    await insertEnrolment(trx, {
      tokenHash: hashToken(token),
      userId: id,
      createdBy: invitedBy,
      createdAt: at,
      expiresAt,
    });
    await appendAuditEntry(trx, {
      at,
      actor: invitedBy,
      action: 'staff.invited',
      subjectIds: [id],
      details: { roles: roles.join(' ') },
    });
  });
  const row = await findStaffRowById(deps.database.db, id);
  if (row === undefined) throw new Error('the invited user vanished');
  return { user: toStaffUser(row), token, path: enrolmentPath(token), expiresAt };
}
