import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { notFound, OmbudsError } from '../domain/errors.js';
import { passwordSchema, type StaffUser } from '../domain/staff-accounts.js';
import { hashPassword } from '../crypto/passwords.js';
import { matchTotpStep, totpUri } from '../crypto/totp.js';
import { appendAuditEntry, inTransaction } from '../store/audit-log.js';
import { findEnrolment, markEnrolmentUsed } from '../store/staff-enrolment.repository.js';
import {
  claimTotpStep,
  findStaffRowById,
  setPasswordHash,
  toStaffUser,
} from '../store/staff-user.repository.js';
import type { ServiceDeps } from './deps.js';
import { hashToken, isTokenShaped, openTotpSecret } from './staff-secrets.js';

/** What the enrolment page shows: who is enrolling and the TOTP secret to put in their app. */
export interface PendingEnrolment {
  readonly user: StaffUser;
  readonly secret: string;
  readonly otpauthUri: string;
}

/**
 * The enrolment a link names, if it is unused, unexpired and its user is not disabled. Throws
 * not_found otherwise, alike for every reason.
 */
export async function readEnrolment(
  deps: ServiceDeps,
  token: string,
  issuer: string,
): Promise<PendingEnrolment> {
  if (!isTokenShaped(token)) throw notFound();
  const tokenHash = hashToken(token);
  const { db } = deps.database;
  const enrolment = await findEnrolment(db, tokenHash);
  if (
    enrolment === undefined ||
    !timingSafeEqual(Buffer.from(enrolment.token_hash), Buffer.from(tokenHash)) ||
    enrolment.used_at !== null ||
    deps.now().getTime() >= Date.parse(enrolment.expires_at)
  ) {
    throw notFound();
  }
  const row = await findStaffRowById(db, enrolment.user_id);
  if (row === undefined || row.disabled_at !== null || row.totp_secret_sealed === null) {
    throw notFound();
  }
  const secret = openTotpSecret(deps.keys, row.id, row.totp_secret_sealed);
  return { user: toStaffUser(row), secret, otpauthUri: totpUri(secret, issuer, row.username) };
}

export const enrolSchema = z
  .object({
    password: passwordSchema,
    passwordAgain: z.string(),
    code: z.string().trim(),
  })
  .refine((value) => value.password === value.passwordAgain, {
    path: ['passwordAgain'],
    message: 'the same password twice',
  });

/**
 * Completes an enrolment: checks the first TOTP code, sets the password and uses up the link,
 * in one transaction with its audit entry. Throws not_found for a link that does not work,
 * invalid_input for a weak password, two different passwords or a wrong code.
 */
export async function completeEnrolment(
  deps: ServiceDeps,
  token: string,
  input: z.input<typeof enrolSchema>,
  issuer: string,
): Promise<StaffUser> {
  const pending = await readEnrolment(deps, token, issuer);
  const parsed = enrolSchema.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    throw new OmbudsError(
      'invalid_input',
      field === 'passwordAgain'
        ? 'The two passwords are not the same.'
        : 'Choose a password of at least 12 characters.',
    );
  }
  const now = deps.now();
  const step = matchTotpStep(pending.secret, parsed.data.code, now);
  if (step === null) {
    throw new OmbudsError(
      'invalid_input',
      'That code is not correct. Check that your app shows a code for this account, and try the current one.',
    );
  }
  const passwordHash = await hashPassword(parsed.data.password);
  const userId = pending.user.id;
  await inTransaction(deps.database.db, async (trx) => {
    const at = deps.now().toISOString();
    // Used once: a second request with the same link finds it used and changes nothing.
    if (!(await markEnrolmentUsed(trx, hashToken(token), at))) throw notFound();
    if (!(await claimTotpStep(trx, userId, step))) {
      throw new OmbudsError('invalid_input', 'That code was already used. Wait for the next one.');
    }
    await setPasswordHash(trx, userId, passwordHash, at, { enrol: true });
    await appendAuditEntry(trx, {
      at,
      actor: userId,
      action: 'staff.enrolled',
      subjectIds: [userId],
    });
  });
  const row = await findStaffRowById(deps.database.db, userId);
  if (row === undefined) throw notFound();
  return toStaffUser(row);
}
