import {
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { OmbudsError } from '../domain/errors.js';
import type { NamedKey } from './keys.js';

/**
 * Sealing with AES-256-GCM. Every case has its own random data key; the data key is stored only
 * wrapped by the key-encryption key (so destroying one wrapped key crypto-erases one case), and
 * every sensitive field is sealed under its case's data key.
 *
 * Wrapped data key: 0x01 ‖ KEK id length (1 byte) ‖ KEK id (ASCII) ‖ nonce (12) ‖ ciphertext (32)
 *   ‖ tag (16); additional data binds it to the KEK id and the case id.
 * Sealed field: 0x01 ‖ nonce (12) ‖ ciphertext ‖ tag (16); additional data binds it to its table,
 *   column and row, so a ciphertext copied to another place fails to open.
 * Additional data is a label followed by length-prefixed (4-byte big-endian) UTF-8 parts, so no
 * two different bindings encode alike. Nonces are random: at 2^32 seals under one data key the
 * chance of a repeat stays below 2^-32, far beyond what one case holds.
 */

const version = 0x01;
const keyLength = 32;
const nonceLength = 12;
const tagLength = 16;

/** The binding of a sealed field to the one place it may be opened. */
export interface FieldBinding {
  readonly table: string;
  readonly column: string;
  readonly rowId: string;
}

function additionalData(label: string, parts: readonly (string | number)[]): Buffer {
  const encoded = [label, ...parts.map(String)].map((part) => Buffer.from(part, 'utf8'));
  const chunks: Buffer[] = [];
  for (const part of encoded) {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(part.length);
    chunks.push(length, part);
  }
  return Buffer.concat(chunks);
}

function checkKey(key: Uint8Array, what: string): void {
  // A key of the wrong size is a programming error, not tampering: say so apart from 'integrity'.
  if (key.length !== keyLength) {
    throw new OmbudsError('internal', 'Internal error.', {
      logMessage: `${what} must be ${keyLength} bytes, got ${key.length}`,
    });
  }
}

// createCipheriv checks and imports a raw key on every call; a KeyObject made once per key is
// about three times faster to use (a report seals eight fields, a timeline opens many). Held
// weakly by the key's buffer, and compared with a copy of its bytes on every use, so a key
// changed in place is never used stale.
const imported = new WeakMap<Uint8Array, { readonly bytes: Buffer; readonly key: KeyObject }>();

function secretKey(key: Uint8Array): KeyObject {
  const cached = imported.get(key);
  if (cached?.bytes.equals(key) === true) return cached.key;
  const bytes = Buffer.from(key);
  const made = { bytes, key: createSecretKey(bytes) };
  imported.set(key, made);
  return made.key;
}

// Each randomBytes call goes into OpenSSL's generator, and a report seals about ten fields: the
// nonces are drawn from random bytes fetched 4 KiB at a time, each handed out once, in order.
const noncePool = { bytes: Buffer.alloc(0), next: 0 };

/** A fresh random nonce, never handed out before. */
export function freshNonce(): Buffer {
  if (noncePool.next + nonceLength > noncePool.bytes.length) {
    noncePool.bytes = randomBytes(4096);
    noncePool.next = 0;
  }
  const nonce = noncePool.bytes.subarray(noncePool.next, noncePool.next + nonceLength);
  noncePool.next += nonceLength;
  return nonce;
}

function encrypt(key: Uint8Array, plaintext: Uint8Array, aad: Buffer): Buffer[] {
  const nonce = freshNonce();
  const cipher = createCipheriv('aes-256-gcm', secretKey(key), nonce, { authTagLength: tagLength });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [nonce, body, cipher.getAuthTag()];
}

/** Decrypts nonce ‖ ciphertext ‖ tag; undefined when it is too short or fails authentication. */
function decrypt(key: Uint8Array, sealed: Uint8Array, aad: Buffer): Buffer | undefined {
  if (sealed.length < nonceLength + tagLength) return undefined;
  const nonce = sealed.subarray(0, nonceLength);
  const body = sealed.subarray(nonceLength, sealed.length - tagLength);
  const tag = sealed.subarray(sealed.length - tagLength);
  try {
    const decipher = createDecipheriv('aes-256-gcm', secretKey(key), nonce, {
      authTagLength: tagLength,
    });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** A fresh random 32-byte data key for a new case. */
export function newDataKey(): Buffer {
  return randomBytes(keyLength);
}

function wrappingAad(kekId: string, caseId: string): Buffer {
  return additionalData('ombuds wrapped data key', [version, kekId, caseId]);
}

function wrapIntegrityError(caseId: string, reason: string): OmbudsError {
  return new OmbudsError('integrity', 'a wrapped data key failed its integrity check', {
    logMessage: `the wrapped data key of case ${caseId} failed its integrity check (${reason})`,
  });
}

/** Wraps a case's data key under the key-encryption key, bound to the case id. */
export function wrapDataKey(kek: NamedKey, dataKey: Uint8Array, caseId: string): Buffer {
  checkKey(kek.key, 'the key-encryption key');
  checkKey(dataKey, 'a data key');
  const id = Buffer.from(kek.id, 'ascii');
  if (id.length === 0 || id.length > 255 || id.toString('ascii') !== kek.id) {
    throw new OmbudsError('internal', 'Internal error.', { logMessage: 'malformed KEK id' });
  }
  const header = Buffer.from([version, id.length]);
  return Buffer.concat([header, id, ...encrypt(kek.key, dataKey, wrappingAad(kek.id, caseId))]);
}

function splitWrapped(wrapped: Uint8Array): { kekId: string; rest: Uint8Array } | string {
  if (wrapped.length < 2) return 'truncated';
  if (wrapped[0] !== version) return `unknown version ${String(wrapped[0])}`;
  const idLength = wrapped[1] ?? 0;
  if (wrapped.length < 2 + idLength) return 'truncated';
  const kekId = Buffer.from(wrapped.subarray(2, 2 + idLength)).toString('ascii');
  return { kekId, rest: wrapped.subarray(2 + idLength) };
}

/** The id of the KEK that wrapped a data key (unauthenticated: for choosing the key to try). */
export function wrappedKeyKekId(wrapped: Uint8Array): string {
  const parts = splitWrapped(wrapped);
  if (typeof parts === 'string') throw wrapIntegrityError('(unknown)', parts);
  return parts.kekId;
}

/** Unwraps a case's data key; throws OmbudsError('integrity') on any mismatch or tampering. */
export function unwrapDataKey(kek: NamedKey, wrapped: Uint8Array, caseId: string): Buffer {
  checkKey(kek.key, 'the key-encryption key');
  const parts = splitWrapped(wrapped);
  if (typeof parts === 'string') throw wrapIntegrityError(caseId, parts);
  if (parts.kekId !== kek.id) {
    throw wrapIntegrityError(caseId, `wrapped by ${parts.kekId}, not by ${kek.id}`);
  }
  const dataKey = decrypt(kek.key, parts.rest, wrappingAad(kek.id, caseId));
  if (dataKey?.length !== keyLength) throw wrapIntegrityError(caseId, 'authentication failed');
  return dataKey;
}

function fieldAad(binding: FieldBinding): Buffer {
  for (const part of [binding.table, binding.column, binding.rowId]) {
    // An empty part means a caller sealed before it knew where the value goes.
    if (part === '') {
      throw new OmbudsError('internal', 'Internal error.', {
        logMessage: 'a sealed field binding has an empty table, column or row id',
      });
    }
  }
  return additionalData('ombuds sealed field', [
    version,
    binding.table,
    binding.column,
    binding.rowId,
  ]);
}

function fieldIntegrityError(binding: FieldBinding, reason: string): OmbudsError {
  return new OmbudsError('integrity', 'a sealed field failed its integrity check', {
    logMessage: `the sealed field ${binding.table}.${binding.column} of row ${binding.rowId} failed its integrity check (${reason})`,
  });
}

/**
 * Seals text (as UTF-8) or bytes under a case's data key, bound to its table, column and row.
 * Throws OmbudsError('invalid_input') for text with an unpaired surrogate, which UTF-8 cannot
 * carry: sealing it would silently change it.
 */
export function sealField(
  dataKey: Uint8Array,
  plaintext: string | Uint8Array,
  binding: FieldBinding,
): Buffer {
  checkKey(dataKey, 'a data key');
  if (typeof plaintext === 'string' && !plaintext.isWellFormed()) {
    throw new OmbudsError('invalid_input', 'The text contains a broken character.', {
      logMessage: `text for ${binding.table}.${binding.column} has an unpaired surrogate`,
    });
  }
  const bytes = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  return Buffer.concat([Buffer.from([version]), ...encrypt(dataKey, bytes, fieldAad(binding))]);
}

/** Opens a sealed field; throws OmbudsError('integrity') if it was altered, moved or keyed otherwise. */
export function openField(dataKey: Uint8Array, sealed: Uint8Array, binding: FieldBinding): Buffer {
  checkKey(dataKey, 'a data key');
  if (sealed.length < 1 + nonceLength + tagLength) throw fieldIntegrityError(binding, 'truncated');
  if (sealed[0] !== version) {
    throw fieldIntegrityError(binding, `unknown version ${String(sealed[0])}`);
  }
  const plaintext = decrypt(dataKey, sealed.subarray(1), fieldAad(binding));
  if (plaintext === undefined) throw fieldIntegrityError(binding, 'authentication failed');
  return plaintext;
}

// ignoreBOM keeps a leading U+FEFF the sealer put there; fatal refuses bytes that are not UTF-8.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Opens a sealed field holding text; throws OmbudsError('integrity') as openField does. */
export function openText(dataKey: Uint8Array, sealed: Uint8Array, binding: FieldBinding): string {
  const bytes = openField(dataKey, sealed, binding);
  try {
    return utf8.decode(bytes);
  } catch {
    throw fieldIntegrityError(binding, 'not UTF-8 text');
  }
}
