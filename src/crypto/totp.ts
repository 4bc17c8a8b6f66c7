import { Secret, TOTP } from 'otpauth';

/**
 * Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30-second steps, as every
 * authenticator app reads them). A code is accepted one step early or late (clock drift); the
 * caller refuses a step already used, so an observed code cannot be replayed.
 */

const period = 30;
const digits = 6;
const window = 1;

/** A fresh 160-bit secret, in base32 as people type it into an authenticator app. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app imports (shown as text; no QR code is drawn). */
export function totpUri(secretBase32: string, issuer: string, account: string): string {
  return new TOTP({
    issuer,
    label: account,
    secret: Secret.fromBase32(secretBase32),
    digits,
    period,
  }).toString();
}

/** The time step a moment falls in. */
export function totpStep(at: Date): number {
  return TOTP.counter({ period, timestamp: at.getTime() });
}

/**
 * The time step of a correct code at that moment (within one step either side), or null.
 * Anything but six digits is refused without computing anything secret-dependent.
 */
export function matchTotpStep(secretBase32: string, code: string, at: Date): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = TOTP.validate({
    token,
    secret: Secret.fromBase32(secretBase32),
    digits,
    period,
    timestamp: at.getTime(),
    window,
  });
  return delta === null ? null : totpStep(at) + delta;
}

/** The code for a moment; for tests and for confirming what a person's app will show. */
export function totpCode(secretBase32: string, at: Date): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secretBase32),
    digits,
    period,
    timestamp: at.getTime(),
  });
}
