import { createHash, randomBytes } from 'node:crypto';
import type { KeyRing } from '../crypto/keys.js';
import { staffSecretsKey } from '../crypto/instance-keys.js';
import { openText, sealField } from '../crypto/sealing.js';

/** Seals a user's TOTP secret under the instance key, bound to the user's row. */
export function sealTotpSecret(keys: KeyRing, userId: string, secretBase32: string): Buffer {
  return sealField(staffSecretsKey(keys), secretBase32, {
    table: 'staff_users',
    column: 'totp_secret_sealed',
    rowId: userId,
  });
}

/** Opens a user's TOTP secret; throws OmbudsError('integrity') if it was altered or moved. */
export function openTotpSecret(keys: KeyRing, userId: string, sealed: Uint8Array): string {
  return openText(staffSecretsKey(keys), sealed, {
    table: 'staff_users',
    column: 'totp_secret_sealed',
    rowId: userId,
  });
}

/** A random 256-bit token for a cookie or a one-time link (base64url, 43 characters). */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: its SHA-256, so a copy of the table opens nothing. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True for something shaped like a token from newSecretToken, before any lookup. */
export function isTokenShaped(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
