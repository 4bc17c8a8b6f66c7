import { OmbudsError } from '../domain/errors.js';
import { type StaffUser } from '../domain/staff-accounts.js';
import { verifyPassword } from '../crypto/passwords.js';
import { matchTotpStep } from '../crypto/totp.js';
import { appendAuditEntry, inTransaction } from '../store/audit-log.js';
import {
  claimTotpStep,
  findStaffRowByUsername,
  toStaffUser,
} from '../store/staff-user.repository.js';
import type { ServiceDeps } from './deps.js';
import type { SignInThrottle } from './sign-in-throttle.js';
import { openTotpSecret } from './staff-secrets.js';
import { startStaffSession } from './staff-sessions.js';

export interface SignInInput {
  readonly username: string;
  readonly password: string;
  readonly code: string;
  /** The client address, for the per-address limit only: never stored or logged. */
  readonly address: string;
}

/** The one answer to every failed sign-in, whatever failed. */
export function signInFailed(): OmbudsError {
  return new OmbudsError('unauthenticated', 'The user name, password or code is not correct.', {
    logMessage: 'sign-in refused',
  });
}

/** The answer once an account or address has used its guesses for the hour. */
export function signInThrottled(): OmbudsError {
  return new OmbudsError(
    'rate_limited',
    'Too many sign-in attempts. Please wait an hour, or ask an administrator for help.',
    { logMessage: 'sign-in throttled' },
  );
}

type Failure = 'unknown_user' | 'not_enrolled' | 'disabled' | 'password' | 'code' | 'replay';

/**
 * Signs a staff member in with password and TOTP code and starts a new session; returns the
 * session's cookie value and the user. The guess is counted before anything is checked; an
 * unknown user name costs the same argon2id verification as a known one; a TOTP step is
 * accepted once. Throws OmbudsError('rate_limited') when the account or address has no guesses
 * left, and the same OmbudsError('unauthenticated') for every other failure.
 */
export async function signIn(
  deps: ServiceDeps,
  throttle: SignInThrottle,
  input: SignInInput,
): Promise<{ token: string; user: StaffUser }> {
  const username = input.username.trim().toLowerCase();
  const started = deps.now();
  if (!throttle.reserve(username, input.address, started.getTime())) throw signInThrottled();

  const { db } = deps.database;
  const row = username === '' ? undefined : await findStaffRowByUsername(db, username);
  // Always exactly one argon2id run: against the user's hash, or a dummy one.
  const passwordOk = await verifyPassword(row?.password_hash ?? '', input.password);

  let failure: Failure | null = null;
  let step: number | null = null;
  if (row === undefined) failure = 'unknown_user';
  else if (row.enrolled_at === null || row.totp_secret_sealed === null) failure = 'not_enrolled';
  else if (!passwordOk) failure = 'password';
  else {
    step = matchTotpStep(
      openTotpSecret(deps.keys, row.id, row.totp_secret_sealed),
      input.code,
      started,
    );
    if (step === null) failure = 'code';
    else if (row.disabled_at !== null) failure = 'disabled';
  }

  const outcome = await inTransaction(db, async (trx) => {
    const at = deps.now().toISOString();
    if (failure === null && row !== undefined && step !== null) {
      if (await claimTotpStep(trx, row.id, step)) {
        const token = await startStaffSession(deps, trx, row.id);
        await appendAuditEntry(trx, {
          at,
          actor: row.id,
          action: 'staff.signed_in',
          subjectIds: [row.id],
        });
        return { token };
      }
      failure = 'replay';
    }
    await appendAuditEntry(trx, {
      at,
      // No user name is recorded for an unknown account: it may be a mistyped password.
      actor: row?.id ?? 'unknown-user',
      action: 'staff.sign_in_failed',
      subjectIds: row === undefined ? [] : [row.id],
      details: { reason: failure ?? 'code' },
    });
    return null;
  });

  if (outcome === null || row === undefined) throw signInFailed();
  throttle.refund(username, input.address, started.getTime());
  return { token: outcome.token, user: toStaffUser(row) };
}
