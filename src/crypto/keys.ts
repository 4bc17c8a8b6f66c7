import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { constants } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../config.js';
import { OmbudsError } from '../domain/errors.js';

/**
 * The key ring: two independent 32-byte keys that live outside the database, so a dump or backup
 * alone opens nothing. The key-encryption key (KEK) wraps each case's data key; the blind-index key
 * keys the HMAC that links identifiers across cases.
 *
 * Every key has an id derived from the key itself (`kek-<8 hex>`, `bik-<8 hex>`: 32 bits of a
 * SHA-256 of a purpose label and the key). The id names the key in wrapped data keys and the key
 * check; because it is derived, a key mis-copied into a file or a variable is caught on load.
 *
 * Key file `<dataDir>/keys/ombuds.keys` (directory 0700, file 0600):
 *   {"format":"ombuds-keys/1","keyEncryptionKey":{"id":"kek-…","key":"<base64>"},
 *    "blindIndexKey":{"id":"bik-…","key":"<base64>"}}
 * Environment (both or neither): OMBUDS_KEY_ENCRYPTION_KEY=kek-<8 hex>:<base64 of 32 bytes>,
 * OMBUDS_BLIND_INDEX_KEY=bik-<8 hex>:<base64 of 32 bytes>; `keyRingToEnv` prints them.
 */

export interface NamedKey {
  readonly id: string;
  readonly key: Buffer;
}

export interface KeyRing {
  readonly keyEncryptionKey: NamedKey;
  readonly blindIndexKey: NamedKey;
}

export const keyFileFormat = 'ombuds-keys/1';
const keyLength = 32;
const purposes = {
  keyEncryptionKey: { prefix: 'kek', env: 'OMBUDS_KEY_ENCRYPTION_KEY', what: 'key-encryption key' },
  blindIndexKey: { prefix: 'bik', env: 'OMBUDS_BLIND_INDEX_KEY', what: 'blind-index key' },
} as const;
type Purpose = keyof typeof purposes;

const base64Key = /^[A-Za-z0-9+/]{43}=$/;
const maxKeyFileBytes = 64 * 1024;

/** Where the key file lives for a data directory. */
export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, 'keys', 'ombuds.keys');
}

function keyId(purpose: Purpose, key: Buffer): string {
  const digest = createHash('sha256').update(`ombuds key id/1 ${purpose}\0`).update(key).digest();
  return `${purposes[purpose].prefix}-${digest.subarray(0, 4).toString('hex')}`;
}

/** Names 32 key bytes for one purpose with the id derived from them (for rotation and tests). */
export function namedKey(purpose: keyof KeyRing, key: Buffer): NamedKey {
  if (key.length !== keyLength) {
    throw new OmbudsError('internal', 'Internal error.', { logMessage: 'a key must be 32 bytes' });
  }
  return { id: keyId(purpose, key), key };
}

/** Makes a fresh key ring from the system's random source. */
export function generateKeyRing(): KeyRing {
  return {
    keyEncryptionKey: namedKey('keyEncryptionKey', randomBytes(keyLength)),
    blindIndexKey: namedKey('blindIndexKey', randomBytes(keyLength)),
  };
}

/** The two environment variables that carry a key ring, in the form `loadKeyRing` accepts. */
export function keyRingToEnv(ring: KeyRing): {
  OMBUDS_KEY_ENCRYPTION_KEY: string;
  OMBUDS_BLIND_INDEX_KEY: string;
} {
  const line = (k: NamedKey) => `${k.id}:${k.key.toString('base64')}`;
  return {
    OMBUDS_KEY_ENCRYPTION_KEY: line(ring.keyEncryptionKey),
    OMBUDS_BLIND_INDEX_KEY: line(ring.blindIndexKey),
  };
}

/** Checks one key given as id and base64; returns the key, or what is wrong with it. */
function decodeKey(purpose: Purpose, id: string, encoded: string): NamedKey | string {
  const prefix = purposes[purpose].prefix;
  if (!new RegExp(`^${prefix}-[0-9a-f]{8}$`).test(id)) return `the id is not ${prefix}-<8 hex>`;
  const key = Buffer.from(encoded, 'base64');
  if (!base64Key.test(encoded) || key.length !== keyLength || key.toString('base64') !== encoded) {
    return 'the key is not 32 bytes in base64 (44 characters ending in "=")';
  }
  if (keyId(purpose, key) !== id) {
    return 'the id does not belong to the key (one of them was altered or mis-copied)';
  }
  return { id, key };
}

function assertIndependent(ring: KeyRing, where: string): KeyRing {
  if (timingSafeEqual(ring.keyEncryptionKey.key, ring.blindIndexKey.key)) {
    throw new OmbudsError(
      'configuration',
      `${where}: expected two different keys, but the key-encryption key and the blind-index key are the same`,
    );
  }
  return ring;
}

/** Parses the two environment strings; throws OmbudsError('configuration') naming the variable. */
export function parseEnvKeys(fromEnv: NonNullable<Config['keysFromEnv']>): KeyRing {
  const parse = (purpose: Purpose, raw: string): NamedKey => {
    const { env, prefix } = purposes[purpose];
    const value = raw.trim();
    const colon = value.indexOf(':');
    const decoded =
      colon < 0
        ? 'there is no ":" between id and key'
        : decodeKey(purpose, value.slice(0, colon), value.slice(colon + 1));
    if (typeof decoded === 'string') {
      throw new OmbudsError(
        'configuration',
        `${env}: expected ${prefix}-<8 hex>:<base64 of 32 bytes>, but ${decoded}`,
      );
    }
    return decoded;
  };
  return assertIndependent(
    {
      keyEncryptionKey: parse('keyEncryptionKey', fromEnv.keyEncryptionKey),
      blindIndexKey: parse('blindIndexKey', fromEnv.blindIndexKey),
    },
    'OMBUDS_KEY_ENCRYPTION_KEY, OMBUDS_BLIND_INDEX_KEY',
  );
}

const keyEntry = z.strictObject({ id: z.string(), key: z.string() });
const keyFileSchema = z.strictObject({
  format: z.literal(keyFileFormat),
  keyEncryptionKey: keyEntry,
  blindIndexKey: keyEntry,
});

function parseKeyFile(file: string, text: string): KeyRing {
  const fail = (expected: string) =>
    new OmbudsError('configuration', `key file ${file}: expected ${expected}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw fail(`a JSON document in the format "${keyFileFormat}"`);
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) {
    throw fail(
      `{"format":"${keyFileFormat}","keyEncryptionKey":{"id","key"},"blindIndexKey":{"id","key"}} and nothing else`,
    );
  }
  const read = (purpose: Purpose): NamedKey => {
    const entry = parsed.data[purpose];
    const decoded = decodeKey(purpose, entry.id, entry.key);
    if (typeof decoded === 'string') {
      throw fail(
        `"${purpose}" as {"id":"${purposes[purpose].prefix}-<8 hex>","key":"<base64>"}, but ${decoded}`,
      );
    }
    return decoded;
  };
  return assertIndependent(
    { keyEncryptionKey: read('keyEncryptionKey'), blindIndexKey: read('blindIndexKey') },
    `key file ${file}`,
  );
}

function serializeKeyFile(ring: KeyRing): string {
  const entry = (k: NamedKey) => ({ id: k.id, key: k.key.toString('base64') });
  const { keyEncryptionKey, blindIndexKey } = ring;
  const document = { format: keyFileFormat, keyEncryptionKey: entry(keyEncryptionKey) };
  return `${JSON.stringify({ ...document, blindIndexKey: entry(blindIndexKey) }, null, 2)}\n`;
}

function errnoOf(error: unknown): string {
  return error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? '') : '';
}

function isErrno(error: unknown, ...codes: string[]): boolean {
  return codes.includes(errnoOf(error));
}

/** Reads the key file; undefined when it does not exist. */
async function readKeyFile(file: string): Promise<KeyRing | undefined> {
  let handle: FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw new OmbudsError('configuration', `key file ${file}: cannot be read`, { cause: error });
  }
  try {
    // fstat on the open file, so the mode checked is the mode of the bytes read.
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > maxKeyFileBytes) {
      throw new OmbudsError('configuration', `key file ${file}: expected a small regular file`);
    }
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(3, '0');
      throw new OmbudsError(
        'configuration',
        `key file ${file}: expected mode 600 (only its owner may read it), found ${mode}: run "chmod 600 ${file}"`,
      );
    }
    return parseKeyFile(file, await handle.readFile('utf8'));
  } finally {
    await handle.close();
  }
}

async function fsyncDirectory(directory: string): Promise<void> {
  const handle = await fs.open(directory, constants.O_RDONLY);
  try {
    await handle.sync();
  } catch (error) {
    // Some filesystems cannot fsync a directory; the rename is as durable as they allow.
    if (!isErrno(error, 'EINVAL', 'EISDIR', 'EPERM', 'EBADF')) throw error;
  } finally {
    await handle.close();
  }
}

/**
 * Writes a new key file atomically and never over an existing one: a temporary file (mode 0600,
 * exclusive create, fsynced) is hard-linked to the final name, which fails if the name exists.
 * Returns false when another process created the file first.
 */
async function createKeyFile(file: string, ring: KeyRing): Promise<boolean> {
  const directory = path.dirname(file);
  await fs.mkdir(directory, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32' && ((await fs.stat(directory)).mode & 0o077) !== 0) {
    await fs.chmod(directory, 0o700);
  }
  const temporary = path.join(directory, `.ombuds.keys.${randomBytes(8).toString('hex')}.tmp`);
  const handle = await fs.open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(serializeKeyFile(ring), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    try {
      await fs.link(temporary, file);
    } catch (error) {
      if (isErrno(error, 'EEXIST')) return false;
      if (!isErrno(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS')) throw error;
      // A filesystem without hard links: rename cannot refuse to replace, so check just before.
      if ((await readKeyFile(file)) !== undefined) return false;
      await fs.rename(temporary, file);
    }
  } finally {
    await fs.rm(temporary, { force: true });
  }
  await fsyncDirectory(directory);
  return true;
}

/**
 * Loads the key ring from the environment when given there, else from the key file; creates the
 * key file only when it is missing and `mayCreate` (the database holds no sealed data yet).
 * Throws OmbudsError('configuration') for a missing file that may not be created, or a malformed
 * or loosely protected file or variable.
 */
export async function loadKeyRing(options: {
  dataDir: string;
  fromEnv: Config['keysFromEnv'];
  mayCreate: boolean;
}): Promise<{ ring: KeyRing; created: boolean }> {
  if (options.fromEnv !== null) return { ring: parseEnvKeys(options.fromEnv), created: false };
  const file = keyFilePath(options.dataDir);
  const existing = await readKeyFile(file);
  if (existing !== undefined) return { ring: existing, created: false };
  if (!options.mayCreate) {
    throw new OmbudsError(
      'configuration',
      `the key file ${file} is missing, and this database holds sealed data, so ombuds will not make a new key over it: restore the key file from a backup, or set OMBUDS_KEY_ENCRYPTION_KEY and OMBUDS_BLIND_INDEX_KEY`,
    );
  }
  const ring = generateKeyRing();
  const created = await createKeyFile(file, ring).catch((error: unknown) => {
    if (error instanceof OmbudsError) throw error;
    const reason = errnoOf(error) || 'unknown error';
    throw new OmbudsError('configuration', `key file ${file}: cannot be created (${reason})`, {
      cause: error,
    });
  });
  if (created) return { ring, created };
  // Another start created it first: use its keys, never a second set.
  const winner = await readKeyFile(file);
  if (winner === undefined) {
    throw new OmbudsError('configuration', `key file ${file}: vanished while being created`);
  }
  return { ring: winner, created };
}

const keyCheckVersion = 'v1';
const keyCheckConstant = 'ombuds key check/1';

function keyCheckMac(purpose: Purpose, key: Buffer): Buffer {
  // A key derived for this purpose only, so the stored check is unrelated to any use of the key.
  const derived = Buffer.from(
    hkdfSync('sha256', key, Buffer.alloc(0), `${keyCheckConstant} ${purpose}`, 32),
  );
  return createHmac('sha256', derived).update(keyCheckConstant).digest();
}

/**
 * A value the database keeps from its first start, so a later start with other keys is refused:
 * `v1:<kekId>:<bikId>:<HMAC under a key HKDF-derived from the KEK>:<same for the blind-index key>`
 * (base64url). It reveals nothing useful about the keys.
 */
export function keyCheck(ring: KeyRing): string {
  return [
    keyCheckVersion,
    ring.keyEncryptionKey.id,
    ring.blindIndexKey.id,
    keyCheckMac('keyEncryptionKey', ring.keyEncryptionKey.key).toString('base64url'),
    keyCheckMac('blindIndexKey', ring.blindIndexKey.key).toString('base64url'),
  ].join(':');
}

/** Throws OmbudsError('configuration') unless the ring is the one the stored key check was made with. */
export function assertKeyCheck(ring: KeyRing, stored: string): void {
  const parts = stored.split(':');
  if (parts.length !== 5 || parts[0] !== keyCheckVersion) {
    throw new OmbudsError(
      'configuration',
      'the key check stored in the database is not in a format this version of ombuds reads',
    );
  }
  const expected = { keyEncryptionKey: parts[3] ?? '', blindIndexKey: parts[4] ?? '' };
  const storedIds = { keyEncryptionKey: parts[1], blindIndexKey: parts[2] };
  for (const purpose of ['keyEncryptionKey', 'blindIndexKey'] as const) {
    const actual = keyCheckMac(purpose, ring[purpose].key);
    const want = Buffer.from(expected[purpose], 'base64url');
    if (want.length !== actual.length || !timingSafeEqual(want, actual)) {
      throw new OmbudsError(
        'configuration',
        `the ${purposes[purpose].what} ${ring[purpose].id} does not match the one this database was sealed with (${storedIds[purpose]}): restore the original key file or environment variables`,
      );
    }
  }
}
