import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OmbudsError } from '../domain/errors.js';
import {
  assertKeyCheck,
  generateKeyRing,
  keyCheck,
  keyFileFormat,
  keyFilePath,
  keyRingToEnv,
  loadKeyRing,
  namedKey,
  parseEnvKeys,
  type KeyRing,
} from './keys.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ombuds-keys-'));
});

afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

function fileDocument(ring: KeyRing): Record<string, unknown> {
  const entry = (k: { id: string; key: Buffer }) => ({ id: k.id, key: k.key.toString('base64') });
  return {
    format: keyFileFormat,
    keyEncryptionKey: entry(ring.keyEncryptionKey),
    blindIndexKey: entry(ring.blindIndexKey),
  };
}

async function writeKeyFile(content: string, mode = 0o600): Promise<string> {
  const file = keyFilePath(dataDir);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await fs.writeFile(file, content, { mode });
  await fs.chmod(file, mode);
  return file;
}

async function configurationError(promise: Promise<unknown>): Promise<OmbudsError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(OmbudsError);
  expect((error as OmbudsError).code).toBe('configuration');
  expect((error as OmbudsError).message).not.toContain('\n');
  return error as OmbudsError;
}

function configurationErrorOf(run: () => unknown): OmbudsError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OmbudsError);
    expect((error as OmbudsError).code).toBe('configuration');
    return error as OmbudsError;
  }
  throw new Error('expected a configuration error');
}

describe('the key file', () => {
  it('is created with a private directory and file when the database holds no sealed data', async () => {
    const { ring, created } = await loadKeyRing({ dataDir, fromEnv: null, mayCreate: true });
    expect(created).toBe(true);
    const file = keyFilePath(dataDir);
    expect((await fs.stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect(await fs.readdir(path.dirname(file))).toEqual(['ombuds.keys']);
    const document = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
    expect(document).toEqual(fileDocument(ring));
    expect(ring.keyEncryptionKey.id).toMatch(/^kek-[0-9a-f]{8}$/);
    expect(ring.blindIndexKey.id).toMatch(/^bik-[0-9a-f]{8}$/);
    expect(ring.keyEncryptionKey.key).toHaveLength(32);
    expect(ring.keyEncryptionKey.key.equals(ring.blindIndexKey.key)).toBe(false);
  });

  it('gives the same keys on every later load and is never rewritten', async () => {
    const first = await loadKeyRing({ dataDir, fromEnv: null, mayCreate: true });
    const before = await fs.readFile(keyFilePath(dataDir), 'utf8');
    const again = await loadKeyRing({ dataDir, fromEnv: null, mayCreate: true });
    const later = await loadKeyRing({ dataDir, fromEnv: null, mayCreate: false });
    expect(again.created).toBe(false);
    expect(later.created).toBe(false);
    expect(again.ring).toEqual(first.ring);
    expect(later.ring).toEqual(first.ring);
    expect(await fs.readFile(keyFilePath(dataDir), 'utf8')).toBe(before);
  });

  it('is created once when two starts race for it', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => loadKeyRing({ dataDir, fromEnv: null, mayCreate: true })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const onDisk = await loadKeyRing({ dataDir, fromEnv: null, mayCreate: false });
    for (const result of results) expect(result.ring).toEqual(onDisk.ring);
    expect(await fs.readdir(path.dirname(keyFilePath(dataDir)))).toEqual(['ombuds.keys']);
  });

  it('is not made when missing over a database that holds sealed data', async () => {
    const error = await configurationError(
      loadKeyRing({ dataDir, fromEnv: null, mayCreate: false }),
    );
    expect(error.message).toContain(keyFilePath(dataDir));
    expect(error.message).toContain('is missing');
    expect(error.message).toContain('holds sealed data');
    expect(error.message).toContain('will not make a new key');
    expect(await fs.readdir(dataDir)).toEqual([]);
  });

  it('is refused when its group or others may read or write it', async () => {
    const good = JSON.stringify(fileDocument(generateKeyRing()));
    for (const mode of [0o640, 0o604, 0o620, 0o644]) {
      const file = await writeKeyFile(good, mode);
      const error = await configurationError(
        loadKeyRing({ dataDir, fromEnv: null, mayCreate: true }),
      );
      expect(error.message).toContain(file);
      expect(error.message).toContain('expected mode 600');
      await fs.rm(file);
    }
  });

  it('tightens a keys directory that others could enter before writing into it', async () => {
    const directory = path.dirname(keyFilePath(dataDir));
    await fs.mkdir(directory, { mode: 0o755 });
    await fs.chmod(directory, 0o755);
    await loadKeyRing({ dataDir, fromEnv: null, mayCreate: true });
    expect((await fs.stat(directory)).mode & 0o777).toBe(0o700);
  });

  it('reports a data directory it cannot use as a configuration error', async () => {
    const notADirectory = path.join(dataDir, 'file');
    await fs.writeFile(notADirectory, '');
    const error = await configurationError(
      loadKeyRing({ dataDir: notADirectory, fromEnv: null, mayCreate: true }),
    );
    expect(error.message).toContain(keyFilePath(notADirectory));
  });

  it('is refused when it is not a regular file', async () => {
    await fs.mkdir(keyFilePath(dataDir), { recursive: true });
    await configurationError(loadKeyRing({ dataDir, fromEnv: null, mayCreate: true }));
  });

  const ring = generateKeyRing();
  const other = generateKeyRing();
  const good = fileDocument(ring);
  const malformed: [string, string][] = [
    ['not JSON', '{"format": "ombuds-keys/1",'],
    ['empty', ''],
    ['a JSON array', '[]'],
    ['a wrong format tag', JSON.stringify({ ...good, format: 'ombuds-keys/2' })],
    ['no format tag', JSON.stringify({ ...good, format: undefined })],
    ['an unknown field', JSON.stringify({ ...good, extra: 1 })],
    ['a missing key', JSON.stringify({ ...good, blindIndexKey: undefined })],
    [
      'bad base64',
      JSON.stringify({ ...good, keyEncryptionKey: { id: ring.keyEncryptionKey.id, key: '!!!!' } }),
    ],
    [
      'a key of 31 bytes',
      JSON.stringify({
        ...good,
        keyEncryptionKey: {
          id: ring.keyEncryptionKey.id,
          key: ring.keyEncryptionKey.key.subarray(0, 31).toString('base64'),
        },
      }),
    ],
    [
      'a key of 33 bytes',
      JSON.stringify({
        ...good,
        blindIndexKey: {
          id: ring.blindIndexKey.id,
          key: Buffer.concat([ring.blindIndexKey.key, Buffer.from([1])]).toString('base64'),
        },
      }),
    ],
    [
      'base64url instead of base64',
      JSON.stringify({
        ...good,
        keyEncryptionKey: {
          id: ring.keyEncryptionKey.id,
          key: ring.keyEncryptionKey.key.toString('base64url'),
        },
      }),
    ],
    [
      'an id that belongs to another key',
      JSON.stringify({
        ...good,
        keyEncryptionKey: {
          id: other.keyEncryptionKey.id,
          key: ring.keyEncryptionKey.key.toString('base64'),
        },
      }),
    ],
    [
      'a key swapped with its id kept',
      JSON.stringify({
        ...good,
        keyEncryptionKey: {
          id: ring.keyEncryptionKey.id,
          key: other.keyEncryptionKey.key.toString('base64'),
        },
      }),
    ],
    [
      'the same key twice',
      JSON.stringify({
        ...good,
        blindIndexKey: {
          id: namedKey('blindIndexKey', ring.keyEncryptionKey.key).id,
          key: ring.keyEncryptionKey.key.toString('base64'),
        },
      }),
    ],
    [
      'the two keys swapped',
      JSON.stringify({
        ...good,
        keyEncryptionKey: good.blindIndexKey,
        blindIndexKey: good.keyEncryptionKey,
      }),
    ],
  ];

  it.each(malformed)('is refused with a clear message when it has %s', async (_, content) => {
    const file = await writeKeyFile(content);
    const error = await configurationError(
      loadKeyRing({ dataDir, fromEnv: null, mayCreate: true }),
    );
    expect(error.message).toMatch(
      new RegExp(`^key file ${file.replace(/[.\\]/g, '\\$&')}: expected`),
    );
    expect(error.message).not.toContain(ring.keyEncryptionKey.key.toString('base64'));
    expect(error.message).not.toContain(other.keyEncryptionKey.key.toString('base64'));
    // Never overwritten, even though mayCreate was true.
    expect(await fs.readFile(file, 'utf8')).toBe(content);
  });
});

describe('keys from the environment', () => {
  it('parse from the form keyRingToEnv prints, and no key file is made', async () => {
    const ring = generateKeyRing();
    const env = keyRingToEnv(ring);
    expect(env.OMBUDS_KEY_ENCRYPTION_KEY).toMatch(/^kek-[0-9a-f]{8}:[A-Za-z0-9+/]{43}=$/);
    expect(env.OMBUDS_BLIND_INDEX_KEY).toMatch(/^bik-[0-9a-f]{8}:[A-Za-z0-9+/]{43}=$/);
    const fromEnv = {
      keyEncryptionKey: `${env.OMBUDS_KEY_ENCRYPTION_KEY}\n`,
      blindIndexKey: env.OMBUDS_BLIND_INDEX_KEY,
    };
    const loaded = await loadKeyRing({ dataDir, fromEnv, mayCreate: true });
    expect(loaded).toEqual({ ring, created: false });
    expect(await fs.readdir(dataDir)).toEqual([]);
  });

  const ring = generateKeyRing();
  const env = keyRingToEnv(ring);
  const [kekId, kekKey] = env.OMBUDS_KEY_ENCRYPTION_KEY.split(':') as [string, string];
  const bad: [string, string, string, string][] = [
    ['an empty value', '', env.OMBUDS_BLIND_INDEX_KEY, 'OMBUDS_KEY_ENCRYPTION_KEY'],
    ['no id', kekKey, env.OMBUDS_BLIND_INDEX_KEY, 'OMBUDS_KEY_ENCRYPTION_KEY'],
    [
      'a malformed id',
      `kek-XYZ:${kekKey}`,
      env.OMBUDS_BLIND_INDEX_KEY,
      'OMBUDS_KEY_ENCRYPTION_KEY',
    ],
    [
      'bad base64',
      `${kekId}:${'*'.repeat(43)}=`,
      env.OMBUDS_BLIND_INDEX_KEY,
      'OMBUDS_KEY_ENCRYPTION_KEY',
    ],
    [
      'a short key',
      `${kekId}:${kekKey.slice(4)}`,
      env.OMBUDS_BLIND_INDEX_KEY,
      'OMBUDS_KEY_ENCRYPTION_KEY',
    ],
    [
      'hex instead of base64',
      `${kekId}:${ring.keyEncryptionKey.key.toString('hex')}`,
      env.OMBUDS_BLIND_INDEX_KEY,
      'OMBUDS_KEY_ENCRYPTION_KEY',
    ],
    [
      'a changed character',
      `${kekId}:${kekKey[0] === 'A' ? 'B' : 'A'}${kekKey.slice(1)}`,
      env.OMBUDS_BLIND_INDEX_KEY,
      'OMBUDS_KEY_ENCRYPTION_KEY',
    ],
    [
      'the variables swapped',
      env.OMBUDS_BLIND_INDEX_KEY,
      env.OMBUDS_KEY_ENCRYPTION_KEY,
      'OMBUDS_KEY_ENCRYPTION_KEY',
    ],
    [
      'a bad blind-index key',
      env.OMBUDS_KEY_ENCRYPTION_KEY,
      'bik-00000000:',
      'OMBUDS_BLIND_INDEX_KEY',
    ],
  ];

  it.each(bad)('are refused with a message naming the variable for %s', (_, kek, bik, name) => {
    const error = configurationErrorOf(() =>
      parseEnvKeys({ keyEncryptionKey: kek, blindIndexKey: bik }),
    );
    expect(error.message).toMatch(new RegExp(`^${name}: expected`));
    expect(error.message).not.toContain(kekKey);
  });

  it('are refused when both variables hold the same key', () => {
    const twin = keyRingToEnv({
      keyEncryptionKey: ring.keyEncryptionKey,
      blindIndexKey: namedKey('blindIndexKey', ring.keyEncryptionKey.key),
    });
    const error = configurationErrorOf(() =>
      parseEnvKeys({
        keyEncryptionKey: twin.OMBUDS_KEY_ENCRYPTION_KEY,
        blindIndexKey: twin.OMBUDS_BLIND_INDEX_KEY,
      }),
    );
    expect(error.message).toContain('expected two different keys');
  });
});

describe('the key check', () => {
  const ring = generateKeyRing();

  it('matches the ring it was made with, loaded again from a file or the environment', async () => {
    const stored = keyCheck(ring);
    expect(stored).toMatch(/^v1:kek-[0-9a-f]{8}:bik-[0-9a-f]{8}:[\w-]{43}:[\w-]{43}$/);
    expect(() => assertKeyCheck(ring, stored)).not.toThrow();
    const env = keyRingToEnv(ring);
    const fromEnv = {
      keyEncryptionKey: env.OMBUDS_KEY_ENCRYPTION_KEY,
      blindIndexKey: env.OMBUDS_BLIND_INDEX_KEY,
    };
    const { ring: loaded } = await loadKeyRing({ dataDir, fromEnv, mayCreate: false });
    expect(() => assertKeyCheck(loaded, stored)).not.toThrow();
    expect(keyCheck(loaded)).toBe(stored);
  });

  it('refuses another key-encryption key, naming both ids', () => {
    const stored = keyCheck(ring);
    const other = { ...ring, keyEncryptionKey: generateKeyRing().keyEncryptionKey };
    const error = configurationErrorOf(() => assertKeyCheck(other, stored));
    expect(error.message).toContain(
      `the key-encryption key ${other.keyEncryptionKey.id} does not match the one this database was sealed with (${ring.keyEncryptionKey.id})`,
    );
  });

  it('refuses another blind-index key', () => {
    const stored = keyCheck(ring);
    const other = { ...ring, blindIndexKey: generateKeyRing().blindIndexKey };
    const error = configurationErrorOf(() => assertKeyCheck(other, stored));
    expect(error.message).toContain('the blind-index key');
    expect(error.message).toContain('does not match the one this database was sealed with');
  });

  it('refuses a check whose ids were edited to fit, because the MACs decide', () => {
    const other = generateKeyRing();
    const forged = keyCheck(ring)
      .replace(ring.keyEncryptionKey.id, other.keyEncryptionKey.id)
      .replace(ring.blindIndexKey.id, other.blindIndexKey.id);
    configurationErrorOf(() => assertKeyCheck(other, forged));
  });

  it.each(['', 'v1', 'v2:a:b:c:d', 'v1:a:b:c', 'v1:a:b:!!:??', 'v1:a:b::'])(
    'refuses a malformed stored check %j',
    (stored) => {
      configurationErrorOf(() => assertKeyCheck(ring, stored));
    },
  );

  it('shows nothing of the keys', () => {
    const stored = keyCheck(ring);
    for (const key of [ring.keyEncryptionKey.key, ring.blindIndexKey.key]) {
      for (const encoding of ['base64', 'base64url', 'hex'] as const) {
        expect(stored).not.toContain(key.toString(encoding).slice(0, 8));
      }
    }
    expect(keyCheck(generateKeyRing())).not.toBe(stored);
  });
});
