import { argon2, createHmac, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import type { KeyRing } from './keys.js';

/**
 * Receipt codes: what a reporter writes down to come back to their case without an account.
 *
 * The code is derived, not drawn: the first 100 bits of HMAC-SHA-256(receipt key, submission id),
 * written in Crockford's base32 as five groups of four (`7K2M-9QXA-…`). A form re-sent after a
 * timeout carries the same submission id, so it is shown the same code. Without the receipt key
 * (HKDF from the blind-index key, which lives outside the database) nobody can compute a code.
 *
 * The database keeps only argon2id(code) under a system-wide secret salt (HKDF from the same key):
 * a slow hash, as codes of fewer than 112 bits require (SECURITY.md), that needs no user name to
 * look up, so the hash is a unique indexed column. The form's submission id itself is stored only
 * as a keyed hash, for idempotency.
 */

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const codeLength = 20;
const codeBits = codeLength * 5;

/**
 * argon2id cost: 1 MiB, one pass (about 0.5 ms of one core here). The work factor of a password
 * hash exists to slow guessing of a low-entropy secret. A receipt code has 100 random bits, and
 * the salt is a secret derived from a key that never enters the database: without that key no
 * guess can be checked at all, and with it 2^99 guesses remain out of reach at any cost per
 * guess (at 1 µs each, 10^16 years). The hash stays a memory-hard password hash, as SECURITY.md
 * asks of codes under 112 bits, but its cost is paid on every report, on two cores shared with
 * everything else: at 8 MiB (4 ms here) it alone used more CPU than the rest of intake and held
 * intake to a fifth of a bare durable insert (bench:intake). Changing these changes every stored
 * hash: bump `hashVersion`. (r1 was 8 MiB; no ombuds holding r1 hashes was ever released.)
 */
export const receiptHashParameters = { memory: 1024, passes: 1, parallelism: 1 } as const;
const hashVersion = 'r2';

function derive(keys: KeyRing, info: string, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', keys.blindIndexKey.key, Buffer.alloc(0), info, length));
}

interface ReceiptKeys {
  readonly codes: KeyObject;
  readonly submissionIds: KeyObject;
  readonly salt: Buffer;
}

// Derived once per blind-index key rather than three HKDF runs and key imports per report. Keyed
// by the key's bytes object (never changed in place), held weakly: a ring dropped takes its keys
// with it.
const derivedKeys = new WeakMap<Buffer, ReceiptKeys>();

function receiptKeys(keys: KeyRing): ReceiptKeys {
  const source = keys.blindIndexKey.key;
  let derived = derivedKeys.get(source);
  if (derived === undefined) {
    derived = {
      codes: createSecretKey(derive(keys, 'ombuds receipt codes', 32)),
      submissionIds: createSecretKey(derive(keys, 'ombuds submission ids', 32)),
      salt: derive(keys, 'ombuds receipt salt', 16),
    };
    derivedKeys.set(source, derived);
  }
  return derived;
}

function encodeCrockford(bytes: Buffer, length: number): string {
  let out = '';
  for (let index = 0; index < length; index += 1) {
    const bit = index * 5;
    // Five bits may straddle two bytes: read 16 bits and shift.
    const pair = ((bytes[bit >> 3] ?? 0) << 8) | (bytes[(bit >> 3) + 1] ?? 0);
    out += alphabet[(pair >> (11 - (bit & 7))) & 31];
  }
  return out;
}

/** Five groups of four, as the reporter is shown and types the code. */
export function formatReceiptCode(canonical: string): string {
  return canonical.match(/.{1,4}/g)?.join('-') ?? canonical;
}

/** The receipt code of a submission id, formatted for display (`XXXX-XXXX-XXXX-XXXX-XXXX`). */
export function receiptCodeFor(keys: KeyRing, submissionId: string): string {
  const mac = createHmac('sha256', receiptKeys(keys).codes).update(submissionId, 'utf8').digest();
  return formatReceiptCode(encodeCrockford(mac.subarray(0, Math.ceil(codeBits / 8)), codeLength));
}

/**
 * Reads a typed code forgivingly: any case, spaces and dashes anywhere, full-width characters,
 * and Crockford's look-alikes (I and L read as 1, O as 0). Returns the 20 canonical characters, or
 * null when it cannot be a receipt code.
 */
export function parseReceiptCode(typed: string): string | null {
  if (typed.length > 200) return null;
  const canonical = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212_.]/gu, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (canonical.length !== codeLength) return null;
  for (const character of canonical) if (!alphabet.includes(character)) return null;
  return canonical;
}

/**
 * The slow hash stored for a canonical code (see parseReceiptCode). One argon2id run on the
 * thread pool, asynchronously, so the event loop serves other requests meanwhile: callers that
 * must not reveal whether a code exists call it for every attempt.
 */
export function hashReceiptCode(keys: KeyRing, canonical: string): Promise<string> {
  const { salt } = receiptKeys(keys);
  return new Promise((resolve, reject) => {
    argon2(
      'argon2id',
      { message: canonical, nonce: salt, tagLength: 32, ...receiptHashParameters },
      (error, tag) => {
        if (error) reject(error);
        else resolve(`${hashVersion}$${tag.toString('base64url')}`);
      },
    );
  });
}

/**
 * What reports.submission_id keeps of the form's submission id: HMAC-SHA-256 under a key derived
 * for this purpose (base64url), so a database copy neither reveals the id nor lets anyone derive
 * the receipt code from it.
 */
export function submissionIdHash(keys: KeyRing, submissionId: string): string {
  return createHmac('sha256', receiptKeys(keys).submissionIds)
    .update(submissionId, 'utf8')
    .digest('base64url');
}
