import { hkdfSync } from 'node:crypto';
import type { KeyRing } from './keys.js';

/**
 * Data keys for what belongs to the installation rather than to a case (staff TOTP secrets).
 * Derived by HKDF-SHA-256 from the key-encryption key with a purpose label, so nothing more is
 * stored and a database copy alone still opens nothing. Rotating the key-encryption key means
 * re-sealing these fields too.
 */
export function staffSecretsKey(keys: KeyRing): Buffer {
  return Buffer.from(
    hkdfSync('sha256', keys.keyEncryptionKey.key, Buffer.alloc(0), 'ombuds staff secrets', 32),
  );
}
