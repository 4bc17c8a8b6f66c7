import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { normalizeIdentifier, type Identifier } from '../domain/identifiers.js';
import type { NamedKey } from './keys.js';

/**
 * The blind index links reports about one person without decrypting anything: the HMAC-SHA-256,
 * under the blind-index key, of the identifier's canonical form (src/domain/identifiers.ts),
 * stored as base64url without padding (43 characters). Without the key an index cannot be
 * computed, so a database dump cannot be searched for a known address or nick.
 */

function indexWith(key: KeyObject, identifier: Identifier): string {
  return createHmac('sha256', key)
    .update(normalizeIdentifier(identifier), 'utf8')
    .digest('base64url');
}

// The key imported once per key (every report indexes several identifiers). Keyed by the key's
// bytes, held weakly: key bytes are never changed in place, and a dropped ring drops its entry.
const imported = new WeakMap<Buffer, KeyObject>();

function secretOf(key: NamedKey): KeyObject {
  let secret = imported.get(key.key);
  if (secret === undefined) {
    secret = createSecretKey(key.key);
    imported.set(key.key, secret);
  }
  return secret;
}

/**
 * The blind index of one identifier (base64url, 43 characters).
 * Throws OmbudsError('invalid_input') for an identifier the schema refuses.
 */
export function blindIndex(key: NamedKey, identifier: Identifier): string {
  return indexWith(secretOf(key), identifier);
}

/** A blind-index function that prepares the key once, for indexing many identifiers. */
export function blindIndexer(key: NamedKey): (identifier: Identifier) => string {
  const secret = secretOf(key);
  return (identifier) => indexWith(secret, identifier);
}
